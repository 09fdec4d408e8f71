import { insertReturningIds, on, type Db } from '../../db.js';
import { toInstant, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { SummaryPeriod } from './summaries.model.js';

export interface SummaryRow {
  id: number;
  period: SummaryPeriod;
  start: string;
  title: string;
  body: string;
  authorName: string | null;
  updatedAt: string;
}

interface Row {
  id: number | string;
  period_kind: SummaryPeriod;
  period_start: string | Date;
  title: string;
  body: string;
  author_name: string | null;
  updated_at: string | Date;
}

const toRow = (r: Row): SummaryRow => ({
  id: toNumber(r.id),
  period: r.period_kind,
  start: toIsoDate(r.period_start)!,
  title: r.title,
  body: r.body,
  authorName: r.author_name,
  updatedAt: toInstant(r.updated_at)!,
});

/** The organisation's written summaries, one per period. */
export class SummariesRepository {
  constructor(private readonly db: Db) {}

  private base(organisationId: number, tx?: Tx) {
    return on(
      this.db,
      tx,
    )('report_summaries as s')
      .leftJoin('users as u', 'u.id', 's.author_user_id')
      .where('s.organisation_id', organisationId)
      .select<Row[]>(
        's.id',
        's.period_kind',
        's.period_start',
        's.title',
        's.body',
        's.updated_at',
        'u.name as author_name',
      );
  }

  /** Newest period first. */
  async list(organisationId: number): Promise<SummaryRow[]> {
    const rows = await this.base(organisationId).orderBy([
      { column: 's.period_start', order: 'desc' },
      { column: 's.period_kind' },
    ]);
    return rows.map(toRow);
  }

  async find(organisationId: number, id: number, tx?: Tx): Promise<SummaryRow | undefined> {
    const row = (await this.base(organisationId, tx).where('s.id', id))[0];
    return row ? toRow(row) : undefined;
  }

  async forPeriod(organisationId: number, period: SummaryPeriod, start: string, tx?: Tx) {
    const row = (await this.base(organisationId, tx).where({ 's.period_kind': period, 's.period_start': start }))[0];
    return row ? toRow(row) : undefined;
  }

  /** The summary written or changed last (the weekly digest links to it). */
  async latest(organisationId: number): Promise<SummaryRow | undefined> {
    const row = (await this.base(organisationId).orderBy('s.updated_at', 'desc').limit(1))[0];
    return row ? toRow(row) : undefined;
  }

  async insert(
    s: { organisationId: number; period: SummaryPeriod; start: string; title: string; body: string; userId: number },
    now: string,
    tx: Tx,
  ): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), 'report_summaries', [
      {
        organisation_id: s.organisationId,
        period_kind: s.period,
        period_start: s.start,
        title: s.title,
        body: s.body,
        author_user_id: s.userId,
        created_at: now,
        updated_at: now,
      },
    ]);
    return id!;
  }

  async update(
    organisationId: number,
    id: number,
    s: { period: SummaryPeriod; start: string; title: string; body: string; userId: number },
    now: string,
    tx: Tx,
  ): Promise<void> {
    await on(this.db, tx)('report_summaries').where({ organisation_id: organisationId, id }).update({
      period_kind: s.period,
      period_start: s.start,
      title: s.title,
      body: s.body,
      author_user_id: s.userId,
      updated_at: now,
    });
  }

  async remove(organisationId: number, id: number, tx: Tx): Promise<boolean> {
    return (await on(this.db, tx)('report_summaries').where({ organisation_id: organisationId, id }).delete()) > 0;
  }
}
