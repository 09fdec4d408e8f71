import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import { rootDir } from '../../../src/config.js';
import { toInstant } from '../../../src/lib/db-values.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation } from '../../helpers/builders.js';
import { TestSmtpServer } from '../../helpers/smtp.js';
import { testEngine } from '../../helpers/db.js';
import { transactor } from '../../../src/db.js';
import { table, one } from '../../helpers/rows.js';

const message = (organisationId: number, dedupeKey: string) => ({
  organisationId,
  kind: 'password_reset',
  dedupeKey,
  to: `${dedupeKey}@test.example`,
  subject: `Melding ${dedupeKey}`,
  text: 'Hei',
});

/** Runs a worker until it has found nothing to send three rounds in a row; returns how many it sent. */
async function workUntilIdle(instance: TestApp): Promise<number> {
  let sent = 0;
  for (let idle = 0; idle < 3;) {
    const counts = await instance.services.runtime.outboxWorker.deliverDue();
    sent += counts.sent;
    idle = counts.sent > 0 ? 0 : idle + 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return sent;
}

describe('the outbox across instances', () => {
  let smtp: TestSmtpServer;
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await smtp.close();
  });

  // on PostgreSQL each instance has its own connection pool, as separate servers would; on SQLite (one
  // connection per process) the two instances share this process's connection
  it(`sends every message exactly once while two app instances enqueue and two workers deliver (${testEngine})`, async () => {
    smtp = await TestSmtpServer.start();
    const a = await buildTestApp({ SMTP_URL: smtp.url });
    const b = await buildTestApp({}, { sameDatabaseAs: a, clock: a.clock, shareDb: testEngine === 'sqlite' });
    apps.push(a, b);
    const org = await buildOrganisation(a.db);
    await a
      .db('organisations')
      .where({ id: org })
      .update({ settings: JSON.stringify({ emailsPerMinute: 0 }) });
    expect(a.services.runtime.workerId).not.to.equal(b.services.runtime.workerId);

    // 100 events on each instance, 50 of them the same events seen by both (same dedupe keys): 150 messages
    const keysA = Array.from({ length: 100 }, (_, i) => `event-${i}`);
    const keysB = Array.from({ length: 100 }, (_, i) => `event-${i + 50}`);
    const enqueueAll = (instance: TestApp, keys: string[]) =>
      Promise.all(
        keys.map((key) =>
          transactor(instance.db)((tx) => instance.services.outboxService.enqueue(tx, message(org, key))),
        ),
      );
    const [, , sentByA, sentByB] = await Promise.all([
      enqueueAll(a, keysA),
      enqueueAll(b, keysB),
      workUntilIdle(a),
      workUntilIdle(b),
    ]);
    const lateA = await workUntilIdle(a);
    const lateB = await workUntilIdle(b);

    const rows = await table(a.db, 'outbox_messages').orderBy('id').select('id', 'status');
    expect(rows).to.have.length(150);
    expect(rows.every((r: { status: string }) => r.status === 'sent')).to.equal(true);
    expect(sentByA + sentByB + lateA + lateB).to.equal(150);
    const ids = smtp.received.map((m) => m.messageId).sort();
    expect(new Set(ids).size).to.equal(150);
    expect(ids).to.deep.equal(rows.map((r: { id: number }) => `<outbox.${r.id}@medvirk.invalid>`).sort());
  });

  it('delivers a message once after the worker process that claimed it was killed mid-send', async function () {
    this.timeout(60_000);
    smtp = await TestSmtpServer.start();
    const t = await buildTestApp({ SMTP_URL: smtp.url });
    apps.push(t);
    const org = await buildOrganisation(t.db);
    const id = await transactor(t.db)((tx) => t.services.outboxService.enqueue(tx, message(org, 'killed')));
    smtp.answerNext('stall');

    // `npm run worker` in its own process, on the same database, sending to the same server
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(rootDir, 'src', 'worker.ts')], {
      cwd: rootDir,
      stdio: 'ignore',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        SMTP_URL: smtp.url,
        DATABASE_URL: t.config.databaseUrl ?? '',
        SQLITE_FILE: t.config.sqliteFile,
        WORKER_POLL_MS: '200',
      },
    });
    try {
      await smtp.stalled();
      const claimed = await one(table(t.db, 'outbox_messages').where({ id }).first());
      expect(claimed.status).to.equal('sending');
      expect(claimed.locked_by).to.be.a('string').and.not.equal(t.services.runtime.workerId);
    } finally {
      child.kill('SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    }

    // this instance leaves the claim alone until its lease has run out, then sends the message, once
    const claimed = await one(table(t.db, 'outbox_messages').where({ id }).first());
    expect(await t.services.runtime.outboxWorker.deliverDue()).to.deep.equal({ sent: 0, retried: 0, failed: 0 });
    t.clock.set(DateTime.fromISO(toInstant(claimed.locked_until)!).plus({ seconds: 1 }).toISO()!);
    expect(await t.services.runtime.outboxWorker.deliverDue()).to.deep.equal({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received).to.have.length(1);
    expect(smtp.received[0]!.messageId).to.equal(`<outbox.${id}@medvirk.invalid>`);
  });
});
