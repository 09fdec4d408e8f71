import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { classifyFailure, type MailSender } from '../../lib/mailer.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { ClaimedMessage } from './outbox.model.js';
import type { OutboxRepository } from './outbox.repository.js';

export interface DeliveryOptions {
  /** Identifies this worker's leases; unique per process. */
  workerId: string;
  /** Messages claimed at a time: about twice the SMTP pool's connections, so that none waits long in its queue. */
  batchSize: number;
  /**
   * How long a claim lasts. It must outlast the slowest possible send of a batch (the transport's timeouts bound
   * it at about 1.5 minutes), or a second worker could send a message the first is still sending.
   */
  leaseSeconds: number;
  maxAttempts: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Messages' Message-ID is <outbox.ID@domain>: the same on every attempt, so that a resend collapses. */
  messageIdDomain: string;
  from: string;
  random?: () => number;
}

export const DEFAULT_DELIVERY = {
  batchSize: 10,
  leaseSeconds: 300,
  maxAttempts: 12,
  baseDelaySeconds: 60,
  maxDelaySeconds: 3600,
};

export interface DeliveryCounts {
  sent: number;
  retried: number;
  failed: number;
}

type Outcome = 'sent' | 'retried' | 'failed';

/**
 * Told when the mail server refuses a message for good (any 5.x.x): the feature that queued it decides what that
 * means for its own data (an invitation nobody received, say). `badAddress` is true for 5.1.x, a bad mailbox.
 */
export interface UndeliverableListener {
  undeliverable(message: ClaimedMessage, failure: { badAddress: boolean }): Promise<unknown>;
}

/** A budget per window that several instances share (the auth feature's rate limits implement it). */
export interface SendBudget {
  /** Takes up to `wanted` of `limit` units per window; returns how many were granted. */
  take(key: string, wanted: number, limit: number, windowMs: number, now: Date): Promise<number>;
}

export interface OutboxWorkerDeps {
  outbox: OutboxRepository;
  sender: MailSender;
  organisations: Pick<OrganisationDirectory, 'settings'>;
  /** Each organisation's send rate, counted across instances. */
  rateLimits: SendBudget;
  /** Told of a representative's address refused for good (5.1.x). */
  onBadAddress: (message: ClaimedMessage) => Promise<unknown>;
  clock: Clock;
  logger: Logger;
  options: DeliveryOptions;
}

/** The domain of the sender's address, for Message-IDs. */
export function messageIdDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match ? match[1]!.toLowerCase() : 'medvirk.invalid';
}

/**
 * Delivers the outbox. Each pass asks which organisations have messages due, takes from each organisation's send
 * rate (shared by every instance through the database), claims that many with a lease, sends them through the
 * one pooled transport and writes the outcome of each message as soon as it is known. Only this class talks to
 * the mail sender.
 */
export class OutboxWorker {
  private readonly random: () => number;
  private readonly undeliverableListeners: UndeliverableListener[] = [];
  constructor(private readonly deps: OutboxWorkerDeps) {
    this.random = deps.options.random ?? Math.random;
  }

  /** Registers a feature to be told of messages refused for good (features register; the outbox knows none). */
  onUndeliverable(listener: UndeliverableListener): void {
    this.undeliverableListeners.push(listener);
  }

  /** Sends everything due now (within the send rates) and returns what happened; safe to run on every instance. */
  async deliverDue(): Promise<DeliveryCounts> {
    const counts: DeliveryCounts = { sent: 0, retried: 0, failed: 0 };
    for (;;) {
      const now = this.deps.clock.now();
      const nowIso = now.toISO()!;
      const due = await this.deps.outbox.dueByOrganisation(nowIso);
      let claimedAny = false;
      for (const { organisationId, due: waiting } of due) {
        const wanted = Math.min(waiting, this.deps.options.batchSize);
        const perMinute = (await this.deps.organisations.settings(organisationId)).emailsPerMinute;
        const granted =
          perMinute > 0
            ? await this.deps.rateLimits.take(
                `outbox:rate:${organisationId}`,
                wanted,
                perMinute,
                60_000,
                now.toJSDate(),
              )
            : wanted;
        if (granted === 0) continue;
        const leaseUntil = now.plus({ seconds: this.deps.options.leaseSeconds }).toISO()!;
        const claimed = await this.deps.outbox.claim(
          organisationId,
          granted,
          nowIso,
          leaseUntil,
          this.deps.options.workerId,
        );
        if (claimed.length > 0) claimedAny = true;
        const outcomes = await Promise.all(claimed.map((message) => this.deliver(message)));
        for (const outcome of outcomes) counts[outcome] += 1;
      }
      if (!claimedAny) return counts;
    }
  }

  private async deliver(message: ClaimedMessage): Promise<Outcome> {
    let response: { via: string; response: string };
    try {
      response = await this.deps.sender.send({
        messageId: `outbox.${message.id}@${this.deps.options.messageIdDomain}`,
        from: this.deps.options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: message.attachments,
      });
    } catch (error) {
      return this.handleFailure(message, error);
    }
    // the window a crash could turn into a resend: from the server's "250 queued" to this one UPDATE, which also
    // deletes the bodies of a message that really left (the development mailbox keeps them to be read)
    const stillOurs = await this.deps.outbox.markSent(
      message.id,
      this.deps.options.workerId,
      this.deps.clock.now().toISO()!,
      response.response,
      response.via,
      response.via === 'smtp',
    );
    if (!stillOurs) this.deps.logger.error('outbox.lease_outlived', { id: message.id });
    this.deps.logger.info('outbox.sent', { id: message.id, kind: message.kind, attempt: message.attempts });
    return 'sent';
  }

  private async handleFailure(message: ClaimedMessage, error: unknown): Promise<Outcome> {
    const failure = classifyFailure(error);
    const code = (error as { responseCode?: number; code?: string }) ?? {};
    // ids and codes only: the server's text may name the address
    const logged = { id: message.id, attempt: message.attempts, code: code.responseCode ?? code.code ?? 'unknown' };
    if (failure.kind === 'temporary' && message.attempts < this.deps.options.maxAttempts) {
      const next = this.deps.clock.now().plus({ milliseconds: this.backoffMs(message.attempts) });
      await this.deps.outbox.markRetry(message.id, this.deps.options.workerId, next.toISO()!, failure.summary);
      this.deps.logger.info('outbox.retry', { ...logged, nextAttemptAt: next.toISO() });
      return 'retried';
    }
    await this.deps.outbox.markFailed(message.id, this.deps.options.workerId, failure.summary);
    this.deps.logger.error('outbox.failed', { ...logged, permanent: failure.kind === 'permanent' });
    if (failure.kind === 'permanent' && failure.badAddress && message.representativeId !== null) {
      await this.deps.onBadAddress(message);
    }
    if (failure.kind === 'permanent') {
      for (const listener of this.undeliverableListeners) {
        // one listener's trouble must not keep the others from hearing, nor undo the failure just recorded
        await listener.undeliverable(message, { badAddress: failure.badAddress }).catch((error: unknown) => {
          this.deps.logger.error('outbox.listener_failed', { id: message.id, error: String((error as Error)?.name) });
        });
      }
    }
    return 'failed';
  }

  /** Exponential backoff with "equal jitter": half the delay fixed, half random, so retries spread out. */
  backoffMs(attempts: number): number {
    const exponential = this.deps.options.baseDelaySeconds * 2 ** Math.max(0, attempts - 1);
    const delayMs = Math.min(this.deps.options.maxDelaySeconds, exponential) * 1000;
    return Math.round(delayMs / 2 + (this.random() * delayMs) / 2);
  }
}
