import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { loadConfig, rootDir } from '../../../src/config.js';
import { createDb, type Db } from '../../../src/db.js';
import { systemClock } from '../../../src/lib/clock.js';
import { toNumber } from '../../../src/lib/db-values.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createServices } from '../../../src/services.js';
import {
  buildImportBatch,
  buildInvitation,
  buildOrganisation,
  buildOutboxMessage,
  buildParticipationLink,
  buildPasswordReset,
  buildProject,
  buildRepresentative,
  buildUser,
} from '../../helpers/builders.js';
import { freshDatabase, testEngine } from '../../helpers/db.js';
import { table } from '../../helpers/rows.js';

// Issue 18, "Done when": each scheduled job runs once with two app processes on one PostgreSQL database. Two real
// `src/server.ts` processes (worker in the app, looking for due jobs every 100 ms) race for every registered job at
// the same moment; each job must run once, be recorded once in job_runs, and do its work once.
// PostgreSQL only: the deployment with several instances is a PostgreSQL one (SQLite is one file on one machine).

interface AppProcess {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
}

/** Starts `node --import tsx src/server.ts` on the database; resolves when it listens. */
async function startApp(databaseUrl: string): Promise<AppProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    WORKER_IN_APP: 'true',
    WORKER_POLL_MS: '100',
    WORKER_JOBS_MS: '100',
    SCRYPT_LOG2N: '10',
    DATABASE_URL: databaseUrl,
  };
  delete env.SMTP_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(rootDir, 'src', 'server.ts')], {
    cwd: rootDir,
    stdio: ['pipe', 'pipe', 'pipe'],
    env,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/running/i.test(output) && output.endsWith('\n\n')) resolve();
    };
    child.stdout.on('data', check);
    child.on('exit', () => reject(new Error(`the app stopped: ${output}`)));
  });
  return { child, output: () => output };
}

