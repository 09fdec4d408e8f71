import { toTotals, totalsColumns } from '../surveys/answer-totals.js';
import type { AnswerTotals } from '../surveys/surveys.model.js';
import { ReportQueries, type Scope } from './report-queries.repository.js';

/** The representatives' survey answers in a period (by the day they answered), added up by the database. */
export class VoiceFiguresRepository extends ReportQueries {
  async totals(scope: Scope, from = scope.from, to = scope.to): Promise<AnswerTotals> {
    const q = this.db('survey_answers as a')
      .where('a.organisation_id', scope.organisationId)
      .where('a.answered_on', '>=', from)
      .where('a.answered_on', '<=', to);
    if (scope.unitId || scope.projectId) this.scoped(q.join('projects as p', 'p.id', 'a.project_id'), scope);
    const row = await q.first(totalsColumns(this.db));
    return toTotals(row as Record<string, unknown> | undefined);
  }
}
