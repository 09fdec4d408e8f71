import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
  buildInvitation,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { TestSmtpServer } from '../../helpers/smtp.js';
import { engineOf, type Db } from '../../../src/db.js';
import { table, one } from '../../helpers/rows.js';

// Issue 15, finding 8: the token tables keep only hashes, but working /i/, /me/ and reset links sat in clear in
// the stored e-mail bodies for the retention period. With a real SMTP server a body goes once the message is sent.
const TOKEN_LINK = /\/(?:i|me|password\/reset)\/([A-Za-z0-9_-]{43})/g;

/** Every table of the database, as the database itself lists them. */
async function allTables(db: Db): Promise<string[]> {
  if (engineOf(db) === 'pg') {
    const result = await db.raw<{ rows: Array<{ name: string }> }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    return result.rows.map((r) => r.name);
  }
  const rows = await db.raw<Array<{ name: string }>>("SELECT name FROM sqlite_master WHERE type = 'table'");
  return rows.map((r) => r.name);
}

describe('no usable token at rest once e-mails are sent (issue 15, finding 8)', () => {
  let smtp: TestSmtpServer | undefined;
  let t: TestApp;
  let org: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  let project: number;

  async function setUp(env: Record<string, string>) {
    t = await buildTestApp(env);
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    await t
      .db('organisations')
      .where({ id: org })
      .update({ settings: JSON.stringify({ emailsPerMinute: 0 }) });
    facilitator = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 3 });
    await t.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
  }
  afterEach(async () => {
    await t.close();
    await smtp?.close();
    smtp = undefined;
  });

  async function shortlist(name: string, email: string) {
    const rep = await buildRepresentative(t.db, org, { name, email });
    const now = new Date().toISOString();
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: rep, status: 'draft' },
      { createdAt: now },
    );
    return rep;
  }
  async function sendShortlist() {
    const page = await agent.get(`/projects/${project}/invitations`).expect(200);
    await agent
      .post(`/projects/${project}/invitations/send`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
  }
  const deliver = () => t.services.runtime.outboxWorker.deliverDue();

  describe('with a real SMTP server', () => {
    beforeEach(async () => {
      const server = await TestSmtpServer.start();
      smtp = server;
      await setUp({ SMTP_URL: server.url });
    });

    it('deletes each body as it is marked sent, so that no table holds a token the e-mails carried', async () => {
      // invitations (each with an /i/ and a /me/ link)
      await shortlist('Kari Nordmann', 'kari@test.example');
      await shortlist('Ola Nordmann', 'ola@test.example');
      await sendShortlist();
      expect(await deliver()).to.include({ sent: 2 });
      // Kari answers through her link: the confirmation brings a new /me/ link
      const invitation = smtp!.received.find((m) => m.to.includes('kari@test.example'))!;
      const answerPath = /\/i\/[A-Za-z0-9_-]{43}/.exec(invitation.text)![0];
      const visitor = request.agent(t.app);
      const page = await visitor.get(answerPath).expect(200);
      await visitor
        .post(answerPath)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), answer: 'accept' })
        .expect(303);
      // a password reset
      await submitForm(request.agent(t.app), '/password/forgot', '/password/forgot', { email: facilitator.email });
      expect((await deliver()).sent).to.be.at.least(2);

      const tokens = new Set(
        smtp!.received.flatMap((m) => [...`${m.text}\n${m.html}`.matchAll(TOKEN_LINK)].map((x) => x[1]!)),
      );
      const kinds = new Set(
        smtp!.received.flatMap((m) => [...m.text.matchAll(TOKEN_LINK)].map((x) => x[0].split('/')[1])),
      );
      expect([...kinds].sort()).to.deep.equal(['i', 'me', 'password']);
      expect(tokens.size).to.be.at.least(6);

      const tables = await allTables(t.db);
      expect(tables).to.include.members(['outbox_messages', 'invitations', 'participation_links', 'audit_events']);
      for (const name of tables) {
        const dump = JSON.stringify(await t.db(name).select('*'));
        for (const token of tokens) expect(dump, `${name} holds an issued token`).not.to.contain(token);
      }

      const sent = await table(t.db, 'outbox_messages').where({ status: 'sent' });
      expect(sent).to.have.length(smtp!.received.length);
      for (const message of sent) {
        expect(message).to.include({ text_body: null, html_body: null, attachments: null, delivered_via: 'smtp' });
        expect(new Date(message.bodies_purged_at!).getTime()).to.equal(new Date(message.sent_at!).getTime());
      }
    });

    it('keeps the body of a message the server refused for now, for its retry, and deletes it once sent', async () => {
      const rep = await shortlist('Kari Nordmann', 'kari@test.example');
      smtp!.answerNext({ at: 'data', code: 451, message: '4.3.0 Try again later' });
      await sendShortlist();
      expect(await deliver()).to.include({ retried: 1 });
      const waiting = await one(table(t.db, 'outbox_messages').where({ representative_id: rep }).first());
      expect(waiting.status).to.equal('queued');
      expect(waiting.text_body).to.match(/\/i\/[A-Za-z0-9_-]{43}/);
      expect(waiting.html_body).to.be.a('string');

      await t
        .db('outbox_messages')
        .where({ id: waiting.id })
        .update({ next_attempt_at: new Date(0).toISOString() });
      expect(await deliver()).to.include({ sent: 1 });
      const sent = await table(t.db, 'outbox_messages').where({ id: waiting.id }).first();
      expect(sent).to.include({ status: 'sent', text_body: null, html_body: null });
      expect(smtp!.received[0]!.text).to.contain(/\/i\/[A-Za-z0-9_-]{43}/.exec(waiting.text_body as string)![0]);
    });

    it('says on the admin outbox page that a sent message’s content was deleted after sending', async () => {
      await shortlist('Kari Nordmann', 'kari@test.example');
      await sendShortlist();
      await deliver();
      const admin = await buildUser(t.db, org, { role: 'admin' });
      const adminAgent = (await signIn(t.app, admin.email, admin.password)).agent;
      const page = await adminAgent.get('/admin/outbox').expect(200);
      expect(page.text).to.contain('Innholdet ble slettet da meldingen var sendt');
      expect(page.text).not.to.contain('etter organisasjonens lagringstid');
    });
  });

  describe('with the development mailbox (no SMTP_URL)', () => {
    beforeEach(() => setUp({}));

    it('keeps the bodies of sent messages, to be read in the mailbox', async () => {
      await shortlist('Kari Nordmann', 'kari@test.example');
      await sendShortlist();
      expect(await deliver()).to.include({ sent: 1 });
      const message = (await table(t.db, 'outbox_messages').where({ status: 'sent' }))[0]!;
      expect(message).to.include({ delivered_via: 'mailbox', bodies_purged_at: null });
      expect(message.text_body).to.match(/\/i\/[A-Za-z0-9_-]{43}/);
    });
  });
});
