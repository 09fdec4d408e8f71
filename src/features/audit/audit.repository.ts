import type { Db } from '../../db.js';
import { on } from '../../db.js';
import type { Tx } from '../../lib/transact.js';
import { toInstant, toNumber } from '../../lib/db-values.js';
import { actorKey, type ActorType, type AuditEvent, type AuditEventInput, type AuditFilter } from './audit.model.js';

interface AuditRow {
  id: number | string;
  actor_type: ActorType;
  actor_user_id: number | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: number | null;
  entity_representative_name?: string | null;
  entity_representative_erased_at?: unknown;
  entity_project_title?: string | null;
  entity_user_name?: string | null;
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
  entityName: r.entity_representative_erased_at
    ? null
    : (r.entity_representative_name ?? r.entity_project_title ?? r.entity_user_name ?? null),
  entityErased: Boolean(r.entity_representative_erased_at),
  details: JSON.parse(r.details) as Record<string, unknown>,
  occurredAt: toInstant(r.occurred_at)!,
  occurrences: toNumber(r.occurrences),
});

/** An event as its row in audit_events. */
function auditRow(event: AuditEventInput, occurredAt: string) {
  return {
    organisation_id: event.organisationId,
    actor_type: event.actorType,
    actor_user_id: event.actorUserId ?? null,
    actor_representative_id: event.actorRepresentativeId ?? null,
    action: event.action,
    entity_type: event.entityType ?? '',
    entity_id: event.entityId ?? null,
    details: JSON.stringify(event.details ?? {}),
    occurred_at: occurredAt,
  };
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async insert(event: AuditEventInput, occurredAt: string, tx?: Tx): Promise<void> {
    await on(this.db, tx)('audit_events').insert(auditRow(event, occurredAt));
  }

  /** Many events at one instant in a few statements (a change to many people at once audits each person). */
  async insertMany(events: AuditEventInput[], occurredAt: string, tx?: Tx): Promise<void> {
    const rows = events.map((event) => auditRow(event, occurredAt));
    // 9 columns a row: 100 rows stay under SQLite's oldest limit of 999 bound variables a statement
    for (let i = 0; i < rows.length; i += 100) await on(this.db, tx)('audit_events').insert(rows.slice(i, i + 100));
  }

  /**
   * Counts one more occurrence of the event with this aggregate key (source, kind and window), inserting it the
   * first time: one atomic upsert, so parallel requests and several instances add to the same row.
   */
  async addOccurrence(event: AuditEventInput, aggregateKey: string, occurredAt: string): Promise<void> {
    await this.db('audit_events')
      .insert({
        ...auditRow(event, occurredAt),
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

  /**
   * The log's page, with the name each record has now (for a link to it): the representative, project or user of
   * the same organisation the event is about, when it still exists.
   */
  async list(organisationId: number, filter: AuditFilter, limit: number, offset: number): Promise<AuditEvent[]> {
    const kind = (type: string) => this.db.raw('?', [type]);
    const rows = await this.filtered(organisationId, filter)
      .leftJoin('users as u', 'u.id', 'a.actor_user_id')
      .leftJoin('representatives as er', (j) =>
        j
          .on('er.id', '=', 'a.entity_id')
          .andOn('a.entity_type', '=', kind('representative'))
          .andOn('er.organisation_id', '=', 'a.organisation_id'),
      )
      .leftJoin('projects as ep', (j) =>
        j
          .on('ep.id', '=', 'a.entity_id')
          .andOn('a.entity_type', '=', kind('project'))
          .andOn('ep.organisation_id', '=', 'a.organisation_id'),
      )
      .leftJoin('users as eu', (j) =>
        j
          .on('eu.id', '=', 'a.entity_id')
          .andOn('a.entity_type', '=', kind('user'))
          .andOn('eu.organisation_id', '=', 'a.organisation_id'),
      )
      .select<AuditRow[]>(
        'a.*',
        'u.name as actor_name',
        'er.name as entity_representative_name',
        'er.erased_at as entity_representative_erased_at',
        'ep.title as entity_project_title',
        'eu.name as entity_user_name',
      )
      .orderBy([
        { column: 'a.occurred_at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ])
      .limit(limit)
      .offset(offset);
    return rows.map(toEvent);
  }

  /** The latest events about one record (a profile shows who viewed and changed it). */
  async forEntity(organisationId: number, entityType: string, entityId: number, limit: number): Promise<AuditEvent[]> {
    const rows = await this.db('audit_events as a')
      .leftJoin('users as u', 'u.id', 'a.actor_user_id')
      .where({ 'a.organisation_id': organisationId, 'a.entity_type': entityType, 'a.entity_id': entityId })
      .select<AuditRow[]>('a.*', 'u.name as actor_name')
      .orderBy([
        { column: 'a.occurred_at', order: 'desc' },
        { column: 'a.id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(toEvent);
  }

  async count(organisationId: number, filter: AuditFilter): Promise<number> {
    const row = await this.filtered(organisationId, filter).count({ n: '*' }).first();
    return toNumber(row?.n);
  }

  /**
   * Deletes the aggregated anonymous refusals (one row per source, kind and hour) whose hour began before the
   * instant; returns how many. A row's first occurrence lies in its hour, so its hour ended at most an hour later.
   */
  async purgeAggregatesBefore(instant: string): Promise<number> {
    return this.db('audit_events').whereNotNull('aggregate_key').where('occurred_at', '<', instant).delete();
  }

  /**
   * Deletes an organisation's audit events (what its staff, its representatives and the system did) that occurred
   * before the instant; returns how many. Aggregated refusals have a purge of their own.
   */
  async purgeEventsBefore(organisationId: number, instant: string): Promise<number> {
    return this.db('audit_events')
      .where({ organisation_id: organisationId })
      .whereNull('aggregate_key')
      .where('occurred_at', '<', instant)
      .delete();
  }

  async distinctActions(organisationId: number): Promise<string[]> {
    const rows = await this.db('audit_events')
      .where({ organisation_id: organisationId })
      .distinct<Array<{ action: string }>>('action')
      .orderBy('action');
    return rows.map((r) => r.action);
  }
}