/** SIGTERM, and waits for the process to end (its worker finishes the round in progress first). */
async function stopApp(app: AppProcess | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = once(app.child, 'exit');
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

describe('each scheduled job runs once with two app processes on one database (PostgreSQL only)', function () {
  this.timeout(120_000);
  const databases: Db[] = [];
  let apps: AppProcess[] = [];

  before(function () {
    // the race between instances is a PostgreSQL deployment's (row locks, one database for several machines)
    if (testEngine !== 'pg') this.skip();
  });
  afterEach(async () => {
    await Promise.all(apps.map(stopApp));
    apps = [];
    await Promise.all(databases.splice(0).map((d) => d.destroy()));
  });

  it('runs every registered job once, records it once in job_runs, and its work is done once', async () => {
    const database = await freshDatabase();
    const databaseUrl = database.databaseUrl!;
    const db = createDb(database);
    databases.push(db);
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), ...database };
    const local = createServices({ config, db, clock: systemClock, logger: createLogger('silent') });
    const names = local.runtime.scheduler.names();
    local.runtime.mailSender.close();

    // work for every job, dated from now (the processes run on the real clock)
    const now = DateTime.utc();
    const ago = (duration: Parameters<DateTime['minus']>[0]) => now.minus(duration).toISO();
    const org = await buildOrganisation(db);
    const admin = await buildUser(db, org, { role: 'admin' });
    const supervisor = await buildUser(db, org, { role: 'supervisor' });
    await db('users').where({ id: supervisor.id }).update({ weekly_digest: true });
    const project = await buildProject(db, org);
    const toRemind = await buildRepresentative(db, org);
    const reminded = await buildInvitation(
      db,
      org,
      { projectId: project, representativeId: toRemind, status: 'sent' },
      { sentAt: ago({ days: 10 }), expiresAt: now.plus({ days: 2 }).toISO(), tokenHash: 'b'.repeat(64) },
    );
    const overdue = await buildInvitation(
      db,
      org,
      { projectId: project, representativeId: await buildRepresentative(db, org), status: 'sent' },
      { sentAt: ago({ days: 15 }), expiresAt: ago({ hours: 1 }), tokenHash: 'c'.repeat(64) },
    );
    const lastPausedDay = now.setZone('Europe/Oslo').minus({ days: 2 }).toISODate()!;
    const paused = await buildRepresentative(db, org, { status: 'paused', pausedUntil: lastPausedDay });
    // purges: an old e-mail body, a session, a rate-limit window, a reset link, an upload, an e-mail change, a
    // personal link, an aggregated refusal, an audit event older than five years, a record of a run long ago
    const message = await buildOutboxMessage(db, org);
    await db('outbox_messages')
      .where({ id: message })
      .update({ created_at: ago({ days: 40 }) });
    await db('sessions').insert({
      id_hash: 'd'.repeat(64),
      organisation_id: org,
      user_id: admin.id,
      data: '{}',
      created_at: ago({ days: 2 }),
      last_seen_at: ago({ days: 2 }),
      expires_at: ago({ days: 1 }),
    });
    await db('rate_limits').insert({
      key: 'login:ip:192.0.2.1',
      window_start: ago({ hours: 2 }),
      count: 3,
      expires_at: ago({ hours: 1 }),
    });
    await buildPasswordReset(db, org, admin.id, { now: now.minus({ hours: 2 }) });
    await buildImportBatch(db, org, admin.id, { createdAt: ago({ days: 2 }) });
    await db('email_changes').insert({
      organisation_id: org,
      representative_id: toRemind,
      new_email: 'ny@test.example',
      token_hash: 'e'.repeat(64),
      created_at: ago({ days: 3 }),
      expires_at: ago({ days: 2 }),
    });
    await buildParticipationLink(db, org, toRemind, { now: now.minus({ days: 100 }), days: 30 });
    const audit = (row: Record<string, unknown>) =>
      db('audit_events').insert({ actor_type: 'anonymous', action: 'auth.sign_in_failed', details: '{}', ...row });
    await audit({ organisation_id: null, occurred_at: ago({ days: 100 }), aggregate_key: 'f'.repeat(64) });
    await audit({ organisation_id: org, actor_type: 'user', actor_user_id: admin.id, occurred_at: ago({ years: 6 }) });
    await db('job_runs').insert({
      job: 'a-job-long-gone',
      worker_id: 'old',
      started_at: ago({ days: 100 }),
      finished_at: ago({ days: 100 }),
    });

    // every job registered but not yet due, so that neither process starts on it before both listen
    await db('jobs').insert(names.map((name) => ({ name, next_run_at: now.plus({ days: 1 }).toISO(), runs: 0 })));
    apps = await Promise.all([startApp(databaseUrl), startApp(databaseUrl)]);
    // now every job is due for both at once
    await db('jobs').update({ next_run_at: DateTime.utc().toISO() });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const pending = (await table(db, 'jobs')).filter((j) => toNumber(j.runs) < 1 || j.locked_by !== null);
      if (pending.length === 0) break;
      if (Date.now() > deadline) throw new Error(`not run: ${pending.map((j) => j.name).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // a second claim would have had a second of polls to show
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await Promise.all(apps.map(stopApp));

    const jobs = await table(db, 'jobs').orderBy('name');
    expect(jobs.map((j) => j.name)).to.deep.equal(names);
    for (const job of jobs) {
      expect(toNumber(job.runs), job.name).to.equal(1);
      expect(job.last_error, job.name).to.equal(null);
    }
    const runs = await table(db, 'job_runs').orderBy('job');
    expect(runs.map((r) => r.job)).to.deep.equal(names);
    const counts = Object.fromEntries(runs.map((r) => [r.job, JSON.parse(r.counts) as Record<string, number>]));
    for (const run of runs) expect(run.error, run.job).to.equal(null);

    // each did its work, once
    const expected: Record<string, Record<string, number>> = {
      'invitation-expiry': { expired: 1 },
      'invitation-reminders': { reminded: 1 },
      'purge-abandoned-imports': { batches: 1 },
      'purge-audit-aggregates': { aggregates: 1 },
      'purge-audit-events': { events: 1 },
      'purge-email-bodies': { purged: 1 },
      'purge-email-changes': { purged: 1 },
      'purge-job-runs': { runs: 1 },
      'purge-personal-links': { links: 1 },
      'purge-sessions-and-limits': { sessions: 1, rateLimits: 1, resetLinks: 1 },
      'sqlite-optimize': { skipped: 1 },
      'weekly-digest': { sent: 1 },
      'representative-lifecycle': { pausesEnded: 1 },
    };
    for (const [name, values] of Object.entries(expected)) {
      if (names.includes(name)) expect(counts[name], name).to.include(values);
    }
    const mail = await table(db, 'outbox_messages').whereIn('kind', ['invitation_reminder', 'weekly_digest']);
    expect(mail.map((m) => m.kind).sort()).to.deep.equal(['invitation_reminder', 'weekly_digest']);
    expect((await table(db, 'invitations').where({ id: reminded }).first())?.reminded_at).to.not.equal(null);
    expect((await table(db, 'invitations').where({ id: overdue }).first())?.status).to.equal('expired');
    const systemAudit = await table(db, 'audit_events').whereIn('action', [
      'invitation.reminded',
      'invitation.expired',
    ]);
    expect(systemAudit).to.have.length(2);
    if (names.includes('representative-lifecycle')) {
      expect((await table(db, 'representatives').where({ id: paused }).first())?.status).to.equal('active');
      const changes = await table(db, 'representative_status_changes').where({ representative_id: paused });
      expect(changes.map((c) => c.to_status)).to.deep.equal(['active']);
      const notices = await db('notices').where({ representative_id: paused, kind: 'pause_ended' }).count({ n: '*' });
      expect(toNumber((notices[0] as { n: unknown }).n)).to.equal(1);
    }
  });
});
