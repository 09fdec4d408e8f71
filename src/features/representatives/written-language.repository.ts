import { on, type Db } from '../../db.js';
import { toLocale, type Locale } from '../../config.js';
import { toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';

/** A person on the one-time review list: Nynorsk among their spoken languages, written to in another language. */
export interface WrittenLanguageCandidate {
  id: number;
  name: string;
  locale: Locale;
  languages: string[];
}

/** Who waits on the written-language review (issue 25, item 4), and the decisions on it. */
export class WrittenLanguageRepository {
  constructor(private readonly db: Db) {}

  /** Nynorsk among the spoken languages, another written language, not yet decided, not erased or retired. */
  private pending(db: Db, organisationId: number) {
    return db('representatives as r')
      .where('r.organisation_id', organisationId)
      .whereNull('r.erased_at')
      .whereNull('r.written_language_reviewed_at')
      .whereNot('r.status', 'retired')
      .whereNot('r.locale', 'nn')
      .whereRaw(`(',' || r.languages || ',') like ?`, ['%,nn,%']);
  }

  async list(organisationId: number, tx?: Tx): Promise<WrittenLanguageCandidate[]> {
    const rows = await this.pending(on(this.db, tx), organisationId)
      .orderBy('r.name')
      .orderBy('r.id')
      .select<Array<{ id: number | string; name: string; locale: string; languages: string }>>(
        'r.id',
        'r.name',
        'r.locale',
        'r.languages',
      );
    return rows.map((r) => ({
      id: toNumber(r.id),
      name: r.name,
      locale: toLocale(r.locale),
      languages: r.languages ? r.languages.split(',').filter(Boolean) : [],
    }));
  }

  async count(organisationId: number, tx?: Tx): Promise<number> {
    const row = await this.pending(on(this.db, tx), organisationId).count<{ n: number | string }>('r.id as n').first();
    return toNumber(row?.n);
  }

  /**
   * Decides for the chosen people still on the list: Nynorsk from now on, or the written language they have. Either
   * way they leave the list for good. Returns the ids decided (others were decided meanwhile, or never on the list).
   */
  async decide(organisationId: number, ids: number[], nynorsk: boolean, now: string, tx: Tx): Promise<number[]> {
    if (!ids.length) return [];
    const decided = (
      await this.pending(on(this.db, tx), organisationId)
        .whereIn('r.id', ids)
        .select<Array<{ id: number | string }>>('r.id')
    ).map((r) => toNumber(r.id));
    if (!decided.length) return [];
    await on(
      this.db,
      tx,
    )('representatives')
      .where('organisation_id', organisationId)
      .whereIn('id', decided)
      .update({
        written_language_reviewed_at: now,
        ...(nynorsk ? { locale: 'nn', updated_at: now } : {}),
      });
    return decided;
  }
}
