import type { Db } from '../../db.js';
import { on } from '../../db.js';
import type { Tx } from '../../lib/transact.js';
import { toInstant, toNumber } from '../../lib/db-values.js';

export type ActorType = 'user' | 'representative' | 'system' | 'anonymous';

export interface AuditEventInput {
  organisationId: number | null;
  actorType: ActorType;
  actorUserId?: number | null;
  actorRepresentativeId?: number | null;
  action: string;
  entityType?: string;
  entityId?: number | null;
  /** Ids and codes only: never names, e-mail addresses or health data. */
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditEvent {
  id: number;
  actorType: ActorType;
  actorUserId: number | null;
  actorName: string | null;
  /** The catalog key that names an actor without a user name (e.g. the representative on their own page). */
  actorKey: string;
  action: string;
  entityType: string;
  entityId: number | null;
  details: Record<string, unknown>;
  occurredAt: string;
  /** How many times it happened: more than 1 for a refusal repeated by one source within one window. */
  occurrences: number;
}

/**
 * How to name an actor that is not a user: a representative's own changes (actions on `representative.`, made on
 * their /me page) are "the representative (own page)"; answers through an invitation link stay "through a link".
 */
export function actorKey(actorType: ActorType, action: string): string {
  if (actorType === 'representative' && action.startsWith('representative.')) return 'audit.actors.ownPage';
  return `audit.actors.${actorType}`;
}

export interface AuditFilter {
  action?: string;
  actorUserId?: number;
  from?: string;
  to?: string;
}

interface AuditRow {
  id: number | string;
  actor_type: ActorType;
  actor_user_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: number | null;
  details: string;
  occurred_at: unknown;
  occurrences: unknown;
}

const toEvent = (r: AuditRow): AuditEvent => ({
  id: toNumber(r.id),
  actorType: r.actor_type,
  actorUserId: r.actor_user_id,
  actorName: r.actor_name,
  actorKey: actorKey(r.actor_type, r.action),
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id === null ? null : toNumber(r.entity_id),
  details: JSON.parse(r.details) as Record<string, unknown>,
  occurredAt: toInstant(r.occurred_at)!,
  occurrences: toNumber(r.occurrences),
});

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async insert(event: AuditEventInput, occurredAt: string, tx?: Tx | Db): Promise<void> {
    await on(
      this.db,
      tx,
    )('audit_events').insert({
      organisation_id: event.organisationId,
      actor_type: event.actorType,
      actor_user_id: event.actorUserId ?? null,
      actor_representative_id: event.actorRepresentativeId ?? null,
      action: event.action,
      entity_type: event.entityType ?? '',
      entity_id: event.entityId ?? null,
      details: JSON.stringify(event.details ?? {}),
      occurred_at: occurredAt,
    });
  }

  /**
   * Counts one more occurrence of the event with this aggregate key (source, kind and window), inserting it the
   * first time: one atomic upsert, so parallel requests and several instances add to the same row.
   */
  async addOccurrence(event: AuditEventInput, aggregateKey: string, occurredAt: string): Promise<void> {
    await this.db('audit_events')
      .insert({
        organisation_id: event.organisationId,
        actor_type: event.actorType,
        actor_user_id: event.actorUserId ?? null,
        actor_representative_id: event.actorRepresentativeId ?? null,
        action: event.action,
        entity_type: event.entityType ?? '',
        entity_id: event.entityId ?? null,
        details: JSON.stringify(event.details ?? {}),
        occurred_at: occurredAt,
        occurrences: 1,
        aggregate_key: aggregateKey,
        last_occurred_at: occurredAt,
      })
      .onConflict('aggregate_key')
      .merge({
        occurrences: this.db.raw('audit_events.occurrences + 1'),
        last_occurred_at: occurredAt,
      });
  }

  private filtered(organisationId: number, filter: AuditFilter) {
    const query = this.db('audit_events as a').where('a.organisation_id', organisationId);
    if (filter.action) query.where('a.action', filter.action);
    if (filter.actorUserId) query.where('a.actor_user_id', filter.actorUserId);
    if (filter.from) query.where('a.occurred_at', '>=', filter.from);
    if (filter.to) query.where('a.occurred_at', '<', filter.to);
    return query;
  }

  async list(organisationId: number, filter: AuditFilter, limit: number, offset: number): Promise<AuditEvent[]> {
    const rows = (await this.filtered(organisationId, filter)
      .leftJoin('users as u', 'u.id', 'a.actor_user_id')
      .select('a.*', 'u.name as actor_name')
      .orderBy([
        { column: 'a.occurred_at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ])
      .limit(limit)
      .offset(offset)) as AuditRow[];
    return rows.map(toEvent);
  }

  /** The latest events about one record (a profile shows who viewed and changed it). */
  async forEntity(organisationId: number, entityType: string, entityId: number, limit: number): Promise<AuditEvent[]> {
    const rows = (await this.db('audit_events as a')
      .leftJoin('users as u', 'u.id', 'a.actor_user_id')
      .where({ 'a.organisation_id': organisationId, 'a.entity_type': entityType, 'a.entity_id': entityId })
      .select('a.*', 'u.name as actor_name')
      .orderBy([
        { column: 'a.occurred_at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ])
      .limit(limit)) as AuditRow[];
    return rows.map(toEvent);
  }

  async count(organisationId: number, filter: AuditFilter): Promise<number> {
    const row = await this.filtered(organisationId, filter).count({ n: '*' }).first();
    return toNumber(row?.n);
  }

  async distinctActions(organisationId: number): Promise<string[]> {
    const rows = await this.db('audit_events')
      .where({ organisation_id: organisationId })
      .distinct('action')
      .orderBy('action');
    return rows.map((r: { action: string }) => r.action);
  }
}
