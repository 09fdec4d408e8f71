import type { Db } from '../../db.js';
import { engineOf, on } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';
import type { MailAttachment } from '../../lib/mailer.js';
import type { Tx } from '../../lib/transact.js';
import type {
  ClaimedMessage,
  NewOutboxMessage,
  OutboxEntry,
  OutboxMessageWithBodies,
  OutboxStatus,
} from './outbox.model.js';

interface OutboxRow {
  id: number | string;
  organisation_id: number | string;
  kind: string;
  dedupe_key: string;
  to_address: string;
  representative_id: number | null;
  subject: string;
  text_body: string | null;
  html_body: string | null;
  attachments: string | null;
  status: OutboxStatus;
  attempts: number | string;
  next_attempt_at: unknown;
  last_error: string | null;
  sent_at: unknown;
  delivered_via: 'smtp' | 'mailbox' | null;
  created_at: unknown;
  bodies_purged_at: unknown;
}

const parseAttachments = (json: string | null): MailAttachment[] => {
  if (!json) return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? (parsed as MailAttachment[]) : [];
  } catch {
    return [];
  }
};

const toEntry = (r: OutboxRow): OutboxEntry => ({
  id: toNumber(r.id),
  kind: r.kind,
  to: r.to_address,
  subject: r.subject,
  status: r.status,
  attempts: toNumber(r.attempts),
  nextAttemptAt: toInstant(r.next_attempt_at)!,
  lastError: r.last_error,
  sentAt: toInstant(r.sent_at),
  deliveredVia: r.delivered_via,
  createdAt: toInstant(r.created_at)!,
  bodiesPurgedAt: toInstant(r.bodies_purged_at),
});

const ENTRY_COLUMNS = [
  'id',
  'kind',
  'to_address',
  'subject',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'sent_at',
  'delivered_via',
  'created_at',
  'bodies_purged_at',
];

const rowsOf = (result: unknown): OutboxRow[] =>
  (Array.isArray(result) ? result : (result as { rows: OutboxRow[] }).rows) as OutboxRow[];

