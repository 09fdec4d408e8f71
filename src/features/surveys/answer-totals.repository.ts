import type { Db } from '../../db.js';
import { toNumber } from '../../lib/db-values.js';
import { QUESTIONS, type AnswerTotals } from './surveys.model.js';

// The sums the database makes of survey answers, shared by the results page (surveys) and the report (reports).

/** The sums of the scores, per statement, as SQL (`count(col)` counts the answers that gave it a score). */
export function totalsColumns(db: Db) {
  return [
    db.raw('count(a.id) as answers'),
    ...QUESTIONS.flatMap((q) => [db.raw(`count(a.${q}) as n_${q}`), db.raw(`coalesce(sum(a.${q}), 0) as s_${q}`)]),
  ];
}

/** The database's sums as AnswerTotals. */
export function toTotals(row: Record<string, unknown> | undefined): AnswerTotals {
  const questions = Object.fromEntries(
    QUESTIONS.map((q) => [q, { n: toNumber(row?.[`n_${q}`] ?? 0), sum: toNumber(row?.[`s_${q}`] ?? 0) }]),
  ) as AnswerTotals['questions'];
  return { answers: toNumber(row?.answers ?? 0), questions };
}
