import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { signIn, type Agent } from '../../helpers/forms.js';
import { testEngine } from '../../helpers/db.js';
import { transactor } from '../../../src/db.js';
import { formatDateTime } from '../../../src/lib/i18n.js';

// Issue 19, item 3: a failed e-mail or a scheduled job that has not succeeded within twice its interval shows on
// the admin's dashboard, and nobody else's
describe(`the admin's dashboard warns about failed e-mail and late jobs (${testEngine})`, () => {
  let t: TestApp;
  let org: number;
  let admin: Agent;
  let facilitator: Agent;
  let supervisor: Agent;
  let adminUser: BuiltUser;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db);
    const agents: Agent[] = [];
    for (const role of ['admin', 'facilitator', 'supervisor'] as const) {
      const user = await buildUser(t.db, org, { role });
      await t.db('users').where({ id: user.id }).update({ locale: 'en' });
      if (role === 'admin') adminUser = user;
      agents.push((await signIn(t.app, user.email, user.password)).agent);
    }
    [admin, facilitator, supervisor] = agents as [Agent, Agent, Agent];
  });
  afterEach(() => t.close());

  const enqueue = (organisationId: number, key: string) =>
    transactor(t.db)((tx) =>
      t.services.outboxService.enqueue(tx, {
        organisationId,
        kind: 'password_reset',
        dedupeKey: key,
        to: `${key}@test.example`,
        subject: 'Melding',
        text: 'Hei',
      }),
    );
  const dashboard = async (agent: Agent) => {
    const page = (await agent.get('/').expect(200)).text;
    // the signed-in dashboard, not the front page of a session that ended
    expect(page).to.contain('href="/account"');
    return page;
  };

  it('shows nothing when all is well', async () => {
    await t.services.runtime.scheduler.runDue();
    for (const agent of [admin, facilitator, supervisor])
      expect(await dashboard(agent)).not.to.contain('id="operations"');
  });

  it("links the admin to the outbox's failed e-mail; an erased message, an old one or another organisation's is no failure here", async () => {
    await t.services.runtime.scheduler.runDue();
    const other = await buildOrganisation(t.db);
    for (const [organisationId, key, error] of [
      [org, 'old', '550 5.1.1'],
      [org, 'erased', 'erased'],
      [other, 'elsewhere', '550 5.1.1'],
    ] as const) {
      await enqueue(organisationId, key);
      await t.db('outbox_messages').where({ dedupe_key: key }).update({ status: 'failed', last_error: error });
    }
    // 31 days ago
    await t
      .db('outbox_messages')
      .where({ dedupe_key: 'old' })
      .update({ created_at: t.clock.now().minus({ days: 31 }).toISO()! });
    expect(await dashboard(admin)).not.to.contain('id="operations"');

    await enqueue(org, 'bounced');
    await t
      .db('outbox_messages')
      .where({ dedupe_key: 'bounced' })
      .update({ status: 'failed', last_error: '550 5.1.1' });
    const page = await dashboard(admin);
    expect(page).to.contain('id="operations"');
    expect(page).to.contain('Needs attention');
    expect(page).to.match(
      /<a class="ds-link" href="\/admin\/outbox\?status=failed">1 e-mail could not be delivered in the last 30 days\. See the outbox\.<\/a>/,
    );
    expect(page).not.to.contain('These scheduled jobs');
    for (const agent of [facilitator, supervisor]) expect(await dashboard(agent)).not.to.contain('id="operations"');

    // in Norwegian
    await t.db('users').where({ role: 'admin' }).update({ locale: 'nb' });
    expect(await dashboard(admin)).to.contain('1 e-post kunne ikke leveres de siste 30 dagene. Se utboksen.');
  });

  it('lists the jobs that have not succeeded within twice their interval', async () => {
    const ran = await t.services.runtime.scheduler.runDue();
    expect(ran).to.include('invitation-reminders');
    const ranAt = t.clock.now();

    // every 15 minutes: not late at 30 minutes, late just after
    t.clock.advance({ minutes: 30 });
    expect(await dashboard(admin)).not.to.contain('id="operations"');
    t.clock.advance({ seconds: 1 });
    let page = await dashboard(admin);
    expect(page).to.contain('These scheduled jobs have not succeeded within twice their interval');
    expect(page).to.contain('<code>invitation-reminders</code>');
    // hourly: not yet
    expect(page).not.to.contain('<code>purge-email-bodies</code>');
    expect(page).to.contain(`last succeeded ${formatDateTime(ranAt.toISO(), 'en', 'Europe/Oslo')}`);
    for (const agent of [facilitator, supervisor]) expect(await dashboard(agent)).not.to.contain('id="operations"');

    // a run that fails does not count as a success
    t.clock.advance({ minutes: 1 });
    await t.db('job_runs').insert({
      job: 'invitation-reminders',
      worker_id: 'test',
      started_at: t.clock.now().toISO()!,
      finished_at: t.clock.now().toISO()!,
      counts: '{}',
      error: 'boom',
    });
    page = await dashboard(admin);
    expect(page).to.contain('<code>invitation-reminders</code>');

    // a day later the hourly ones are late too, and the daily ones that never ran are not yet
    t.clock.advance({ days: 1 });
    // (the session has ended meanwhile)
    admin = (await signIn(t.app, adminUser.email, adminUser.password)).agent;
    page = await dashboard(admin);
    expect(page).to.contain('<code>purge-email-bodies</code>');
    expect(page).not.to.contain('<code>weekly-digest</code>');
  });
});
