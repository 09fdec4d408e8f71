import { expect } from 'chai';
import { createDb, migrateLatest, migrationConfig, type Db } from '../../../src/db.js';
import { toNumber } from '../../../src/lib/db-values.js';
import { ManualClock } from '../../../src/lib/clock.js';
import { seedDemoIfEmpty, DEMO_COLLEAGUE_LOGIN, DEMO_LOGINS } from '../../../seeds/demo.js';
import { verifyPassword } from '../../../src/lib/passwords.js';
import { testConfig, testEngine } from '../../helpers/db.js';
import { table, one } from '../../helpers/rows.js';

describe(`database (${testEngine})`, () => {
  let db: Db;
  beforeEach(async () => {
    db = createDb(await testConfig());
  });
  afterEach(() => db.destroy());

  it('rolls every migration back and forward again', async () => {
    await db.migrate.rollback(migrationConfig, true);
    expect(await db.schema.hasTable('representatives')).to.equal(false);
    const ran = await migrateLatest(db);
    expect(ran.length).to.be.greaterThan(3);
    expect(ran.every((name) => name.endsWith('.ts'))).to.equal(true);
    expect(await db.schema.hasTable('representatives')).to.equal(true);
  });

  if (testEngine === 'sqlite') {
    it('sets WAL, synchronous=FULL, foreign keys and a busy timeout on the connection', async () => {
      const pragma = async (name: string) =>
        Object.values((await db.raw<Array<Record<string, unknown>>>(`PRAGMA ${name}`))[0] ?? {})[0];
      expect(await pragma('journal_mode')).to.equal('wal');
      expect(await pragma('synchronous')).to.equal(2);
      expect(await pragma('foreign_keys')).to.equal(1);
      expect(await pragma('busy_timeout')).to.equal(50);
    });
  }

  it('refuses a row that points at a missing organisation (foreign keys are on)', async () => {
    let failed = false;
    try {
      await db('units').insert({
        organisation_id: 999,
        name: 'x',
        kind: 'gp_office',
        created_at: new Date().toISOString(),
      });
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
  });

  it('seeds the demo organisation once, with units, contacts, skills, 30+ representatives and three users', async () => {
    const config = { env: 'test' as const, scryptLog2N: 10 };
    expect(await seedDemoIfEmpty(db, config, new ManualClock())).to.equal(true);
    expect(await seedDemoIfEmpty(db, config, new ManualClock())).to.equal(false);
    const count = async (table: string) => toNumber((await db(table).count({ n: '*' }).first())?.n);
    expect(await count('organisations')).to.equal(1);
    expect(await count('representatives')).to.be.at.least(30);
    expect(await count('units')).to.be.at.least(5);
    expect(await count('contacts')).to.be.at.least(8);
    expect(await count('skills')).to.be.at.least(15);
    const users = await table(db, 'users').select('email', 'role', 'password_hash').orderBy('email');
    // two facilitators share the network (issue 20)
    expect(users.map((u) => u.role).sort()).to.deep.equal(['admin', 'facilitator', 'facilitator', 'supervisor']);
    for (const login of [...DEMO_LOGINS, DEMO_COLLEAGUE_LOGIN]) {
      const user = users.find((u) => u.email === login.email)!;
      expect(await verifyPassword(login.password, user.password_hash!), login.email).to.equal(true);
    }
  });

  it('never seeds demo data in production', async () => {
    let error: Error | undefined;
    try {
      await seedDemoIfEmpty(db, { env: 'production', scryptLog2N: 10 }, new ManualClock());
    } catch (err) {
      error = err as Error;
    }
    expect(error?.message).to.match(/never seeded in production/);
    expect(toNumber((await table(db, 'organisations').count({ n: '*' }).first())?.n)).to.equal(0);
  });

  it('returns counts, booleans and dates in one shape on both engines through the converters', async () => {
    await seedDemoIfEmpty(db, { env: 'test', scryptLog2N: 10 }, new ManualClock());
    const row = await one(table(db, 'representatives').where({ status: 'paused' }).first());
    expect(typeof row.paused_until).to.equal('string');
    expect(row.paused_until).to.match(/^\d{4}-\d{2}-\d{2}$/);
  });
});
