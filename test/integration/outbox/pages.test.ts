import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildOutboxMessage, buildUser } from '../../helpers/builders.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { toNumber } from '../../../src/lib/db-values.js';
import { table, one } from '../../helpers/rows.js';

describe('the outbox and the development mailbox', () => {
  let t: TestApp;
  let org: number;
  let agent: Agent;

  async function setUp(env: NodeJS.ProcessEnv = {}) {
    t = await buildTestApp(env);
    org = await buildOrganisation(t.db);
    const admin = await buildUser(t.db, org, { role: 'admin' });
    agent = (await signIn(t.app, admin.email, admin.password)).agent;
  }
  afterEach(() => t.close());

  describe('without SMTP_URL (development)', () => {
    beforeEach(() => setUp());

    it('lists every e-mail with its state, counts by status, and filters by status', async () => {
      await buildOutboxMessage(t.db, org, { subject: 'Sendt melding' });
      await buildOutboxMessage(t.db, org, { status: 'failed', subject: 'Feilet melding' });
      await buildOutboxMessage(t.db, org, { status: 'queued', subject: 'Ventende melding' });
      const other = await buildOrganisation(t.db);
      await buildOutboxMessage(t.db, other, { subject: 'Annen kommunes melding' });

      const page = await agent.get('/admin/outbox').expect(200);
      expect(page.text).to.contain('Sendt melding');
      expect(page.text).to.contain('Feilet melding');
      expect(page.text).to.contain('554 5.7.1 rejected');
      expect(page.text).to.contain('3 e-poster');
      expect(page.text).not.to.contain('Annen kommunes melding');
      const failed = await agent.get('/admin/outbox?status=failed').expect(200);
      expect(failed.text).to.contain('Feilet melding');
      expect(failed.text).not.to.contain('Sendt melding');
      expect(failed.text).to.contain('Send på nytt');
    });

    it('puts a failed e-mail back in the queue from its first attempt, and audits it', async () => {
      const id = await buildOutboxMessage(t.db, org, { status: 'failed' });
      const page = await agent.get('/admin/outbox');
      const res = await agent
        .post(`/admin/outbox/${id}/retry`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text) });
      expect(res.status).to.equal(303);
      const row = await one(table(t.db, 'outbox_messages').where({ id }).first());
      expect(row.status).to.equal('queued');
      expect(toNumber(row.attempts)).to.equal(0);
      expect(row.last_error).to.equal(null);
      expect(await table(t.db, 'audit_events').where({ action: 'outbox.retried', entity_id: id })).to.have.length(1);
      expect((await agent.get('/admin/outbox')).text).to.contain('E-posten står i kø og sendes på nytt.');
      // the worker then sends it (to the mailbox here)
      expect((await t.services.runtime.outboxWorker.deliverDue()).sent).to.equal(1);
    });

    it('answers 404 to a retry of a message that has not failed', async () => {
      const id = await buildOutboxMessage(t.db, org);
      const page = await agent.get('/admin/outbox');
      await agent
        .post(`/admin/outbox/${id}/retry`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text) })
        .expect(404);
    });

    it('shows captured e-mail as text with working links and as sandboxed HTML', async () => {
      const id = await buildOutboxMessage(t.db, org, {
        subject: 'Velg nytt passord',
        text: 'Hei <Kari>!\n\nhttps://medvirk.test/password/reset/abc\n\nHilsen',
        html: '<p>Hei!</p><p><a href="https://medvirk.test/password/reset/abc">Velg</a></p>',
      });
      const list = await agent.get('/admin/mailbox').expect(200);
      expect(list.text).to.contain(`href="/admin/mailbox/${id}"`);
      expect(list.text).to.contain('Velg nytt passord');

      const page = await agent.get(`/admin/mailbox/${id}`).expect(200);
      expect(page.text).to.contain('href="https://medvirk.test/password/reset/abc"');
      expect(page.text).to.contain('Hei &lt;Kari&gt;!');
      expect(page.text).to.contain(`href="/admin/mailbox/${id}/html"`);

      const html = await agent.get(`/admin/mailbox/${id}/html`).expect(200);
      expect(html.headers['content-type']).to.match(/^text\/html/);
      expect(html.headers['content-security-policy']).to.match(/sandbox/);
      expect(html.headers['content-security-policy']).to.match(/default-src 'none'/);
      expect(html.text).to.contain('<a href="https://medvirk.test/password/reset/abc">Velg</a>');
    });

    it('says so when the contents were deleted after the retention period', async () => {
      const id = await buildOutboxMessage(t.db, org);
      await t
        .db('outbox_messages')
        .where({ id })
        .update({ text_body: null, html_body: null, bodies_purged_at: new Date().toISOString() });
      const page = await agent.get(`/admin/mailbox/${id}`).expect(200);
      expect(page.text).to.contain('Innholdet er slettet');
      await agent.get(`/admin/mailbox/${id}/html`).expect(404);
    });

    it('offers the mailbox in the admin navigation', async () => {
      const page = await agent.get('/admin/outbox');
      expect(page.text).to.contain('href="/admin/mailbox"');
    });

    it('saves the send rate in the settings and refuses one out of range with 422', async () => {
      const fields = {
        dataReviewMonths: '24',
        sentEmailRetentionDays: '30',
        hourlyRate: '300',
        roundingMinutes: '30',
        minimumPaidMinutesInPerson: '60',
        preparationPaid: 'on',
        niceToHave: '0.35',
        fairness: '0.2',
        rest: '0.15',
        diversity: '0.2',
        language: '0.1',
      };
      const bad = await submitForm(agent, '/admin/settings', '/admin/settings', { ...fields, emailsPerMinute: '-1' });
      expect(bad.status).to.equal(422);
      expect(bad.text).to.contain('value="-1"');
      const ok = await submitForm(agent, '/admin/settings', '/admin/settings', { ...fields, emailsPerMinute: '20' });
      expect(ok.status).to.equal(303);
      expect((await t.services.organisationsService.settings(org)).emailsPerMinute).to.equal(20);
    });
  });

  describe('with SMTP_URL (e-mail really goes out)', () => {
    beforeEach(() => setUp({ SMTP_URL: 'smtp://127.0.0.1:9' }));

    it('has no mailbox: 404, and no link to it', async () => {
      const id = await buildOutboxMessage(t.db, org);
      await agent.get('/admin/mailbox').expect(404);
      await agent.get(`/admin/mailbox/${id}`).expect(404);
      const page = await agent.get('/admin/outbox').expect(200);
      expect(page.text).not.to.contain('href="/admin/mailbox"');
    });
  });
});