/** The outbox table: enqueueing inside a caller's transaction, claiming with a lease, and the pages' queries. */
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /** Inserts the message unless its dedupe key is already there; returns the new id, or undefined for a repeat. */
  async insert(message: NewOutboxMessage, now: string, tx?: Tx): Promise<number | undefined> {
    const rows = await on(
      this.db,
      tx,
    )('outbox_messages')
      .insert({
        organisation_id: message.organisationId,
        kind: message.kind,
        dedupe_key: message.dedupeKey,
        to_address: message.to,
        representative_id: message.representativeId ?? null,
        user_id: message.userId ?? null,
        subject: message.subject,
        text_body: message.text,
        html_body: message.html ?? null,
        attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
        status: 'queued',
        attempts: 0,
        next_attempt_at: message.notBefore ?? now,
        created_at: now,
      })
      .onConflict('dedupe_key')
      .ignore()
      .returning<Array<{ id: number | string } | number>>('id');
    const first = rows[0];
    return first === undefined ? undefined : Number(typeof first === 'object' ? first.id : first);
  }

  /** Organisations with messages due now, and how many each has. */
  async dueByOrganisation(now: string): Promise<Array<{ organisationId: number; due: number }>> {
    const rows = await this.db('outbox_messages')
      .whereIn('status', ['queued', 'sending'])
      .where('next_attempt_at', '<=', now)
      .where((q) => void q.whereNull('locked_until').orWhere('locked_until', '<=', now))
      .groupBy('organisation_id')
      .select<Array<{ organisation_id: number | string; n: number | string }>>(
        'organisation_id',
        this.db.raw('count(*) as n'),
      );
    return rows.map((r) => ({
      organisationId: toNumber(r.organisation_id),
      due: toNumber(r.n),
    }));
  }

  /**
   * Claims up to `limit` due messages of one organisation for `workerId` until `lockedUntil`, in one statement.
   * On PostgreSQL the rows are picked with FOR UPDATE SKIP LOCKED, so that concurrent workers take different
   * rows without waiting; SQLite has one writer at a time, so the same UPDATE is atomic there by itself. A row
   * still 'sending' whose lease ended belongs to a worker that died: it is claimed again.
   */
  async claim(
    organisationId: number,
    limit: number,
    now: string,
    lockedUntil: string,
    workerId: string,
  ): Promise<ClaimedMessage[]> {
    if (limit <= 0) return [];
    const skipLocked = engineOf(this.db) === 'pg' ? 'FOR UPDATE SKIP LOCKED' : '';
    const result: unknown = await this.db.raw(
      `UPDATE outbox_messages
          SET status = 'sending', attempts = attempts + 1, locked_until = ?, locked_by = ?
        WHERE id IN (
          SELECT id FROM outbox_messages
           WHERE organisation_id = ? AND status IN ('queued', 'sending') AND next_attempt_at <= ?
             AND (locked_until IS NULL OR locked_until <= ?)
           ORDER BY next_attempt_at, id
           LIMIT ? ${skipLocked})
      RETURNING id, organisation_id, kind, dedupe_key, to_address, representative_id, subject, text_body, html_body,
                attachments, attempts`,
      [lockedUntil, workerId, organisationId, now, now, limit],
    );
    return rowsOf(result)
      .map((r) => ({
        id: toNumber(r.id),
        organisationId: toNumber(r.organisation_id),
        kind: r.kind,
        dedupeKey: r.dedupe_key,
        to: r.to_address,
        representativeId: r.representative_id === null ? null : toNumber(r.representative_id),
        subject: r.subject,
        text: r.text_body ?? '',
        html: r.html_body,
        attachments: parseAttachments(r.attachments),
        attempts: toNumber(r.attempts),
      }))
      .sort((a, b) => a.id - b.id);
  }

  /**
   * Marks a message sent, in one statement when this worker still holds the lease (the common case: the window
   * between the server's acceptance and this write is what a crash could turn into a resend). Returns false when
   * another worker had taken the message over (this worker outlived its lease), which is then logged.
   * With `deleteBodies` (a real SMTP server took it) the same statement deletes the text, HTML and attachments:
   * they carry working personal links, which are not to lie in the database once nothing needs them.
   */
  async markSent(
    id: number,
    workerId: string,
    sentAt: string,
    response: string,
    via: string,
    deleteBodies: boolean,
  ): Promise<boolean> {
    const values = {
      status: 'sent',
      sent_at: sentAt,
      provider_message_id: response,
      delivered_via: via,
      locked_until: null,
      locked_by: null,
      last_error: null,
      ...(deleteBodies ? { text_body: null, html_body: null, attachments: null, bodies_purged_at: sentAt } : {}),
    };
    const n = await this.db('outbox_messages').where({ id, locked_by: workerId }).update(values);
    if (n > 0) return true;
    await this.db('outbox_messages').where({ id }).update(values);
    return false;
  }

  async markRetry(id: number, workerId: string, nextAttemptAt: string, error: string): Promise<void> {
    await this.db('outbox_messages').where({ id, locked_by: workerId, status: 'sending' }).update({
      status: 'queued',
      next_attempt_at: nextAttemptAt,
      locked_until: null,
      locked_by: null,
      last_error: error,
    });
  }

  async markFailed(id: number, workerId: string, error: string): Promise<void> {
    await this.db('outbox_messages').where({ id, locked_by: workerId, status: 'sending' }).update({
      status: 'failed',
      locked_until: null,
      locked_by: null,
      last_error: error,
    });
  }

  /** Puts a failed message back in the queue, due now; false when it is not a failed message of the organisation. */
  async requeueFailed(organisationId: number, id: number, now: string, tx?: Tx): Promise<boolean> {
    const n = await on(
      this.db,
      tx,
    )('outbox_messages')
      .where({ organisation_id: organisationId, id, status: 'failed' })
      .whereNull('bodies_purged_at')
      .update({ status: 'queued', next_attempt_at: now, attempts: 0, last_error: null });
    return n > 0;
  }

  async list(
    organisationId: number,
    filter: { status?: OutboxStatus; via?: 'mailbox' },
    limit: number,
    offset: number,
  ): Promise<{ entries: OutboxEntry[]; total: number }> {
    const base = () => {
      const q = this.db('outbox_messages').where({ organisation_id: organisationId });
      if (filter.status) q.where({ status: filter.status });
      if (filter.via) q.where({ delivered_via: filter.via });
      return q;
    };
    const [rows, count] = await Promise.all([
      base().orderBy('id', 'desc').limit(limit).offset(offset).select<OutboxRow[]>(ENTRY_COLUMNS),
      base().count({ n: '*' }).first(),
    ]);
    return { entries: rows.map(toEntry), total: toNumber(count?.n) };
  }

  async countsByStatus(organisationId: number): Promise<Record<OutboxStatus, number>> {
    const rows = await this.db('outbox_messages')
      .where({ organisation_id: organisationId })
      .groupBy('status')
      .select<Array<{ status: OutboxStatus; n: number | string }>>('status', this.db.raw('count(*) as n'));
    const counts = { queued: 0, sending: 0, sent: 0, failed: 0 };
    for (const r of rows) counts[r.status] = toNumber(r.n);
    return counts;
  }

  async findWithBodies(organisationId: number, id: number): Promise<OutboxMessageWithBodies | undefined> {
    const row = await this.db('outbox_messages')
      .where({ organisation_id: organisationId, id })
      .first<OutboxRow | undefined>([...ENTRY_COLUMNS, 'text_body', 'html_body', 'attachments']);
    if (!row) return undefined;
    return {
      ...toEntry(row),
      text: row.text_body,
      html: row.html_body,
      attachments: parseAttachments(row.attachments),
    };
  }

  /** Deletes the bodies (personal links) of finished messages created before the instant; metadata stays. */
  async purgeBodies(organisationId: number, before: string, now: string): Promise<number> {
    return this.db('outbox_messages')
      .where({ organisation_id: organisationId })
      .whereIn('status', ['sent', 'failed'])
      .where('created_at', '<', before)
      .whereNull('bodies_purged_at')
      .update({ text_body: null, html_body: null, attachments: null, bodies_purged_at: now });
  }

  /** After an erasure: the person's address and every body go; a message not yet sent never will be. */
  async eraseForRepresentative(
    organisationId: number,
    representativeId: number,
    pseudonym: string,
    now: string,
    tx?: Tx,
  ) {
    const mine = () =>
      on(
        this.db,
        tx,
      )('outbox_messages').where({ organisation_id: organisationId, representative_id: representativeId });
    await mine().where({ status: 'queued' }).update({ status: 'failed', last_error: 'erased' });
    await mine().update({
      to_address: pseudonym,
      text_body: null,
      html_body: null,
      attachments: null,
      bodies_purged_at: now,
    });
  }

  /** Every message to a representative, for their data copy (metadata only). */
  async forRepresentative(organisationId: number, representativeId: number): Promise<OutboxEntry[]> {
    const rows = await this.db('outbox_messages')
      .where({ organisation_id: organisationId, representative_id: representativeId })
      .orderBy('id')
      .select<OutboxRow[]>(ENTRY_COLUMNS);
    return rows.map(toEntry);
  }
}
