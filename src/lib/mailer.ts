import nodemailer from 'nodemailer';
import type { Logger } from './logger.js';

/** One e-mail as the outbox worker hands it over. */
export interface OutgoingMail {
  /** Without angle brackets; the same on every attempt, so that mail clients collapse a resend. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface SendResult {
  /** smtp, or mailbox when the message was only captured (development without SMTP_URL). */
  via: 'smtp' | 'mailbox';
  /** The server's reply to DATA ("250 2.0.0 Ok: queued as …"), the closest thing SMTP has to a provider id. */
  response: string;
}

/** What the outbox worker sends through; tests and development use the same interface. */
export interface MailSender {
  readonly via: 'smtp' | 'mailbox';
  send(mail: OutgoingMail): Promise<SendResult>;
  /** Checks the connection and the credentials once at start; never throws. */
  verify(): Promise<boolean>;
  close(): void;
}

export interface SmtpOptions {
  url: string;
  maxConnections: number;
  /** Every timeout is short and bounded: the outbox lease must outlast the slowest send (see outbox.worker.ts). */
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
}

/**
 * One pooled nodemailer transport over SMTP_URL. nodemailer's own requeueing is off (maxRequeues 0): a message
 * whose connection drops fails here and the outbox retries it with backoff, so that there is one retry policy
 * and the database always knows the state of every message.
 */
export function smtpSender(options: SmtpOptions, logger: Logger): MailSender {
  const transport = nodemailer.createTransport({
    pool: true,
    url: options.url,
    maxConnections: options.maxConnections,
    maxMessages: 100,
    maxRequeues: 0,
    connectionTimeout: options.connectionTimeoutMs ?? 15_000,
    greetingTimeout: options.greetingTimeoutMs ?? 15_000,
    socketTimeout: options.socketTimeoutMs ?? 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    via: 'smtp',
    async send(mail) {
      const info = await transport.sendMail({
        messageId: `<${mail.messageId}>`,
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
      return { via: 'smtp', response: String(info.response ?? '').slice(0, 300) };
    },
    async verify() {
      try {
        await transport.verify();
        logger.info('smtp.verified');
        return true;
      } catch (err) {
        const e = err as { code?: string; responseCode?: number };
        // not fatal: the outbox keeps the messages and retries once the server answers
        logger.error('smtp.verify_failed', { code: e.code ?? 'unknown', responseCode: e.responseCode ?? null });
        return false;
      }
    },
    close() {
      transport.close();
    },
  };
}

/** Development without SMTP_URL: nothing leaves the machine; the outbox row itself is the mailbox. */
export function mailboxSender(): MailSender {
  return {
    via: 'mailbox',
    send() {
      return Promise.resolve({ via: 'mailbox', response: 'captured' });
    },
    verify() {
      return Promise.resolve(true);
    },
    close() {},
  };
}

export type DeliveryFailure =
  { kind: 'temporary'; summary: string } | { kind: 'permanent'; summary: string; badAddress: boolean };

/**
 * Sorts a send error into what the outbox does next. 4xx replies, dropped connections and timeouts are
 * temporary; 5xx replies are permanent. Only an enhanced status 5.1.x (bad mailbox, bad domain) says the address
 * itself is wrong: a policy rejection (5.7.x, spam) says nothing about the address. An authentication failure is
 * a configuration problem of ours, retried rather than giving up on every message.
 */
export function classifyFailure(error: unknown): DeliveryFailure {
  const e = (error ?? {}) as { code?: string; responseCode?: number; response?: string; message?: string };
  const response = typeof e.response === 'string' ? e.response : '';
  const summary = (e.responseCode ? response || `${e.responseCode}` : `${e.code ?? 'ERROR'} ${e.message ?? ''}`)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') return { kind: 'temporary', summary };
  if (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600) {
    return { kind: 'permanent', summary, badAddress: /(^|\s)5\.1\.\d{1,3}(\s|$)/.test(response) };
  }
  if (!e.responseCode && (e.code === 'EMESSAGE' || e.code === 'EENVELOPE')) {
    // the message itself cannot be built or addressed: no retry will change that
    return { kind: 'permanent', summary, badAddress: false };
  }
  return { kind: 'temporary', summary };
}
