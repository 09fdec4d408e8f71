import { on, type Db } from '../../db.js';
import { toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { ConsentMethod, ConsentPurpose, Status } from './representatives.model.js';
import { chunks } from './roster-bulk.js';

/** The phases in which a project can still take people onto its shortlist from the roster. */
const RECRUITING_PHASES = ['idea', 'planning', 'running'];

type Id = number | string;

/** A person's state as a bulk change reads it. */
export interface BulkPersonRow {
  id: number;
  name: string;
  status: Status;
  contactUserId: number | null;
}

/**
 * Knex lives here only: the reads and writes of a change to many people at once. Every statement takes at most 500
 * ids (SQLite's bound-variable limit) and every insert at most 100 rows, so 10,000 people are a few dozen statements
 * in one transaction instead of tens of thousands of round trips. Always scoped to one organisation.
 */
export class RosterBulkRepository {
  constructor(private readonly db: Db) {}

  /** The people of the organisation among these ids who are not erased; the others are simply not returned. */
  async people(organisationId: number, ids: number[], tx?: Tx): Promise<BulkPersonRow[]> {
    const db = on(this.db, tx);
    const out: BulkPersonRow[] = [];
    for (const slice of chunks(ids)) {
      const rows = await db('representatives')
        .where('organisation_id', organisationId)
        .whereNull('erased_at')
        .whereIn('id', slice)
        .select<Array<{ id: Id; name: string; status: Status; contact_user_id: Id | null }>>(
          'id',
          'name',
          'status',
          'contact_user_id',
        );
      for (const r of rows)
        out.push({
          id: toNumber(r.id),
          name: r.name,
          status: r.status,
          contactUserId: r.contact_user_id === null ? null : toNumber(r.contact_user_id),
        });
    }
    return out;
  }

  /** person id → the level at which they hold the skill (only those who hold it). Ids are the organisation's. */
  async skillLevels(ids: number[], skillId: number, tx?: Tx): Promise<Map<number, number>> {
    const db = on(this.db, tx);
    const out = new Map<number, number>();
    for (const slice of chunks(ids)) {
      const rows = await db('representative_skills')
        .where('skill_id', skillId)
        .whereIn('representative_id', slice)
        .select<Array<{ representative_id: Id; level: Id }>>('representative_id', 'level');
      for (const r of rows) out.set(toNumber(r.representative_id), toNumber(r.level));
    }
    return out;
  }

  /** The ids among these that hold an active (not withdrawn) consent for the purpose. */
  async withConsent(organisationId: number, ids: number[], purpose: ConsentPurpose, tx?: Tx): Promise<Set<number>> {
    const db = on(this.db, tx);
    const out = new Set<number>();
    for (const slice of chunks(ids)) {
      const rows = await db('consents')
        .where({ organisation_id: organisationId, purpose })
        .whereNull('withdrawn_at')
        .whereIn('representative_id', slice)
        .select<Array<{ representative_id: Id }>>('representative_id');
      for (const r of rows) out.add(toNumber(r.representative_id));
    }
    return out;
  }

  /**
   * What the roster's bulk form offers, in one query (the roster page runs a fixed handful): who can be a contact
   * person (the organisation's active facilitators and admins) and the projects that can still take people (an
   * idea, in planning or running, and not past their last day), each by name.
   */
  async choices(
    organisationId: number,
    today: string,
    tx?: Tx,
  ): Promise<{ staff: Array<{ id: number; name: string }>; projects: Array<{ id: number; title: string }> }> {
    const db = on(this.db, tx);
    const rows = await db
      .from(
        db('users')
          .where({ organisation_id: organisationId, active: true })
          .whereIn('role', ['facilitator', 'admin'])
          .select(db.raw("'staff' as kind"), 'id', 'name')
          .unionAll((u) => {
            void u
              .from('projects')
              .where('organisation_id', organisationId)
              .whereIn('phase', RECRUITING_PHASES)
              .where((b) => void b.whereNull('ends_on').orWhere('ends_on', '>=', today))
              .select(db.raw("'project' as kind"), 'id', 'title as name');
          })
          .as('c'),
      )
      .orderBy([{ column: 'kind' }, { column: 'name' }, { column: 'id' }])
      .select<Array<{ kind: 'staff' | 'project'; id: Id; name: string }>>('kind', 'id', 'name');
    return {
      staff: rows.filter((r) => r.kind === 'staff').map((r) => ({ id: toNumber(r.id), name: r.name })),
      projects: rows.filter((r) => r.kind === 'project').map((r) => ({ id: toNumber(r.id), title: r.name })),
    };
  }

  async touch(organisationId: number, ids: number[], now: string, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    for (const slice of chunks(ids))
      await db('representatives')
        .where('organisation_id', organisationId)
        .whereIn('id', slice)
        .update({ updated_at: now });
  }

  /** Adds the skill at this level, or changes the level of those who hold it already (as the profile's form does). */
  async setSkill(ids: number[], skill: { skillId: number; level: number }, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    for (const slice of chunks(ids, 100)) {
      await db('representative_skills')
        .insert(slice.map((id) => ({ representative_id: id, skill_id: skill.skillId, level: skill.level })))
        .onConflict(['representative_id', 'skill_id'])
        .merge(['level']);
    }
  }

  async removeSkill(ids: number[], skillId: number, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    for (const slice of chunks(ids))
      await db('representative_skills').where('skill_id', skillId).whereIn('representative_id', slice).delete();
  }

  async giveConsents(
    organisationId: number,
    ids: number[],
    consent: { purpose: ConsentPurpose; method: ConsentMethod; at: string; userId: number },
    tx?: Tx,
  ): Promise<void> {
    const db = on(this.db, tx);
    for (const slice of chunks(ids, 100)) {
      await db('consents').insert(
        slice.map((id) => ({
          organisation_id: organisationId,
          representative_id: id,
          purpose: consent.purpose,
          given_at: consent.at,
          withdrawn_at: null,
          method: consent.method,
          recorded_by_user_id: consent.userId,
        })),
      );
    }
  }

  /** Sets the status and records the change for each person (from their own earlier status). */
  async setStatus(
    organisationId: number,
    people: Array<{ id: number; from: Status }>,
    change: { to: Status; pausedUntil: string | null; reason: string; userId: number; at: string },
    tx?: Tx,
  ): Promise<void> {
    const db = on(this.db, tx);
    for (const slice of chunks(people.map((p) => p.id)))
      await db('representatives')
        .where('organisation_id', organisationId)
        .whereIn('id', slice)
        .update({ status: change.to, paused_until: change.pausedUntil, updated_at: change.at });
    for (const slice of chunks(people, 50)) {
      await db('representative_status_changes').insert(
        slice.map((p) => ({
          organisation_id: organisationId,
          representative_id: p.id,
          from_status: p.from,
          to_status: change.to,
          paused_until: change.pausedUntil,
          reason: change.reason,
          changed_by_user_id: change.userId,
          changed_by: 'user',
          changed_at: change.at,
        })),
      );
    }
  }

  /** Draft invitations (the shortlist), as the matches page's shortlist button makes one. */
  async shortlist(
    organisationId: number,
    projectId: number,
    ids: number[],
    userId: number,
    now: string,
    tx?: Tx,
  ): Promise<void> {
    const db = on(this.db, tx);
    for (const slice of chunks(ids, 100)) {
      await db('invitations').insert(
        slice.map((id) => ({
          organisation_id: organisationId,
          project_id: projectId,
          representative_id: id,
          status: 'draft',
          channel: 'email',
          created_by_user_id: userId,
          created_at: now,
          updated_at: now,
        })),
      );
    }
  }
}
