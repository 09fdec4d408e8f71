import { on, type Db } from '../../db.js';
import { toInstant } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import { searchKey, sortKey } from '../../lib/text.js';
import type { RosterRow } from './representatives.model.js';
import { toRosterRow, type RepresentativeRow, type RosterListRow } from './representative-rows.js';

/** A roster row with when the person was last reviewed and changed. */
type ReviewRow = RosterListRow & Pick<RepresentativeRow, 'last_reviewed_at' | 'updated_at'>;

/**
 * Knex lives here only: what the data-rights duties write and read on the roster (erasure by anonymisation, the
 * periodic review of who is still on it), always scoped to one organisation.
 */
export class DataRightsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Erasure by anonymisation (GDPR art. 17): every personal field cleared, skills and consents deleted, status
   * reasons blanked; the row stays under a pseudonym so that hours and counts in reports stay true.
   */
  async anonymise(organisationId: number, id: number, pseudonym: string, now: string, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    await db('representatives')
      .where({ organisation_id: organisationId, id })
      .update({
        name: pseudonym,
        search_key: searchKey(pseudonym),
        sort_key: sortKey(pseudonym),
        email: null,
        phone: null,
        area: '',
        area_id: null,
        nominating_organisation: '',
        term_start: null,
        term_end: null,
        languages: '',
        accessibility_needs: '',
        postal_address: '',
        load_cap: null,
        age_band: null,
        gender: null,
        notes: '',
        status: 'retired',
        paused_until: null,
        email_undeliverable: false,
        erased_at: now,
        updated_at: now,
      });
    await db('representative_skills')
      .where({ representative_id: id })
      .whereIn('representative_id', db.select('id').from('representatives').where('organisation_id', organisationId))
      .delete();
    // an address waiting for confirmation is the person's data too
    await db('email_changes').where({ organisation_id: organisationId, representative_id: id }).delete();
    await db('consents').where({ organisation_id: organisationId, representative_id: id }).delete();
    await db('representative_status_changes')
      .where({ organisation_id: organisationId, representative_id: id })
      .update({ reason: '' });
  }

  /** People not reviewed since the cut-off (not retired), and retired people unchanged since it. */
  async reviewDue(
    organisationId: number,
    cutoff: string,
    tx?: Tx,
  ): Promise<{ due: RosterRow[]; retired: RosterRow[] }> {
    const db = on(this.db, tx);
    const base = () =>
      db('representatives as r')
        .where('r.organisation_id', organisationId)
        .whereNull('r.erased_at')
        .select(
          'r.id',
          'r.name',
          'r.kind',
          'r.status',
          'r.paused_until',
          'r.area',
          'r.languages',
          'r.last_reviewed_at',
          'r.updated_at',
        )
        .orderBy([
          { column: 'r.sort_key', order: 'asc' },
          { column: 'r.id', order: 'asc' },
        ])
        .limit(500);
    const toRows = (rows: ReviewRow[]) =>
      rows.map((r) => ({
        ...toRosterRow(r),
        lastReviewedAt: toInstant(r.last_reviewed_at),
        updatedAt: toInstant(r.updated_at),
      }));
    const due = (await base()
      .whereNot('r.status', 'retired')
      .where((w) => void w.whereNull('r.last_reviewed_at').orWhere('r.last_reviewed_at', '<', cutoff))) as ReviewRow[];
    const retired = (await base().where('r.status', 'retired').where('r.updated_at', '<', cutoff)) as ReviewRow[];
    return { due: toRows(due), retired: toRows(retired) };
  }

  async markReviewed(organisationId: number, id: number, now: string, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    await db('representatives').where({ organisation_id: organisationId, id }).update({ last_reviewed_at: now });
  }
}
