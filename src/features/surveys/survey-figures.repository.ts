import type { Db } from '../../db.js';
import { toInstant, toNumber } from '../../lib/db-values.js';
import { toTotals, totalsColumns } from './answer-totals.repository.js';
import { MIN_ANSWERS } from './surveys.model.js';
import type { RoundTotals } from './voice-figures.js';

type Num = number | string;

/**
 * What the surveys' answers add up to, by round: the figures of the results page and the report, the free texts, and
 * the rounds ready for the worklist. Counts and sums only: nothing here joins an answer to a person.
 */
export class SurveyFiguresRepository {
  constructor(private readonly db: Db) {}

  /**
   * Each round's answers added up, with how many of its links wait for an answer (of people still on the roster):
   * of one project, or of the rounds sent in a period (instants), of a unit's or a project's projects.
   */
  async roundTotals(
    organisationId: number,
    filter: { projectId?: number; unitId?: number; fromInstant?: string; toInstant?: string },
  ): Promise<RoundTotals[]> {
    const q = this.db('surveys as s')
      .leftJoin('survey_answers as a', 'a.survey_id', 's.id')
      .where('s.organisation_id', organisationId)
      .groupBy('s.id', 's.closes_at');
    if (filter.projectId) q.where('s.project_id', filter.projectId);
    if (filter.unitId) q.join('projects as p', 'p.id', 's.project_id').where('p.unit_id', filter.unitId);
    if (filter.fromInstant) q.where('s.created_at', '>=', filter.fromInstant);
    if (filter.toInstant) q.where('s.created_at', '<', filter.toInstant);
    const rows = await q.select<
      Array<Record<string, unknown> & { id: Num; closes_at: string | Date; open_links: Num }>
    >(
      's.id',
      's.closes_at',
      this.db.raw(
        '(select count(*) from survey_links l join representatives r on r.id = l.representative_id where l.survey_id = s.id and l.answered = ? and r.erased_at is null) as open_links',
        [false],
      ),
      ...totalsColumns(this.db),
    );
    return rows.map((r) => ({
      surveyId: toNumber(r.id),
      closesAt: toInstant(r.closes_at)!,
      openLinks: toNumber(r.open_links),
      totals: toTotals(r),
    }));
  }

  /** The free texts of some rounds, in the order of their text (never in the order they came). */
  async freeTexts(organisationId: number, surveyIds: number[]): Promise<string[]> {
    if (!surveyIds.length) return [];
    const rows = await this.db('survey_answers')
      .where({ organisation_id: organisationId })
      .whereIn('survey_id', surveyIds)
      .whereNot('free_text', '')
      .select<Array<{ free_text: string }>>('free_text');
    return rows.map((r) => r.free_text).sort((x, y) => x.localeCompare(y, 'nb'));
  }

  /**
   * Rounds sent since `since` whose answers are ready (released: closed, or answered by everyone asked who is still on
   * the roster) and hold 5 answers or more, of my projects and those without a facilitator (`mine`), or everyone's.
   */
  async readyForWorklist(
    organisationId: number,
    mine: number | null,
    now: string,
    since: string,
    limit: number,
  ): Promise<Array<{ surveyId: number; projectId: number; title: string; answers: number; closesAt: string }>> {
    const q = this.db('surveys as s')
      .join('projects as p', 'p.id', 's.project_id')
      .where('s.organisation_id', organisationId)
      .where('s.created_at', '>=', since)
      .where(
        (w) =>
          void w.where('s.closes_at', '<=', now).orWhereNotExists((open) => {
            void open
              .select(this.db.raw('1'))
              .from('survey_links as l')
              .join('representatives as r', 'r.id', 'l.representative_id')
              .whereRaw('l.survey_id = s.id')
              .where('l.answered', false)
              .whereNull('r.erased_at');
          }),
      )
      .whereRaw('(select count(*) from survey_answers a where a.survey_id = s.id) >= ?', [MIN_ANSWERS])
      .orderBy('s.created_at')
      .limit(limit);
    if (mine !== null) q.where((b) => void b.where('p.facilitator_user_id', mine).orWhereNull('p.facilitator_user_id'));
    const rows = await q.select<
      Array<{ id: Num; project_id: Num; title: string; closes_at: string | Date; answers: Num }>
    >(
      's.id',
      's.project_id',
      'p.title',
      's.closes_at',
      this.db.raw('(select count(*) from survey_answers a where a.survey_id = s.id) as answers'),
    );
    return rows.map((r) => ({
      surveyId: toNumber(r.id),
      projectId: toNumber(r.project_id),
      title: r.title,
      answers: toNumber(r.answers),
      closesAt: toInstant(r.closes_at)!,
    }));
  }
}
