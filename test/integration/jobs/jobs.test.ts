import { expect } from 'chai';
import { createLogger } from '../../../src/lib/logger.js';
import { toInstant, toNumber } from '../../../src/lib/db-values.js';
import { JobsRepository } from '../../../src/features/jobs/jobs.repository.js';
import { Scheduler, every } from '../../../src/features/jobs/scheduler.js';
import { RateLimitsRepository } from '../../../src/features/auth/rate-limits.repository.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, buildImportBatch } from '../../helpers/builders.js';
import { transactor } from '../../../src/db.js';
import { table, one } from '../../helpers/rows.js';

describe('scheduled jobs', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(() => t.close());

  const schedulerFor = (workerId: string) =>
    new Scheduler({ jobs: new JobsRepository(t.db), clock: t.clock, logger: createLogger('silent'), workerId });

  it('runs a due job once however many instances look for it at the same moment', async () => {
    let runs = 0;
    const instances = ['a', 'b', 'c'].map((id) => {
      const scheduler = schedulerFor(id);
      scheduler.register({ name: 'count', next: every({ hours: 1 }), run: () => Promise.resolve({ runs: ++runs }) });
      return scheduler;
    });
    const ran = await Promise.all(instances.map((s) => s.runDue()));
    expect(runs).to.equal(1);
    expect(ran.flat()).to.deep.equal(['count']);

    // not again until its interval has passed, then once more
    t.clock.advance({ minutes: 59 });
    await Promise.all(instances.map((s) => s.runDue()));
    expect(runs).to.equal(1);
    t.clock.advance({ minutes: 2 });
    await Promise.all(instances.map((s) => s.runDue()));
    expect(runs).to.equal(2);
  });

  it('runs a job again on another instance when the one that claimed it died mid-run', async () => {
    let runs = 0;
    const dying = schedulerFor('dying');
    dying.register({
      name: 'fragile',
      next: every({ hours: 1 }),
      leaseSeconds: 120,
      run: () => new Promise(() => undefined), // never finishes: the instance died
    });
    void dying.runDue();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const healthy = schedulerFor('healthy');
    healthy.register({ name: 'fragile', next: every({ hours: 1 }), run: () => Promise.resolve({ runs: ++runs }) });
    expect(await healthy.runDue()).to.deep.equal([]);
    t.clock.advance({ seconds: 121 });
    expect(await healthy.runDue()).to.deep.equal(['fragile']);
    expect(runs).to.equal(1);
  });

  it('records a failing run with its error and tries again at the next time', async () => {
    let attempts = 0;
    const scheduler = schedulerFor('x');
    scheduler.register({
      name: 'flaky',
      next: every({ minutes: 15 }),
      run: () => {
        attempts += 1;
        return attempts === 1 ? Promise.reject(new Error('database went away')) : Promise.resolve({});
      },
    });
    await scheduler.runDue();
    const row = await one(table(t.db, 'jobs').where({ name: 'flaky' }).first());
    expect(row.last_error).to.equal('database went away');
    expect(row.locked_until).to.equal(null);
    t.clock.advance({ minutes: 15 });
    await scheduler.runDue();
    expect(attempts).to.equal(2);
    expect((await table(t.db, 'jobs').where({ name: 'flaky' }).first())!.last_error).to.equal(null);
  });

  it("registers the housekeeping jobs every installation needs, the lifecycle job, and the invitations' reminders and expiry", () => {
    expect(t.services.runtime.scheduler.names()).to.deep.equal([
      'invitation-expiry',
      'invitation-reminders',
      'purge-abandoned-imports',
      'purge-audit-aggregates',
      'purge-audit-events',
      'purge-email-bodies',
      'purge-email-changes',
      'purge-job-runs',
      'purge-personal-links',
      'purge-sessions-and-limits',
      'purge-worklist-marks',
      'representative-lifecycle',
      'sqlite-optimize',
      'survey-reminders',
      'weekly-digest',
    ]);
  });

  it("deletes sent e-mail bodies after the organisation's retention and keeps the metadata", async () => {
    const org = await buildOrganisation(t.db);
    await t
      .db('organisations')
      .where({ id: org })
      .update({ settings: JSON.stringify({ sentEmailRetentionDays: 10 }) });
    const enqueue = (key: string) =>
      transactor(t.db)((tx) =>
        t.services.outboxService.enqueue(tx, {
          organisationId: org,
          kind: 'password_reset',
          dedupeKey: key,
          to: 'a@test.example',
          subject: 'Emne',
          text: 'https://medvirk.test/password/reset/secret',
          html: '<p>secret</p>',
        }),
      );
    const old = await enqueue('old');
    t.clock.advance({ days: 9 });
    const recent = await enqueue('recent');
    await t.services.runtime.outboxWorker.deliverDue();
    const waiting = await enqueue('waiting');
    t.clock.advance({ days: 2 });

    await t.services.runtime.background.runOnce();
    const rows = await table(t.db, 'outbox_messages').orderBy('id');
    const byId = (id: number | undefined) => rows.find((r) => toNumber(r.id) === id)!;
    expect(byId(old).text_body).to.equal(null);
    expect(byId(old).html_body).to.equal(null);
    expect(byId(old).subject).to.equal('Emne');
    expect(byId(old).status).to.equal('sent');
    expect(toInstant(byId(old).bodies_purged_at)).to.equal(t.clock.now().toUTC().toISO());
    expect(byId(recent).text_body).to.contain('secret');
    expect(byId(waiting).text_body).to.contain('secret');
  });

  it('removes ended sessions, rate-limit windows, used reset links and abandoned roster uploads', async () => {
    const org = await buildOrganisation(t.db);
    const user = await buildUser(t.db, org, { role: 'facilitator' });
    await t.services.sessionService.create({ id: user.id, organisationId: org }, { csrfBinding: 'x' });
    await new RateLimitsRepository(t.db).hit('login:ip:127.0.0.1', 15 * 60_000, t.clock.now().toJSDate());
    await t.services.passwordResetService.request(user.email, '127.0.0.1');
    await buildImportBatch(t.db, org, user.id, { createdAt: t.clock.now().toISO()! });

    await t.services.runtime.background.runOnce();
    expect(toNumber((await table(t.db, 'sessions').count({ n: '*' }).first())?.n)).to.equal(1);

    t.clock.advance({ hours: 25 });
    await t.services.runtime.background.runOnce();
    expect(toNumber((await table(t.db, 'sessions').count({ n: '*' }).first())?.n)).to.equal(0);
    expect(toNumber((await table(t.db, 'rate_limits').count({ n: '*' }).first())?.n)).to.equal(0);
    expect(toNumber((await table(t.db, 'password_resets').count({ n: '*' }).first())?.n)).to.equal(0);
    expect(toNumber((await table(t.db, 'import_batches').count({ n: '*' }).first())?.n)).to.equal(0);
  });
});
