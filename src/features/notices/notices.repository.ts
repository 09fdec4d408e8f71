import type { Knex } from 'knex';
import { on, type Db } from '../../db.js';
import { toInstant, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { NewNotice, Notice, NoticeKind } from './notices.model.js';

interface NoticeRow {
  id: number | string;
  kind: NoticeKind;
  representative_id: number | string | null;
  skill_id: number | string | null;
  subject_date: string | Date;
  count: number | string | null;
  created_at: string | Date;
  dismissed_at?: string | Date | null;
  name: string | null;
  name_nb: string | null;
  name_en: string | null;
}

interface PauseRow {
  id: number | string;
  paused_until: string | Date;
}

interface ExpiryRow {
  representative_id: number | string;
  skill_id: number | string;
  expires_on: string | Date;
}

interface TermRow {
  id: number | string;
  term_end: string | Date;
}

const toNotice = (r: NoticeRow): Notice => ({
  id: toNumber(r.id),
  kind: r.kind,
  representativeId: r.representative_id === null ? null : toNumber(r.representative_id),
  name: r.name ?? null,
  skillId: r.skill_id === null ? null : toNumber(r.skill_id),
  skillNb: r.name_nb ?? null,
  skillEn: r.name_en ?? null,
  subjectDate: toIsoDate(r.subject_date)!,
  count: r.count === null ? null : toNumber(r.count),
  createdAt: toInstant(r.created_at)!,
});

/**
 * Knex lives here only: the facilitators' notices (written by the lifecycle job, dismissed by the team) and the
 * reads the job makes of the roster to find what happened (always one organisation; erased people never).
 */
/** Narrows notices (joined with their person as r) to one contact person's, and to those that are nobody's. */
function mineOnly(q: Knex.QueryBuilder, contactUserId: number | null): Knex.QueryBuilder {
  if (contactUserId === null) return q;
  return q.where(
    (b) =>
      void b
        .whereNull('n.representative_id')
        .orWhere('r.contact_user_id', contactUserId)
        .orWhereNull('r.contact_user_id'),
  );
}

export class NoticesRepository {
  constructor(private readonly db: Db) {}

  /** Writes a notice unless its dedupe key exists; true when it was new. */
  async add(notice: NewNotice, now: string, tx?: Tx): Promise<boolean> {
    const rows = await on(
      this.db,
      tx,
    )('notices')
      .insert({
        organisation_id: notice.organisationId,
        kind: notice.kind,
        representative_id: notice.representativeId,
        skill_id: notice.skillId,
        subject_date: notice.subjectDate,
        count: notice.count,
        dedupe_key: notice.dedupeKey,
        created_at: now,
      })
      .onConflict('dedupe_key')
      .ignore()
      .returning<Array<{ id: number | string } | number>>('id');
    return rows.length > 0;
  }

  /** People paused until a day before `today` (their pause is over), not erased. */
  async pausesOver(
    organisationId: number,
    today: string,
    tx?: Tx,
  ): Promise<Array<{ representativeId: number; pausedUntil: string }>> {
    const rows = await on(
      this.db,
      tx,
    )('representatives')
      .where({ organisation_id: organisationId, status: 'paused' })
      .whereNull('erased_at')
      .whereNotNull('paused_until')
      .where('paused_until', '<', today)
      .orderBy('id')
      .select<PauseRow[]>('id', 'paused_until');
    return rows.map((r) => ({ representativeId: toNumber(r.id), pausedUntil: toIsoDate(r.paused_until)! }));
  }

  /** Training that expired on a day in [from, before): its last valid day has passed. Retired and erased people not. */
  async trainingExpired(
    organisationId: number,
    from: string,
    before: string,
    tx?: Tx,
  ): Promise<Array<{ representativeId: number; skillId: number; expiresOn: string }>> {
    const rows = await on(
      this.db,
      tx,
    )('representative_skills as rs')
      .join('representatives as r', 'r.id', 'rs.representative_id')
      .where('r.organisation_id', organisationId)
      .whereNull('r.erased_at')
      .whereNot('r.status', 'retired')
      .where('rs.expires_on', '>=', from)
      .where('rs.expires_on', '<', before)
      .orderBy([
        { column: 'rs.representative_id', order: 'asc' },
        { column: 'rs.skill_id', order: 'asc' },
      ])
      .select<ExpiryRow[]>('rs.representative_id', 'rs.skill_id', 'rs.expires_on');
    return rows.map((r) => ({
      representativeId: toNumber(r.representative_id),
      skillId: toNumber(r.skill_id),
      expiresOn: toIsoDate(r.expires_on)!,
    }));
  }

  /** Terms whose last day is in [from, before). Retired and erased people not. */
  async termsEnded(
    organisationId: number,
    from: string,
    before: string,
    tx?: Tx,
  ): Promise<Array<{ representativeId: number; termEnd: string }>> {
    const rows = await on(
      this.db,
      tx,
    )('representatives')
      .where({ organisation_id: organisationId })
      .whereNull('erased_at')
      .whereNot('status', 'retired')
      .where('term_end', '>=', from)
      .where('term_end', '<', before)
      .orderBy('id')
      .select<TermRow[]>('id', 'term_end');
    return rows.map((r) => ({ representativeId: toNumber(r.id), termEnd: toIsoDate(r.term_end)! }));
  }

  private withNames(organisationId: number, tx?: Tx) {
    return on(
      this.db,
      tx,
    )('notices as n')
      .leftJoin('representatives as r', 'r.id', 'n.representative_id')
      .leftJoin('skills as s', 's.id', 'n.skill_id')
      .where('n.organisation_id', organisationId)
      .select(
        'n.id',
        'n.kind',
        'n.representative_id',
        'n.skill_id',
        'n.subject_date',
        'n.count',
        'n.created_at',
        'n.dismissed_at',
        'r.name',
        's.name_nb',
        's.name_en',
      );
  }

  /** The newest notices nobody has dismissed. */
  /**
   * The notices nobody has marked as seen, newest first. With `contactUserId` (the worklist's "mine"): only those
   * about the people this user is contact person for, about people with no contact person, or about nobody (a
   * data review).
   */
  async undismissed(organisationId: number, limit: number, contactUserId: number | null = null, tx?: Tx) {
    const q = this.withNames(organisationId, tx).whereNull('n.dismissed_at');
    const rows = (await mineOnly(q, contactUserId)
      .orderBy([
        { column: 'n.created_at', order: 'desc' },
        { column: 'n.id', order: 'desc' },
      ])
      .limit(limit)) as NoticeRow[];
    return rows.map(toNotice);
  }

  async countUndismissed(organisationId: number, contactUserId: number | null = null, tx?: Tx): Promise<number> {
    const q = on(
      this.db,
      tx,
    )('notices as n')
      .leftJoin('representatives as r', 'r.id', 'n.representative_id')
      .where('n.organisation_id', organisationId)
      .whereNull('n.dismissed_at');
    const row = (await mineOnly(q, contactUserId).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return toNumber(row?.n);
  }

  /** Marks one notice seen; false when the organisation has no such notice (seen before counts as found). */
  async dismiss(organisationId: number, id: number, userId: number, now: string, tx?: Tx): Promise<boolean> {
    const db = on(this.db, tx);
    const n = await db('notices')
      .where({ organisation_id: organisationId, id })
      .whereNull('dismissed_at')
      .update({ dismissed_at: now, dismissed_by_user_id: userId });
    if (n > 0) return true;
    const exists = await db('notices')
      .where({ organisation_id: organisationId, id })
      .first<{ id: number | string } | undefined>('id');
    return exists !== undefined;
  }

  /** Marks several notices seen (those of the organisation among the ids); returns how many. */
  async dismissMany(organisationId: number, ids: number[], userId: number, now: string, tx?: Tx): Promise<number> {
    if (!ids.length) return 0;
    return on(
      this.db,
      tx,
    )('notices')
      .where({ organisation_id: organisationId })
      .whereIn('id', ids)
      .whereNull('dismissed_at')
      .update({ dismissed_at: now, dismissed_by_user_id: userId });
  }

  /** The notices about one person, for their data copy. */
  async forRepresentative(organisationId: number, representativeId: number, tx?: Tx) {
    const rows = (await this.withNames(organisationId, tx)
      .where('n.representative_id', representativeId)
      .orderBy([
        { column: 'n.created_at', order: 'asc' },
        { column: 'n.id', order: 'asc' },
      ])) as NoticeRow[];
    return rows.map((r) => ({ ...toNotice(r), dismissedAt: toInstant(r.dismissed_at) }));
  }

  /**
   * Deletes notices nobody needs any more (they name people): those marked as seen before `seenBefore`, and any
   * written before `writtenBefore`. Neither can be written again: the lifecycle job looks back 30 days only.
   */
  async purgeOld(seenBefore: string, writtenBefore: string, tx?: Tx): Promise<number> {
    return on(
      this.db,
      tx,
    )('notices')
      .where((w) => void w.where('dismissed_at', '<', seenBefore).orWhere('created_at', '<', writtenBefore))
      .delete();
  }

  /** Deletes the notices about one person (their erasure): they name the person. */
  async deleteForRepresentative(organisationId: number, representativeId: number, tx?: Tx): Promise<number> {
    return on(
      this.db,
      tx,
    )('notices')
      .where({ organisation_id: organisationId, representative_id: representativeId })
      .delete();
  }
}
