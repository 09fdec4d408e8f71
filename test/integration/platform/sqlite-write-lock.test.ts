import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { expect } from 'chai';
import request from 'supertest';
import { rootDir } from '../../../src/config.js';
import { transactor } from '../../../src/db.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser } from '../../helpers/builders.js';
import { testEngine } from '../../helpers/db.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';

// Issue 19, item 2(c): another process holding SQLite's write lock blocked the whole process for 5 s per write
// (better-sqlite3's busy timeout waits synchronously) while /healthz said 200. Now transactions begin IMMEDIATE
// with a 50 ms busy timeout and wait for the lock asynchronously: reads go on, writes wait and then succeed (or
// get the 503 page after SQLITE_WRITE_WAIT_MS), and /readyz reports the stall. The other process is a real one:
// a child that opens the same file, takes the lock with BEGIN IMMEDIATE and holds it until told to let go.
// SQLite only: PostgreSQL has row locks and no database-wide write lock (its outage test is database-outage.test.ts).

const HOLDER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
process.stdout.write('held\\n');
process.stdin.on('data', () => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); process.exit(0); });
setTimeout(() => { db.exec('COMMIT'); process.exit(0); }, 60000);
`;

interface Holder {
  child: ChildProcessWithoutNullStreams;
  release(): Promise<void>;
}

/** A separate process that holds the database's write lock until release() (at most a minute). */
async function holdWriteLock(file: string): Promise<Holder> {
  const child = spawn(process.execPath, ['-e', HOLDER, file], { cwd: rootDir, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => output.includes('held') && resolve());
    child.on('exit', () => reject(new Error(`the lock holder stopped: ${output}`)));
  });
  return {
    child,
    async release() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin.write('go\n');
      await exited;
    },
  };
}

/** Runs a request and measures how long it took to answer. */
async function timed<T>(run: () => PromiseLike<T>): Promise<{ res: T; ms: number }> {
  const start = performance.now();
  const res = await run();
  return { res, ms: performance.now() - start };
}

describe('another process holds the SQLite write lock (SQLite only)', function () {
  this.timeout(60_000);
  let t: TestApp | undefined;
  let holder: Holder | undefined;
  let agent: Agent;

  before(function () {
    // PostgreSQL has no database-wide write lock: nothing to hold
    if (testEngine !== 'sqlite') this.skip();
  });
  afterEach(async () => {
    await holder?.release();
    holder = undefined;
    await t?.close();
    t = undefined;
  });

  async function start(env: NodeJS.ProcessEnv = {}) {
    t = await buildTestApp(env);
    const org = await buildOrganisation(t.db);
    const user = await buildUser(t.db, org, { role: 'facilitator' });
    ({ agent } = await signIn(t.app, user.email, user.password));
    return t;
  }

  /** Posts a new skill from the skills page (a write in one transaction, audited). */
  async function postSkill(name: string) {
    const page = await agent.get('/skills').expect(200);
    return agent
      .post('/skills')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), nameNb: name, nameEn: name, category: 'competence' })
      .then((res) => res);
  }

  /** Asks /readyz until it reports stalled writes (it does once writes have waited a second), at most 8 s. */
  async function readyzUntilStalled(app: TestApp) {
    for (let i = 0; i < 80; i += 1) {
      const res = await request(app.app).get('/readyz');
      if ((res.body as { writes?: string }).writes === 'stalled') return res;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('/readyz never reported the stalled writes');
  }

  it('keeps serving reads, /healthz and /readyz while a write waits, and the write succeeds once the lock is free', async () => {
    const app = await start();
    expect((await request(app.app).get('/readyz').expect(200)).body).to.deep.equal({
      status: 'ready',
      database: 'up',
      migrations: 'current',
      writes: 'ok',
    });
    holder = await holdWriteLock(app.config.sqliteFile);

    const writing = postSkill('Lydteknikk');
    let writeDone = false;
    void writing.then(() => (writeDone = true));

    const stalled = await readyzUntilStalled(app);
    expect(stalled.status).to.equal(503);
    expect(stalled.body).to.deep.equal({
      status: 'unavailable',
      database: 'up',
      migrations: 'current',
      writes: 'stalled',
    });
    expect(writeDone, 'the write waits for the lock').to.equal(false);

    // reads, liveness and readiness answer at once (SQLite's own busy wait is 50 ms, not 5 s), even when the
    // session's last activity is due to be recorded (that write is skipped, not waited for)
    app.clock.advance({ minutes: 5 });
    for (const path of ['/skills', '/', '/representatives']) {
      const { res, ms } = await timed(() => agent.get(path));
      expect(res.status, path).to.equal(200);
      expect(ms, `${path} answered in ${Math.round(ms)} ms`).to.be.below(1000);
    }
    const health = await timed(() => request(app.app).get('/healthz'));
    expect(health.res.status).to.equal(200);
    expect(health.ms).to.be.below(1000);
    const ready = await timed(() => request(app.app).get('/readyz'));
    expect(ready.res.status).to.equal(503);
    expect(ready.ms).to.be.below(1000);
    // a single write outside a transaction waits too, without holding the process
    const single = app.db('organisations').update({ name: 'Nytt navn' });
    const healthWhileSingle = await timed(() => request(app.app).get('/healthz'));
    expect(healthWhileSingle.ms).to.be.below(1000);
    expect(writeDone, 'the write still waits').to.equal(false);

    await holder.release();
    const written = await writing;
    expect(written.status).to.equal(303);
    expect(await single).to.equal(1);
    expect(await app.db('skills').where({ name_nb: 'Lydteknikk' }).count({ n: '*' }).first()).to.deep.equal({ n: 1 });
    expect((await request(app.app).get('/readyz').expect(200)).body).to.include({ status: 'ready', writes: 'ok' });
  });

  it('answers a write with the 503 page when the lock is held past SQLITE_WRITE_WAIT_MS, and nothing is written', async () => {
    const app = await start({ SQLITE_WRITE_WAIT_MS: '1000' });
    holder = await holdWriteLock(app.config.sqliteFile);
    const { res, ms } = await timed(() => postSkill('Lydteknikk'));
    expect(res.status).to.equal(503);
    expect(res.headers['retry-after']).to.equal('30');
    expect(res.text).to.include('<html');
    expect(ms, 'gave up after about the bound').to.be.below(5000);
    // reads went on meanwhile and still do
    expect((await agent.get('/skills')).status).to.equal(200);

    await holder.release();
    holder = undefined;
    expect(await app.db('skills').where({ name_nb: 'Lydteknikk' }).count({ n: '*' }).first()).to.deep.equal({ n: 0 });
    // the stall is over: the next write goes through
    expect((await postSkill('Lydteknikk')).status).to.equal(303);
    expect((await request(app.app).get('/readyz').expect(200)).body).to.include({ writes: 'ok' });
  });

  it("never runs a transaction's work when it could not take the lock, not even once outside a transaction", async () => {
    const app = await start({ SQLITE_WRITE_WAIT_MS: '300' });
    holder = await holdWriteLock(app.config.sqliteFile);
    let runs = 0;
    let error: unknown;
    try {
      await transactor(app.db)(async () => {
        runs += 1;
        return Promise.resolve();
      });
    } catch (err) {
      error = err;
    }
    expect((error as { code?: string }).code).to.equal('SQLITE_BUSY');
    expect(runs).to.equal(0);
    await holder.release();
    holder = undefined;
    await transactor(app.db)(async () => {
      runs += 1;
      return Promise.resolve();
    });
    expect(runs).to.equal(1);
  });
});
