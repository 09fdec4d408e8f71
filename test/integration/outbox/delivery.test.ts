import { expect } from 'chai';
import { buildTestApp, type TestApp, type TestAppOptions } from '../../helpers/app.js';
import { buildOrganisation, buildRepresentative } from '../../helpers/builders.js';
import { TestSmtpServer } from '../../helpers/smtp.js';
import { toBool, toNumber } from '../../../src/lib/db-values.js';
import type { NewOutboxMessage } from '../../../src/features/outbox/outbox.model.js';
import { transactor } from '../../../src/db.js';
import { table, one } from '../../helpers/rows.js';

let keys = 0;

describe('outbox delivery through a real SMTP server on loopback', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let org: number;

  async function setUp(options: TestAppOptions = {}) {
    smtp = await TestSmtpServer.start();
    t = await buildTestApp({ SMTP_URL: smtp.url }, options);
    org = await buildOrganisation(t.db);
  }
  afterEach(async () => {
    await t.close();
    await smtp.close();
  });

  const enqueue = (overrides: Partial<NewOutboxMessage> = {}) =>
    transactor(t.db)((tx) =>
      t.services.outboxService.enqueue(tx, {
        organisationId: org,
        kind: 'password_reset',
        dedupeKey: `test:${++keys}`,
        to: 'kari@test.example',
        subject: 'Velg nytt passord',
        text: 'Hei, Kari!\n\nhttps://medvirk.test/x',
        html: '<p>Hei, Kari!</p>',
        ...overrides,
      }),
    );
  const row = (id: number | undefined) => one(table(t.db, 'outbox_messages').where({ id }).first());
  const deliver = () => t.services.runtime.outboxWorker.deliverDue();

  describe('on the way through', () => {
    beforeEach(() => setUp());

    it('sends a queued message once, with its outbox id in the Message-ID, and marks it sent', async () => {
      const id = await enqueue({ attachments: [{ filename: 'm.ics', contentType: 'text/calendar', content: 'X' }] });
      const counts = await deliver();
      expect(counts).to.deep.equal({ sent: 1, retried: 0, failed: 0 });
      expect(smtp.received).to.have.length(1);
      const mail = smtp.received[0]!;
      expect(mail.messageId).to.equal(`<outbox.${id}@medvirk.invalid>`);
      expect(mail.to).to.deep.equal(['kari@test.example']);
      expect(mail.subject).to.equal('Velg nytt passord');
      expect(mail.text).to.contain('https://medvirk.test/x');
      expect(mail.html).to.contain('<p>Hei, Kari!</p>');
      expect(mail.attachments.map((a) => a.filename)).to.deep.equal(['m.ics']);
      const sent = await row(id);
      expect(sent.status).to.equal('sent');
      expect(sent.delivered_via).to.equal('smtp');
      expect(sent.provider_message_id).to.match(/^250/);
      expect(sent.locked_until).to.equal(null);
      expect(await deliver()).to.deep.equal({ sent: 0, retried: 0, failed: 0 });
      expect(smtp.received).to.have.length(1);
    });

    it('enqueues nothing when the transaction that caused the message rolls back', async () => {
      await transactor(t.db)(async (tx) => {
        await t.services.outboxService.enqueue(tx, {
          organisationId: org,
          kind: 'password_reset',
          dedupeKey: 'rolled-back',
          to: 'x@test.example',
          subject: 's',
          text: 't',
        });
        throw new Error('the change failed');
      }).catch(() => undefined);
      expect(await table(t.db, 'outbox_messages').where({ dedupe_key: 'rolled-back' }).first()).to.equal(undefined);
    });

    it('makes one message of the same dedupe key enqueued twice', async () => {
      const first = await enqueue({ dedupeKey: 'same-event' });
      const second = await enqueue({ dedupeKey: 'same-event' });
      expect(first).to.be.a('number');
      expect(second).to.equal(undefined);
      await deliver();
      expect(smtp.received).to.have.length(1);
    });

    it('retries a 451 after a backoff and delivers once when the server accepts', async () => {
      smtp.answerNext({ at: 'data', code: 451, message: '4.3.0 Try again later' });
      const id = await enqueue();
      expect(await deliver()).to.deep.equal({ sent: 0, retried: 1, failed: 0 });
      let state = await row(id);
      expect(state.status).to.equal('queued');
      expect(toNumber(state.attempts)).to.equal(1);
      expect(state.last_error).to.match(/^451/);
      const wait = Date.parse(new Date(state.next_attempt_at).toISOString()) - t.clock.now().toMillis();
      expect(wait).to.be.within(30_000, 60_000);

      // not due yet: nothing happens however often the worker runs
      expect(await deliver()).to.deep.equal({ sent: 0, retried: 0, failed: 0 });
      t.clock.advance({ seconds: 61 });
      expect(await deliver()).to.deep.equal({ sent: 1, retried: 0, failed: 0 });
      state = await row(id);
      expect(state.status).to.equal('sent');
      expect(toNumber(state.attempts)).to.equal(2);
      expect(smtp.withMessageId(`outbox.${id}@medvirk.invalid`)).to.have.length(1);
      expect(smtp.received).to.have.length(1);
    });

    it("fails a 550 5.1.1 at once and flags the representative's address as undeliverable", async () => {
      const rep = await buildRepresentative(t.db, org, { email: 'gone@test.example' });
      const versionBefore = toNumber((await table(t.db, 'organisations').where({ id: org }).first())!.roster_version);
      smtp.answerNext({ at: 'rcpt', code: 550, message: '5.1.1 <gone@test.example>: Recipient address rejected' });
      const id = await enqueue({ to: 'gone@test.example', representativeId: rep });
      expect(await deliver()).to.deep.equal({ sent: 0, retried: 0, failed: 1 });
      const state = await row(id);
      expect(state.status).to.equal('failed');
      expect(state.last_error).to.match(/550 5\.1\.1/);
      const person = await one(table(t.db, 'representatives').where({ id: rep }).first());
      expect(toBool(person.email_undeliverable)).to.equal(true);
      const versionAfter = toNumber((await table(t.db, 'organisations').where({ id: org }).first())!.roster_version);
      expect(versionAfter).to.equal(versionBefore + 1);
      const audit = await one(
        table(t.db, 'audit_events').where({ action: 'representative.email_undeliverable' }).first(),
      );
      expect(audit.actor_type).to.equal('system');
      expect(toNumber(audit.entity_id)).to.equal(rep);
      // the worker never tries a permanent failure again
      t.clock.advance({ hours: 2 });
      expect(await deliver()).to.deep.equal({ sent: 0, retried: 0, failed: 0 });
    });

    it('fails a 554 policy rejection without flagging the address', async () => {
      const rep = await buildRepresentative(t.db, org, { email: 'fine@test.example' });
      smtp.answerNext({ at: 'data', code: 554, message: '5.7.1 Message rejected as spam' });
      const id = await enqueue({ to: 'fine@test.example', representativeId: rep });
      expect(await deliver()).to.deep.equal({ sent: 0, retried: 0, failed: 1 });
      expect((await row(id)).status).to.equal('failed');
      const person = await one(table(t.db, 'representatives').where({ id: rep }).first());
      expect(toBool(person.email_undeliverable)).to.equal(false);
    });

    it("keeps to the organisation's send rate, counted in the database", async () => {
      await t
        .db('organisations')
        .where({ id: org })
        .update({ settings: JSON.stringify({ emailsPerMinute: 3 }) });
      for (let i = 0; i < 5; i += 1) await enqueue();
      expect((await deliver()).sent).to.equal(3);
      expect((await deliver()).sent).to.equal(0);
      t.clock.advance({ seconds: 61 });
      expect((await deliver()).sent).to.equal(2);
      expect(smtp.received).to.have.length(5);
    });

    it('delivers a message whose worker died after claiming it, once its lease has run out', async () => {
      const id = await enqueue();
      // a worker on another instance claims the message and dies before sending
      const now = t.clock.now();
      const claimed = await t.services.runtime.outboxWorker['deps'].outbox.claim(
        org,
        10,
        now.toISO()!,
        now.plus({ minutes: 5 }).toISO()!,
        'dead-worker',
      );
      expect(claimed.map((m) => m.id)).to.deep.equal([id]);
      expect(await deliver()).to.deep.equal({ sent: 0, retried: 0, failed: 0 });
      t.clock.advance({ minutes: 5, seconds: 1 });
      expect(await deliver()).to.deep.equal({ sent: 1, retried: 0, failed: 0 });
      expect(smtp.received).to.have.length(1);
      expect(toNumber((await row(id)).attempts)).to.equal(2);
    });
  });

  describe('when the server is away', () => {
    beforeEach(() => setUp({ delivery: { maxAttempts: 2 } }));

    it('treats a refused connection as temporary and gives up after the last attempt', async () => {
      await smtp.close();
      const id = await enqueue();
      expect(await deliver()).to.deep.equal({ sent: 0, retried: 1, failed: 0 });
      expect((await row(id)).last_error).to.match(/ECONNECTION|ECONNREFUSED|ESOCKET/);
      t.clock.advance({ minutes: 5 });
      expect(await deliver()).to.deep.equal({ sent: 0, retried: 0, failed: 1 });
      expect((await row(id)).status).to.equal('failed');
      smtp = await TestSmtpServer.start(); // for afterEach
    });
  });
});
