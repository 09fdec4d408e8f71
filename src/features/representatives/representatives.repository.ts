import type { Knex } from 'knex';
import { engineOf, insertReturningIds, on, type Db } from '../../db.js';
import { REPRESENTATIVE_LOCALE_SQL, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import { escapeLike, searchKey } from '../../lib/text.js';
import type {
  Representative,
  RepresentativeInput,
  RosterFilter,
  RosterRow,
  RosterSort,
  Status,
  StatusChange,
} from './representatives.model.js';
import {
  toRepresentative,
  toRosterRow,
  toRow,
  toStatusChange,
  type EditedColumns,
  type RepresentativeRow,
  type RosterListRow,
  type StatusChangeRow,
} from './representative-rows.js';

/** Knex lives here only: the roster's reads and writes, always scoped to one organisation. */
export class RepresentativesRepository {
  private readonly sqlite: boolean;

  constructor(private readonly db: Db) {
    this.sqlite = engineOf(db) === 'sqlite';
  }

  private filtered(
    organisationId: number,
    filter: RosterFilter,
    purpose: 'page' | 'count',
    tx?: Tx,
  ): Knex.QueryBuilder {
    const db = on(this.db, tx);
    const q = db('representatives as r').where('r.organisation_id', organisationId).whereNull('r.erased_at');
    if (filter.q) q.where('r.search_key', 'like', `%${escapeLike(searchKey(filter.q))}%`);
    if (filter.kind) q.where('r.kind', filter.kind);
    if (filter.status) q.where('r.status', filter.status);
    if (filter.area) q.where('r.area', filter.area);
    if (filter.language) {
      // languages is a comma-separated list: match a whole code
      q.whereRaw(`(',' || r.languages || ',') like ?`, [`%,${escapeLike(filter.language)},%`]);
    }
    for (const skillId of filter.skillIds) {
      if (purpose === 'count') {
        // counting: the holders of each skill are read once through (skill_id, level, representative_id)
        q.whereIn(
          'r.id',
          db
            .select('rs.representative_id')
            .from('representative_skills as rs')
            .where('rs.skill_id', skillId)
            .where('rs.level', '>=', filter.minLevel),
        );
      } else {
        // a page: walk the roster in name order and probe (representative_id, skill_id, level) for each row
        // until the page is full. SQLite without statistics picks the other index for this probe and reads
        // every holder per row (100 times slower), so the index is named there.
        q.whereExists(
          db
            .select(db.raw('1'))
            .from(
              db.raw(
                this.sqlite
                  ? 'representative_skills as rs indexed by representative_skills_rep_skill_level'
                  : 'representative_skills as rs',
              ),
            )
            .whereRaw('rs.representative_id = r.id')
            .where('rs.skill_id', skillId)
            .where('rs.level', '>=', filter.minLevel),
        );
      }
    }
    if (filter.freeFrom || filter.freeTo) {
      const from = filter.freeFrom ?? filter.freeTo!;
      const to = filter.freeTo ?? filter.freeFrom!;
      // free in the period: active, or paused only until before it starts; and the term does not end in it
      q.where(
        (w) =>
          void w
            .where('r.status', 'active')
            .orWhere((p) => void p.where('r.status', 'paused').where('r.paused_until', '<', from)),
      );
      q.where((w) => void w.whereNull('r.term_end').orWhere('r.term_end', '>=', to));
      q.where((w) => void w.whereNull('r.term_start').orWhere('r.term_start', '<=', from));
    }
    return q;
  }

  async list(
    organisationId: number,
    filter: RosterFilter,
    sort: RosterSort,
    limit: number,
    offset: number,
    tx?: Tx,
  ): Promise<RosterRow[]> {
    const order =
      sort === 'newest'
        ? [
            { column: 'r.created_at', order: 'desc' },
            { column: 'r.id', order: 'desc' },
          ]
        : [
            { column: 'r.sort_key', order: sort === 'name_desc' ? 'desc' : 'asc' },
            { column: 'r.id', order: sort === 'name_desc' ? 'desc' : 'asc' },
          ];
    const rows = (await this.filtered(organisationId, filter, 'page', tx)
      .select('r.id', 'r.name', 'r.kind', 'r.status', 'r.paused_until', 'r.area', 'r.languages')
      .orderBy(order)
      .limit(limit)
      .offset(offset)) as RosterListRow[];
    return rows.map(toRosterRow);
  }

  async count(organisationId: number, filter: RosterFilter, tx?: Tx): Promise<number> {
    const row = (await this.filtered(organisationId, filter, 'count', tx).count({ n: '*' }).first()) as
      { n: number | string } | undefined;
    return toNumber(row?.n);
  }

  /** The ids of everyone the filter matches (a change to "all that match" on the roster), in name order. */
  async matchingIds(organisationId: number, filter: RosterFilter, tx?: Tx): Promise<number[]> {
    const rows = (await this.filtered(organisationId, filter, 'count', tx)
      .select('r.id')
      .orderBy([{ column: 'r.sort_key' }, { column: 'r.id' }])) as Array<{ id: number | string }>;
    return rows.map((r) => toNumber(r.id));
  }

  async areas(organisationId: number, tx?: Tx): Promise<string[]> {
    const db = on(this.db, tx);
    const rows = await db('representatives')
      .where({ organisation_id: organisationId })
      .whereNull('erased_at')
      .whereNot('area', '')
      .distinct<Array<Pick<RepresentativeRow, 'area'>>>('area');
    return rows.map((r) => r.area);
  }

  async find(organisationId: number, id: number, tx?: Tx): Promise<Representative | undefined> {
    const db = on(this.db, tx);
    const row = await db('representatives as r')
      .where({ 'r.organisation_id': organisationId, 'r.id': id })
      .whereNull('r.erased_at')
      // the written language as e-mails use it, beside the one recorded (the profile says when they differ)
      .first<RepresentativeRow | undefined>('r.*', db.raw(`${REPRESENTATIVE_LOCALE_SQL} as written_locale`));
    return row ? toRepresentative(row) : undefined;
  }

  /** E-mail addresses and name+phone keys of everyone on the roster, for finding duplicates in an import. */
  async duplicateKeys(
    organisationId: number,
    tx?: Tx,
  ): Promise<Array<{ id: number; email: string | null; searchKey: string; phone: string | null }>> {
    const db = on(this.db, tx);
    const rows = await db('representatives')
      .where({ organisation_id: organisationId })
      .whereNull('erased_at')
      .select<Array<Pick<RepresentativeRow, 'id' | 'email' | 'search_key' | 'phone'>>>(
        'id',
        'email',
        'search_key',
        'phone',
      );
    return rows.map((r) => ({
      id: toNumber(r.id),
      email: r.email ?? null,
      searchKey: r.search_key,
      phone: r.phone ?? null,
    }));
  }

  async findIdByEmail(organisationId: number, email: string, exceptId?: number, tx?: Tx): Promise<number | undefined> {
    const db = on(this.db, tx);
    const query = db('representatives')
      .where({ organisation_id: organisationId })
      .whereNull('erased_at')
      .whereRaw('lower(email) = ?', [email.toLowerCase()]);
    if (exceptId) query.whereNot({ id: exceptId });
    const row = await query.first<Pick<RepresentativeRow, 'id'> | undefined>('id');
    return row ? toNumber(row.id) : undefined;
  }

  async create(
    organisationId: number,
    input: RepresentativeInput,
    status: Status,
    now: string,
    tx?: Tx,
  ): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), 'representatives', [
      {
        ...toRow(input),
        organisation_id: organisationId,
        status,
        email_undeliverable: false,
        last_reviewed_at: now,
        created_at: now,
        updated_at: now,
      },
    ]);
    return id!;
  }

  async update(organisationId: number, id: number, input: RepresentativeInput, now: string, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    const changes: EditedColumns & { email_undeliverable?: boolean } = toRow(input);
    // a changed address may well be deliverable again
    const current = await db('representatives')
      .where({ organisation_id: organisationId, id })
      .first<Pick<RepresentativeRow, 'email'> | undefined>('email');
    if ((current?.email ?? null) !== input.email) changes.email_undeliverable = false;
    await db('representatives')
      .where({ organisation_id: organisationId, id })
      .update({ ...changes, updated_at: now });
  }

  /**
   * Flags the address as undeliverable after a bad-mailbox answer, only while it is still the address on file (a
   * corrected address is not flagged by a bounce of the old one). Returns whether a row changed.
   */
  async flagEmailUndeliverable(
    organisationId: number,
    id: number,
    address: string,
    now: string,
    tx?: Tx,
  ): Promise<boolean> {
    const db = on(this.db, tx);
    const n = await db('representatives')
      .where({ organisation_id: organisationId, id, email: address, email_undeliverable: false })
      .update({ email_undeliverable: true, updated_at: now });
    return n > 0;
  }

  /** What a person may change on their own page: contact details, languages and how to be contacted. */
  async updateOwnContact(
    organisationId: number,
    id: number,
    values: {
      email: string | null;
      phone: string | null;
      postalAddress: string;
      preferredContact: string;
      languages: string[];
    },
    now: string,
    tx?: Tx,
  ): Promise<void> {
    const db = on(this.db, tx);
    const current = await db('representatives')
      .where({ organisation_id: organisationId, id })
      .first<Pick<RepresentativeRow, 'email'> | undefined>('email');
    await db('representatives')
      .where({ organisation_id: organisationId, id })
      .update({
        email: values.email,
        phone: values.phone,
        postal_address: values.postalAddress,
        preferred_contact: values.preferredContact,
        languages: values.languages.join(','),
        ...((current?.email ?? null) !== values.email ? { email_undeliverable: false } : {}),
        updated_at: now,
      });
  }

  /** A new address the person confirmed through the link sent to it (a new address is not known undeliverable). */
  async setOwnEmail(organisationId: number, id: number, email: string, now: string, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    await db('representatives')
      .where({ organisation_id: organisationId, id })
      .update({ email, email_undeliverable: false, updated_at: now });
  }

  async setStatus(
    organisationId: number,
    id: number,
    status: Status,
    pausedUntil: string | null,
    now: string,
    tx?: Tx,
  ): Promise<void> {
    const db = on(this.db, tx);
    await db('representatives')
      .where({ organisation_id: organisationId, id })
      .update({ status, paused_until: pausedUntil, updated_at: now });
  }

  /**
   * Ends a pause whose last day has passed (the lifecycle job): active again, only while the person is still
   * paused until that day (a pause changed meanwhile is left alone). Returns whether it ended.
   */
  async endPause(organisationId: number, id: number, pausedUntil: string, now: string, tx?: Tx): Promise<boolean> {
    const db = on(this.db, tx);
    const n = await db('representatives')
      .where({ organisation_id: organisationId, id, status: 'paused', paused_until: pausedUntil })
      .whereNull('erased_at')
      .update({ status: 'active', paused_until: null, updated_at: now });
    return n > 0;
  }

  async addStatusChange(
    organisationId: number,
    representativeId: number,
    // userId is null when the person changed it themselves, on their own page (then `by` says so)
    change: {
      from: Status | null;
      to: Status;
      pausedUntil: string | null;
      reason: string;
      userId: number | null;
      by?: 'representative' | 'system';
      at: string;
    },
    tx?: Tx,
  ): Promise<void> {
    const db = on(this.db, tx);
    await db('representative_status_changes').insert({
      organisation_id: organisationId,
      representative_id: representativeId,
      from_status: change.from,
      to_status: change.to,
      paused_until: change.pausedUntil,
      reason: change.reason,
      changed_by_user_id: change.userId,
      changed_by: change.userId !== null ? 'user' : (change.by ?? 'system'),
      changed_at: change.at,
    });
  }

  async statusHistory(organisationId: number, id: number, tx?: Tx): Promise<StatusChange[]> {
    const db = on(this.db, tx);
    const rows = await db('representative_status_changes as c')
      .leftJoin('users as u', 'u.id', 'c.changed_by_user_id')
      .where({ 'c.organisation_id': organisationId, 'c.representative_id': id })
      .orderBy([
        { column: 'c.changed_at', order: 'desc' },
        { column: 'c.id', order: 'desc' },
      ])
      .select<StatusChangeRow[]>('c.*', 'u.name as changed_by_name');
    return rows.map(toStatusChange);
  }

  /** Every matching person with every field, for the CSV export (ordered by name). */
  async exportRows(organisationId: number, filter: RosterFilter, tx?: Tx): Promise<Representative[]> {
    const rows = (await this.filtered(organisationId, filter, 'count', tx)
      .select('r.*')
      .orderBy([
        { column: 'r.sort_key', order: 'asc' },
        { column: 'r.id', order: 'asc' },
      ])) as RepresentativeRow[];
    return rows.map(toRepresentative);
  }

  async touch(organisationId: number, id: number, now: string, tx?: Tx): Promise<void> {
    await on(this.db, tx)('representatives').where({ organisation_id: organisationId, id }).update({ updated_at: now });
  }
}
