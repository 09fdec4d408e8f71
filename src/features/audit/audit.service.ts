import { createHmac } from 'node:crypto';
import type { Clock } from '../../lib/clock.js';
import type { Tx } from '../../lib/transact.js';
import type { CurrentUser } from '../users/users.types.js';
import type { AuditEvent, AuditEventInput, AuditFilter } from './audit.model.js';
import type { AuditRepository } from './audit.repository.js';

export type AuditDetails = Record<string, string | number | boolean | null>;

export const AUDIT_PAGE_SIZE = 50;
/** Repeated refusals from one source are counted into one audit row per window of this length. */
export const REFUSAL_WINDOW_MINUTES = 60;

/** Records who did what to which record: ids and codes only, so that an erasure leaves nothing personal behind. */
export interface AuditServiceDeps {
  audit: AuditRepository;
  clock: Clock;
  /** Keys the hash that names a source in an aggregated row (an IP address is not stored, nor guessable). */
  aggregateSecret: string;
}

export class AuditService {
  private readonly audit: AuditRepository;
  private readonly clock: Clock;
  private readonly aggregateSecret: string;

  constructor(deps: AuditServiceDeps) {
    this.audit = deps.audit;
    this.clock = deps.clock;
    this.aggregateSecret = deps.aggregateSecret;
  }

  record(event: AuditEventInput, tx?: Tx): Promise<void> {
    return this.audit.insert(event, this.clock.now().toISO()!, tx);
  }

  /** What a signed-in user did to one record, in the caller's transaction when one is given. */
  byUser(
    actor: Pick<CurrentUser, 'id' | 'organisationId'>,
    action: string,
    entity: { type: string; id: number | null },
    details: AuditDetails = {},
    tx?: Tx,
  ): Promise<void> {
    return this.record(
      {
        organisationId: actor.organisationId,
        actorType: 'user',
        actorUserId: actor.id,
        action,
        entityType: entity.type,
        entityId: entity.id,
        details,
      },
      tx,
    );
  }

  /** The same action by a signed-in user on many records, one row each, in the caller's transaction. */
  byUserMany(
    actor: Pick<CurrentUser, 'id' | 'organisationId'>,
    action: string,
    entries: Array<{ entity: { type: string; id: number | null }; details?: AuditDetails }>,
    tx?: Tx,
  ): Promise<void> {
    const events = entries.map(({ entity, details }) => ({
      organisationId: actor.organisationId,
      actorType: 'user' as const,
      actorUserId: actor.id,
      action,
      entityType: entity.type,
      entityId: entity.id,
      details: details ?? {},
    }));
    return this.audit.insertMany(events, this.clock.now().toISO()!, tx);
  }

  /**
   * Records a refusal of an anonymous request (a forged form, an unknown link, a refused sign-in), counted into one
   * row per source, event and window: however many requests one source sends, the log grows by a row an hour.
   */
  recordRefusal(event: AuditEventInput, source: string): Promise<void> {
    const now = this.clock.now();
    const windowMs = REFUSAL_WINDOW_MINUTES * 60_000;
    const windowStart = Math.floor(now.toMillis() / windowMs) * windowMs;
    const kind = [
      event.action,
      event.organisationId ?? '',
      event.actorType,
      event.entityType ?? '',
      event.entityId ?? '',
      JSON.stringify(event.details ?? {}),
    ].join('|');
    const key = createHmac('sha256', this.aggregateSecret)
      .update(`audit-refusal|${source}|${windowStart}|${kind}`)
      .digest('hex');
    return this.audit.addOccurrence(event, key, now.toISO()!);
  }

  /** The latest events about one record (a profile shows who viewed and changed it). */
  forEntity(organisationId: number, entity: { type: string; id: number }, limit: number): Promise<AuditEvent[]> {
    return this.audit.forEntity(organisationId, entity.type, entity.id, limit);
  }

  async page(
    organisationId: number,
    filter: AuditFilter,
    page: number,
  ): Promise<{ events: AuditEvent[]; total: number; actions: string[] }> {
    const [events, total, actions] = await Promise.all([
      this.audit.list(organisationId, filter, AUDIT_PAGE_SIZE, (page - 1) * AUDIT_PAGE_SIZE),
      this.audit.count(organisationId, filter),
      this.audit.distinctActions(organisationId),
    ]);
    return { events, total, actions };
  }
}
