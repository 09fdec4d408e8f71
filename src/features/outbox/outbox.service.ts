import type { Db } from '../../db.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationsRepository } from '../organisations/organisations.repository.js';
import type { CurrentUser } from '../users/users.types.js';
import type {
  NewOutboxMessage,
  OutboxEntry,
  OutboxMessageWithBodies,
  OutboxRepository,
  OutboxStatus,
} from './outbox.repository.js';

export const OUTBOX_PAGE_SIZE = 50;

/** The outbox as features and the admin pages see it. Sending is the worker's (outbox.worker.ts). */
export class OutboxService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Queues an e-mail in the caller's transaction, so that it exists exactly when the change that causes it is
   * committed. A repeated dedupe key is ignored (returns undefined).
   */
  enqueue(trx: Db, message: NewOutboxMessage): Promise<number | undefined> {
    return this.outbox.insert(trx, message, this.clock.now().toISO()!);
  }

  async page(
    actor: CurrentUser,
    filter: { status?: OutboxStatus; via?: 'mailbox' },
    page: number,
  ): Promise<{ entries: OutboxEntry[]; total: number; counts: Record<OutboxStatus, number> }> {
    const [list, counts] = await Promise.all([
      this.outbox.list(actor.organisationId, filter, OUTBOX_PAGE_SIZE, (page - 1) * OUTBOX_PAGE_SIZE),
      this.outbox.countsByStatus(actor.organisationId),
    ]);
    return { ...list, counts };
  }

  /** Sends a failed message again, from its first attempt. */
  async retry(actor: CurrentUser, id: number): Promise<void> {
    const done = await this.outbox.requeueFailed(actor.organisationId, id, this.clock.now().toISO()!);
    if (!done) throw new AppError(404, 'errors.notFound.body');
    await this.audit.record({
      organisationId: actor.organisationId,
      actorType: 'user',
      actorUserId: actor.id,
      action: 'outbox.retried',
      entityType: 'outbox_message',
      entityId: id,
    });
  }

  /** A message captured by the development mailbox, with its bodies. */
  async captured(actor: CurrentUser, id: number): Promise<OutboxMessageWithBodies> {
    const message = await this.outbox.findWithBodies(actor.organisationId, id);
    if (!message || message.deliveredVia !== 'mailbox') throw new AppError(404, 'errors.notFound.body');
    return message;
  }

  /** Deletes the bodies of sent and failed messages older than each organisation's retention. */
  async purgeBodies(): Promise<number> {
    const now = this.clock.now();
    let purged = 0;
    for (const organisation of await this.organisations.allSettings()) {
      const before = now.minus({ days: organisation.settings.sentEmailRetentionDays }).toISO()!;
      purged += await this.outbox.purgeBodies(organisation.id, before, now.toISO()!);
    }
    return purged;
  }
}
