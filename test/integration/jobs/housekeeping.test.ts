import { expect } from 'chai';
import request from 'supertest';
import { DateTime } from 'luxon';
import { toInstant, toNumber } from '../../../src/lib/db-values.js';
import type { Logger } from '../../../src/lib/logger.js';
import { JobsRepository } from '../../../src/features/jobs/jobs.repository.js';
import { Scheduler, every } from '../../../src/features/jobs/scheduler.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildImportBatch,
  buildOrganisation,
  buildOutboxMessage,
  buildParticipationLink,
  buildPasswordReset,
  buildRepresentative,
  buildUser,
  type BuiltUser,
} from '../../helpers/builders.js';
import { testEngine } from '../../helpers/db.js';
import { table } from '../../helpers/rows.js';

// Issue 18, item 2: the housekeeping jobs. Each purge is run by the real scheduler (background.runOnce) while the
// injected clock is moved across its date, and every run is read back from job_runs with its counts.

const ZONE = 'Europe/Oslo';
/** A Tuesday in winter (Oslo is UTC+1): the daily jobs run at 03:00 local, 02:00 UTC. */
const T0 = '2027-01-05T10:00:00.000Z';
/** The nightly jobs registered by this housekeeping. */
const DAILY = [
  'purge-audit-aggregates',
  'purge-audit-events',
  'purge-job-runs',
  'purge-personal-links',
  'sqlite-optimize',
];

interface Run {
  job: string;
  workerId: string;
  startedAt: string;
  finishedAt: string;
  counts: Record<string, unknown>;
  error: string | null;
}

