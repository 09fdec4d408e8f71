import type { RenderedEmail } from '../src/lib/email.js';
import type { MailAttachment } from '../src/lib/mailer.js';
import type { DemoDays, Random } from './demo-kit.js';

// The e-mail the demo's history sent, as the outbox holds it after the worker: captured by the development
// mailbox (status sent, delivered via the mailbox, so nothing is sent again at start), bodies deleted after the
// organisation's retention as the purge job deletes them, and one refused for good (failed), as a bounce leaves it.

/** Days a sent body is kept (the organisation's default `sentEmailRetentionDays`). */
const RETENTION_DAYS = 30;
/** The personal page's links live this long (mail-context.ts PARTICIPATION_LINK_DAYS). */
const LINK_DAYS = 180;

export interface DemoMessage {
  kind: string;
  dedupeKey: string;
  to: string;
  representativeId?: number;
  userId?: number;
  createdAt: string;
  /** The message, given the link to the person's own page (a new one for each e-mail to a representative). */
  render: (meUrl: string) => RenderedEmail & { attachments?: MailAttachment[] };
  /** Refused for good by the mail server, with this reply. */
  refused?: string;
}

export class DemoMail {
  readonly messages: Array<Record<string, unknown>> = [];
  readonly links: Array<Record<string, unknown>> = [];

  constructor(
    private readonly organisationId: number,
    private readonly days: DemoDays,
    private readonly random: Random,
    private readonly baseUrl: string,
  ) {}

  /** A new /me link for the person, valid for 180 days from the e-mail (as InvitationMail.participationLink). */
  meUrl(representativeId: number, createdAt: string): string {
    const link = this.random.token();
    this.links.push({
      organisation_id: this.organisationId,
      representative_id: representativeId,
      token_hash: link.hash,
      created_at: createdAt,
      expires_at: this.days.shift(createdAt, LINK_DAYS),
    });
    return `${this.baseUrl}/me/${link.token}`;
  }

  add(message: DemoMessage): void {
    const meUrl = message.representativeId
      ? this.meUrl(message.representativeId, message.createdAt)
      : `${this.baseUrl}/`;
    const mail = message.render(meUrl);
    // the purge job deletes a finished message's bodies once it is older than the retention (metadata stays)
    const purgedAt = this.days.shift(message.createdAt, RETENTION_DAYS, 20);
    const purged = this.days.past(purgedAt);
    const sentAt = this.days.shift(message.createdAt, 0, 1);
    this.messages.push({
      organisation_id: this.organisationId,
      kind: message.kind,
      dedupe_key: message.dedupeKey,
      to_address: message.to,
      representative_id: message.representativeId ?? null,
      user_id: message.userId ?? null,
      subject: mail.subject,
      text_body: purged ? null : mail.text,
      html_body: purged ? null : mail.html,
      attachments: purged || !mail.attachments?.length ? null : JSON.stringify(mail.attachments),
      status: message.refused ? 'failed' : 'sent',
      attempts: 1,
      next_attempt_at: message.createdAt,
      locked_until: null,
      locked_by: null,
      last_error: message.refused ?? null,
      sent_at: message.refused ? null : sentAt,
      provider_message_id: message.refused ? null : 'captured',
      delivered_via: message.refused ? null : 'mailbox',
      created_at: message.createdAt,
      bodies_purged_at: purged ? purgedAt : null,
    });
  }

  /** The messages in the order they were written (the outbox lists the newest first). */
  sorted(): Array<Record<string, unknown>> {
    return [...this.messages].sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
  }
}
