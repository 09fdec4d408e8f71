import type { Db } from '../../db.js';
import { on } from '../../db.js';
import { toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { HeldProject } from './handover.model.js';

// Who is responsible for what: a project's facilitator (projects.facilitator_user_id) and a representative's
// contact person (representatives.contact_user_id). Hand-overs change only these two columns; the projects and
// roster features keep every other column.

export class HandoverRepository {
  constructor(private readonly db: Db) {}

  /** The projects a user is facilitator of, except closed ones (they stay with whoever ran them, for the record). */
  async openProjectsOf(organisationId: number, userId: number, tx?: Tx): Promise<HeldProject[]> {
    const rows = await on(
      this.db,
      tx,
    )('projects')
      .where({ organisation_id: organisationId, facilitator_user_id: userId })
      .whereNot('phase', 'closed')
      .orderBy('title')
      .select<Array<{ id: number | string; title: string }>>('id', 'title');
    return rows.map((r) => ({ id: toNumber(r.id), title: r.title }));
  }

  /** One project's title and facilitator, in the organisation. */
  async project(
    organisationId: number,
    id: number,
    tx?: Tx,
  ): Promise<{ id: number; title: string; facilitatorUserId: number | null } | undefined> {
    const row = await on(
      this.db,
      tx,
    )('projects')
      .where({ organisation_id: organisationId, id })
      .first<{ id: number | string; title: string; facilitator_user_id: number | string | null } | undefined>(
        'id',
        'title',
        'facilitator_user_id',
      );
    if (!row) return undefined;
    const facilitator = row.facilitator_user_id === null ? null : toNumber(row.facilitator_user_id);
    return { id: toNumber(row.id), title: row.title, facilitatorUserId: facilitator };
  }

  async setProjectFacilitator(organisationId: number, id: number, userId: number, now: string, tx: Tx): Promise<void> {
    await on(
      this.db,
      tx,
    )('projects')
      .where({ organisation_id: organisationId, id })
      .update({ facilitator_user_id: userId, updated_at: now });
  }

  /** The ids of the (not erased) representatives a user is contact person for. */
  async peopleOf(organisationId: number, userId: number, tx?: Tx): Promise<number[]> {
    const rows = await on(
      this.db,
      tx,
    )('representatives')
      .where({ organisation_id: organisationId, contact_user_id: userId })
      .whereNull('erased_at')
      .orderBy('id')
      .select<Array<{ id: number | string }>>('id');
    return rows.map((r) => toNumber(r.id));
  }

  // A representative's updated_at is left alone: a new contact person changes nothing about the person (the audit
  // records the hand-over), and the data review counts a retired person's time since their record last changed.

  /** Sets a representative's contact person (null: none). */
  async setContactPerson(
    organisationId: number,
    representativeId: number,
    userId: number | null,
    tx: Tx,
  ): Promise<void> {
    await on(
      this.db,
      tx,
    )('representatives')
      .where({ organisation_id: organisationId, id: representativeId })
      .update({ contact_user_id: userId });
  }

  /** A representative's contact person's name, for the person's data copy. */
  async contactNameOf(organisationId: number, representativeId: number, tx?: Tx): Promise<string | undefined> {
    const row = await on(
      this.db,
      tx,
    )('representatives as r')
      .join('users as u', 'u.id', 'r.contact_user_id')
      .where({ 'r.organisation_id': organisationId, 'r.id': representativeId, 'u.organisation_id': organisationId })
      .first<{ name: string } | undefined>('u.name');
    return row?.name;
  }

  /** Moves every listed representative to another contact person (ids read in the same transaction). */
  async moveContactPerson(organisationId: number, ids: number[], toUserId: number, tx: Tx): Promise<void> {
    // chunks keep the statement under SQLite's and PostgreSQL's parameter limits for any roster
    for (let i = 0; i < ids.length; i += 500) {
      await on(
        this.db,
        tx,
      )('representatives')
        .where({ organisation_id: organisationId })
        .whereIn('id', ids.slice(i, i + 500))
        .update({ contact_user_id: toUserId });
    }
  }
}