describe(`housekeeping jobs, each recorded with its counts (${testEngine})`, () => {
  let t: TestApp;
  let org: number;
  let admin: BuiltUser;

  beforeEach(async () => {
    t = await buildTestApp();
    t.clock.set(T0);
    org = await buildOrganisation(t.db);
    admin = await buildUser(t.db, org, { role: 'admin' });
  });
  afterEach(() => t.close());

  /** Sets the clock and runs one round of the background worker; returns the jobs that ran. */
  const runAt = async (iso: string): Promise<string[]> => {
    t.clock.set(iso);
    return (await t.services.runtime.background.runOnce()).jobs;
  };
  const runs = async (job?: string): Promise<Run[]> => {
    const query = table(t.db, 'job_runs').orderBy('id');
    if (job) void query.where({ job });
    return (await query).map((r) => ({
      job: r.job,
      workerId: r.worker_id,
      startedAt: toInstant(r.started_at)!,
      finishedAt: toInstant(r.finished_at)!,
      counts: JSON.parse(r.counts) as Record<string, unknown>,
      error: r.error,
    }));
  };
  const lastCounts = async (job: string) => (await runs(job)).at(-1)?.counts;
  const auditIds = async () =>
    (await table(t.db, 'audit_events').orderBy('id').select('id')).map((r) => toNumber(r.id));

  it('records every run of every registered job in job_runs: worker, times, counts in numbers only', async () => {
    await runAt(T0);
    await runAt('2027-01-06T02:05:00.000Z'); // 03:05 in Oslo: the nightly jobs
    await runAt('2027-01-11T06:05:00.000Z'); // Monday 07:05: the weekly digest
    const recorded = await runs();
    const jobs = await table(t.db, 'jobs').orderBy('name');
    expect(jobs.map((j) => j.name)).to.deep.equal(t.services.runtime.scheduler.names());
    for (const job of jobs) {
      const own = recorded.filter((r) => r.job === job.name);
      expect(own.length, job.name).to.be.greaterThan(0);
      expect(own.length, `${job.name}: one row a run`).to.equal(toNumber(job.runs));
      for (const run of own) {
        expect(run.error, job.name).to.equal(null);
        expect(run.workerId).to.equal(t.services.runtime.workerId);
        expect(run.finishedAt >= run.startedAt).to.equal(true);
        expect(Object.keys(run.counts).length, `${job.name} counts something`).to.be.greaterThan(0);
        for (const value of Object.values(run.counts)) expect(value, job.name).to.be.a('number');
      }
    }
    // the nightly ones first ran at their hour (03:00, and 04:00 for sqlite-optimize), then again on the Monday
    for (const name of DAILY) {
      expect(
        (await runs(name)).map((r) => r.startedAt),
        name,
      ).to.deep.equal(
        name === 'sqlite-optimize'
          ? ['2027-01-11T06:05:00.000Z']
          : ['2027-01-06T02:05:00.000Z', '2027-01-11T06:05:00.000Z'],
      );
    }
  });

  it('records the purges that existed before (reset links, abandoned imports, e-mail bodies, e-mail changes)', async () => {
    const now = DateTime.fromISO(T0);
    const rep = await buildRepresentative(t.db, org);
    await buildPasswordReset(t.db, org, admin.id, { now, minutes: 30 });
    await buildImportBatch(t.db, org, admin.id, { createdAt: T0 });
    const message = await buildOutboxMessage(t.db, org);
    await t.db('outbox_messages').where({ id: message }).update({ created_at: T0 });
    await t.db('email_changes').insert({
      organisation_id: org,
      representative_id: rep,
      new_email: 'ny@test.example',
      token_hash: 'a'.repeat(64),
      created_at: T0,
      expires_at: now.plus({ hours: 24 }).toISO(),
    });

    await runAt(T0);
    expect(await lastCounts('purge-sessions-and-limits')).to.include({ resetLinks: 0 });
    expect(await lastCounts('purge-abandoned-imports')).to.deep.equal({ batches: 0 });
    expect(await lastCounts('purge-email-bodies')).to.deep.equal({ purged: 0 });
    expect(await lastCounts('purge-email-changes')).to.deep.equal({ purged: 0 });

    // 31 days on: each has passed its time (30 minutes, 24 hours, 30 days, 24 hours)
    await runAt(now.plus({ days: 31 }).toISO()!);
    expect(await lastCounts('purge-sessions-and-limits')).to.include({ resetLinks: 1 });
    expect(await lastCounts('purge-abandoned-imports')).to.deep.equal({ batches: 1 });
    expect(await lastCounts('purge-email-bodies')).to.deep.equal({ purged: 1 });
    expect(await lastCounts('purge-email-changes')).to.deep.equal({ purged: 1 });
    for (const name of ['password_resets', 'import_batches', 'email_changes'] as const) {
      expect(await table(t.db, name).select('id'), name).to.have.length(0);
    }
  });

  it('deletes aggregated anonymous refusals once their hour ended more than 90 days ago, and nothing else', async () => {
    await t.services.auditService.recordRefusal(
      { organisationId: null, actorType: 'anonymous', action: 'auth.sign_in_rate_limited' },
      '192.0.2.7',
    );
    await t.services.auditService.recordRefusal(
      { organisationId: null, actorType: 'anonymous', action: 'auth.sign_in_rate_limited' },
      '192.0.2.7',
    );
    await t.services.auditService.byUser(admin, 'organisation.settings_changed', { type: 'organisation', id: org });
    const [aggregate, ordinary] = await auditIds();
    expect(toNumber((await table(t.db, 'audit_events').where({ id: aggregate }).first())?.occurrences)).to.equal(2);
    await runAt(T0);

    // 5 April, 03:30 in Oslo (summer time): 89 days and 17.5 hours after the refusal's hour began
    await runAt('2027-04-05T01:30:00.000Z');
    expect(await lastCounts('purge-audit-aggregates')).to.deep.equal({ aggregates: 0 });
    expect(await auditIds()).to.deep.equal([aggregate, ordinary]);

    // the next night the hour ended more than 90 days ago
    await runAt('2027-04-06T01:30:00.000Z');
    expect(await lastCounts('purge-audit-aggregates')).to.deep.equal({ aggregates: 1 });
    expect(await auditIds()).to.deep.equal([ordinary]);
    expect((await runs('purge-audit-aggregates')).map((r) => r.startedAt)).to.deep.equal([
      '2027-04-05T01:30:00.000Z',
      '2027-04-06T01:30:00.000Z',
    ]);
  });

  it('keeps an expired personal link 30 days to say that it is too old (410), then deletes it', async () => {
    const rep = await buildRepresentative(t.db, org);
    const now = DateTime.fromISO(T0, { zone: 'utc' });
    const expiring = await buildParticipationLink(t.db, org, rep, { now, days: 1 }); // expires 6 January, 10:00 UTC
    const valid = await buildParticipationLink(t.db, org, rep, { now, days: 180 });
    await runAt(T0);

    // 5 February, 03:30 in Oslo: expired 29.7 days ago
    await runAt('2027-02-05T02:30:00.000Z');
    expect(await lastCounts('purge-personal-links')).to.deep.equal({ links: 0 });
    expect(await table(t.db, 'participation_links').select('id')).to.have.length(2);
    await request(t.app).get(`/me/${expiring}`).expect(410);

    await runAt('2027-02-06T02:30:00.000Z');
    expect(await lastCounts('purge-personal-links')).to.deep.equal({ links: 1 });
    expect(await table(t.db, 'participation_links').select('id')).to.have.length(1);
    await request(t.app).get(`/me/${expiring}`).expect(404);
    await request(t.app).get(`/me/${valid}`).expect(200);
  });

  it("deletes audit events older than the organisation's retention, and never a representative", async () => {
    const other = await buildOrganisation(t.db);
    const otherAdmin = await buildUser(t.db, other, { role: 'admin' });
    const veteran = await buildRepresentative(t.db, org, { createdAt: '2020-01-01T10:00:00.000Z' });
    const event = async (at: string, write: () => Promise<void>) => {
      t.clock.set(at);
      await write();
      return (await auditIds()).at(-1)!;
    };
    const staffEvent = (at: string, actor: BuiltUser) =>
      event(at, () =>
        t.services.auditService.byUser(actor, 'representative.viewed', { type: 'representative', id: veteran }),
      );
    const sixYearsOld = await staffEvent('2021-05-01T10:00:00.000Z', admin);
    const twoYearsOld = await staffEvent('2025-05-01T10:00:00.000Z', admin);
    const byRepresentative = await event('2025-05-02T10:00:00.000Z', () =>
      t.services.auditService.record({
        organisationId: org,
        actorType: 'representative',
        actorRepresentativeId: veteran,
        action: 'representative.self_paused',
        entityType: 'representative',
        entityId: veteran,
      }),
    );
    const halfYearOld = await staffEvent('2026-12-01T10:00:00.000Z', admin);
    const otherTwoYearsOld = await staffEvent('2025-05-01T10:00:00.000Z', otherAdmin);
    const representativesBefore = await table(t.db, 'representatives').orderBy('id');

    // the default, 5 years: only the six-year-old event goes
    expect((await t.services.organisationsService.settings(org)).auditRetentionYears).to.equal(5);
    await runAt('2027-06-01T10:00:00.000Z');
    await runAt('2027-06-02T01:30:00.000Z'); // 03:30 in Oslo
    expect(await lastCounts('purge-audit-events')).to.deep.equal({ events: 1 });
    expect(await auditIds()).to.deep.equal([twoYearsOld, byRepresentative, halfYearOld, otherTwoYearsOld]);

    // one year: the staff and the representative's events of two years ago go, in this organisation only
    const row = await table(t.db, 'organisations').where({ id: org }).first();
    const settings = JSON.parse(row!.settings) as Record<string, unknown>;
    await t
      .db('organisations')
      .where({ id: org })
      .update({ settings: JSON.stringify({ ...settings, auditRetentionYears: 1 }) });
    await runAt('2027-06-03T01:30:00.000Z');
    expect(await lastCounts('purge-audit-events')).to.deep.equal({ events: 2 });
    expect(await auditIds()).to.deep.equal([halfYearOld, otherTwoYearsOld]);
    expect(sixYearsOld).to.be.below(twoYearsOld);

    // the people are all there, unchanged (the data review lists those due; no job erases anyone)
    expect(await table(t.db, 'representatives').orderBy('id')).to.deep.equal(representativesBefore);
    expect((await table(t.db, 'representatives').where({ id: veteran }).first())?.erased_at).to.equal(null);
  });

  it('deletes the record of job runs after 90 days, and records that purge too', async () => {
    const first = await runAt(T0);
    expect(first.length).to.be.greaterThan(0);
    expect(await runs()).to.have.length(first.length);

    await runAt('2027-04-04T01:30:00.000Z'); // 88 days and 17.5 hours later
    expect(await lastCounts('purge-job-runs')).to.deep.equal({ runs: 0 });
    expect((await runs()).filter((r) => r.startedAt === T0)).to.have.length(first.length);

    await runAt('2027-04-06T01:30:00.000Z');
    expect(await lastCounts('purge-job-runs')).to.deep.equal({ runs: first.length });
    expect((await runs()).filter((r) => r.startedAt === T0)).to.have.length(0);
    expect((await runs('purge-job-runs')).map((r) => r.startedAt)).to.deep.equal([
      '2027-04-04T01:30:00.000Z',
      '2027-04-06T01:30:00.000Z',
    ]);
  });

  it('refreshes the query planner statistics nightly at 04:00 on SQLite (skipped on PostgreSQL)', async () => {
    await runAt(T0);
    expect(await runs('sqlite-optimize')).to.have.length(0);
    expect(await runAt('2027-01-06T02:30:00.000Z')).to.not.include('sqlite-optimize'); // 03:30 in Oslo
    expect(await runAt('2027-01-06T03:00:00.000Z')).to.include('sqlite-optimize');
    expect(await lastCounts('sqlite-optimize')).to.deep.equal(
      testEngine === 'sqlite' ? { optimized: 1 } : { skipped: 1 },
    );
  });

  it('records a job that throws with its error and retries it at its next run; the other due jobs still run', async () => {
    const logged: string[] = [];
    const logger: Logger = {
      info: (event, fields) => logged.push(JSON.stringify({ event, ...fields })),
      error: (event, fields) => logged.push(JSON.stringify({ event, ...fields })),
    };
    const scheduler = new Scheduler({ jobs: new JobsRepository(t.db), clock: t.clock, logger, workerId: 'w1' });
    let attempts = 0;
    const done: string[] = [];
    scheduler.registerAll([
      { name: 'before', next: every({ hours: 1 }), run: () => (done.push('before'), Promise.resolve({ n: 1 })) },
      {
        name: 'broken',
        next: every({ hours: 1 }),
        run: () => {
          attempts += 1;
          if (attempts === 1) throw new Error('duplicate key: ola.nordmann@test.example');
          return Promise.resolve({ fixed: 1 });
        },
      },
      { name: 'after', next: every({ hours: 1 }), run: () => (done.push('after'), Promise.resolve({ n: 2 })) },
    ]);

    expect(await scheduler.runDue()).to.deep.equal(['before', 'broken', 'after']);
    expect(done).to.deep.equal(['before', 'after']);
    const failed = (await runs('broken'))[0]!;
    expect(failed.error).to.equal('duplicate key: ola.nordmann@test.example');
    expect(failed.counts).to.deep.equal({});
    expect((await runs('after'))[0]!.counts).to.deep.equal({ n: 2 });
    // the log names the job and the kind of error, never the message (it may quote data)
    const line = logged.find((l) => l.includes('job.failed'))!;
    expect(JSON.parse(line)).to.deep.equal({ event: 'job.failed', job: 'broken', error: 'Error' });
    expect(logged.join('\n')).to.not.contain('nordmann');

    // not again before its next time; then it is retried, and the record shows both runs
    t.clock.advance({ minutes: 30 });
    expect(await scheduler.runDue()).to.deep.equal([]);
    t.clock.advance({ minutes: 30 });
    expect(await scheduler.runDue()).to.deep.equal(['before', 'broken', 'after']);
    expect((await runs('broken')).map((r) => [r.error, r.counts])).to.deep.equal([
      ['duplicate key: ola.nordmann@test.example', {}],
      [null, { fixed: 1 }],
    ]);
    expect((await table(t.db, 'jobs').where({ name: 'broken' }).first())?.last_error).to.equal(null);
  });

  it('runs no job twice for one date when the clock is set back and forward again, or a run comes late', async () => {
    await runAt(T0);
    const at = async (iso: string) => (await runAt(iso)).filter((job) => DAILY.includes(job));
    expect(await at('2027-01-06T03:10:00.000Z')).to.have.members(DAILY); // 04:10 in Oslo: all have run
    // the clock goes back to the evening before, and to just before the hour on the same date: nothing again
    expect(await at('2027-01-05T20:00:00.000Z')).to.deep.equal([]);
    expect(await at('2027-01-06T01:59:00.000Z')).to.deep.equal([]);
    // forward again, later that day: the date is done
    expect(await at('2027-01-06T05:00:00.000Z')).to.deep.equal([]);
    // the next night: once
    expect(await at('2027-01-07T03:10:00.000Z')).to.have.members(DAILY);
    // back a whole day, and forward again
    expect(await at('2027-01-06T03:10:00.000Z')).to.deep.equal([]);
    expect(await at('2027-01-07T03:20:00.000Z')).to.deep.equal([]);
    // the worker was down on the 8th: the late run (9 January, 02:59 in Oslo) is that date's run; 03:00 and 04:00
    // that night are not another
    expect(await at('2027-01-09T01:59:00.000Z')).to.have.members(DAILY);
    expect(await at('2027-01-09T03:30:00.000Z')).to.deep.equal([]);
    expect(await at('2027-01-10T03:05:00.000Z')).to.have.members(DAILY);

    const all = await runs();
    for (const name of DAILY) {
      const dates = all
        .filter((r) => r.job === name)
        .map((r) => DateTime.fromISO(r.startedAt).setZone(ZONE).toISODate());
      expect(dates, name).to.deep.equal(['2027-01-06', '2027-01-07', '2027-01-09', '2027-01-10']);
    }
    // every job, the frequent ones too: each run starts after the previous one, never again for a time it has done
    for (const name of t.services.runtime.scheduler.names()) {
      const starts = all.filter((r) => r.job === name).map((r) => r.startedAt);
      expect(starts, name).to.deep.equal([...starts].sort());
      expect(new Set(starts).size, name).to.equal(starts.length);
    }
  });
});
