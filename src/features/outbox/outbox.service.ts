import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { CurrentUser } from '../users/users.types.js';
import type { NewOutboxMessage, OutboxEntry, OutboxMessageWithBodies, OutboxStatus } from './outbox.model.js';
import type { OutboxRepository } from './outbox.repository.js';

export const OUTBOX_PAGE_SIZE = 50;

export interface OutboxServiceDeps {
  transact: Transact;
  outbox: OutboxRepository;
  organisations: Pick<OrganisationDirectory, 'allSettings'>;
  audit: AuditService;
  clock: Clock;
}

/** The outbox as features and the admin pages see it. Sending is the worker's (outbox.worker.ts). */
export class OutboxService {
  constructor(private readonly deps: OutboxServiceDeps) {}

  /**
   * Queues an e-mail in the caller's transaction, so that it exists exactly when the change that causes it is
   * committed. A repeated dedupe key is ignored (returns undefined).
   */
  enqueue(tx: Tx, message: NewOutboxMessage): Promise<number | undefined> {
    return this.deps.outbox.insert(message, this.deps.clock.now().toISO()!, tx);
  }

  async page(
    actor: CurrentUser,
    filter: { status?: OutboxStatus; via?: 'mailbox' },
    page: number,
  ): Promise<{ entries: OutboxEntry[]; total: number; counts: Record<OutboxStatus, number> }> {
    const { outbox } = this.deps;
    const [list, counts] = await Promise.all([
      outbox.list(actor.organisationId, filter, OUTBOX_PAGE_SIZE, (page - 1) * OUTBOX_PAGE_SIZE),
      outbox.countsByStatus(actor.organisationId),
    ]);
    return { ...list, counts };
  }

  /** Sends a failed message again, from its first attempt. */
  async retry(actor: CurrentUser, id: number): Promise<void> {
    const { transact, outbox, audit, clock } = this.deps;
    await transact(async (tx) => {
      if (!(await outbox.requeueFailed(actor.organisationId, id, clock.now().toISO()!, tx))) throw notFound();
      await audit.byUser(actor, 'outbox.retried', { type: 'outbox_message', id }, {}, tx);
    });
  }

  /** A message captured by the development mailbox, with its bodies. */
  async captured(actor: CurrentUser, id: number): Promise<OutboxMessageWithBodies> {
    const message = await this.deps.outbox.findWithBodies(actor.organisationId, id);
    if (!message || message.deliveredVia !== 'mailbox') throw notFound();
    return message;
  }

  /** Deletes the bodies of sent and failed messages older than each organisation's retention. */
  async purgeBodies(): Promise<number> {
    const { outbox, organisations, clock } = this.deps;
    const now = clock.now();
    let purged = 0;
    for (const organisation of await organisations.allSettings()) {
      const before = now.minus({ days: organisation.settings.sentEmailRetentionDays }).toISO()!;
      purged += await outbox.purgeBodies(organisation.id, before, now.toISO()!);
    }
    return purged;
  }
}
