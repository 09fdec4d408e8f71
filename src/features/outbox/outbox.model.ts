import type { MailAttachment } from '../../lib/mailer.js';

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['queued', 'sending', 'sent', 'failed'];

/** What a feature hands to enqueue: one e-mail to one address. */
export interface NewOutboxMessage {
  organisationId: number;
  kind: string;
  /** Unique across the outbox: the same key twice makes one message (a retried request, a job run twice). */
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: MailAttachment[];
  representativeId?: number | null;
  userId?: number | null;
  /** Not before this instant (ISO); default now. */
  notBefore?: string;
}

/** A claimed message, as the worker needs it to send. */
export interface ClaimedMessage {
  id: number;
  organisationId: number;
  kind: string;
  /** What the feature that queued it called this event (e.g. `invitation:12:sent`). */
  dedupeKey: string;
  to: string;
  representativeId: number | null;
  subject: string;
  text: string;
  html: string | null;
  attachments: MailAttachment[];
  attempts: number;
}

/** A message as the outbox and mailbox pages show it. */
export interface OutboxEntry {
  id: number;
  kind: string;
  to: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  sentAt: string | null;
  deliveredVia: 'smtp' | 'mailbox' | null;
  createdAt: string;
  bodiesPurgedAt: string | null;
}

export interface OutboxMessageWithBodies extends OutboxEntry {
  text: string | null;
  html: string | null;
  attachments: MailAttachment[];
}
