import type { Db } from '../../db.js';
import { toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Level } from '../projects/projects.model.js';
import type { ImpactStatus } from '../impacts/impacts.model.js';
import type { ResultsFigures } from './results.model.js';

/**
 * A project's results as figures, in four queries over the project's own rows: its meetings (held and ahead), the
 * attended involvement (entries, hours, preparation, people), the levels delivered, and its impacts. No names, no
 * contact details: who said what is on the impacts page for staff only.
 */
export class ResultsRepository {
  constructor(private readonly db: Db) {}

  async figures(organisationId: number, projectId: number, now: string): Promise<ResultsFigures> {
    const attended = () =>
      this.db('involvements').where({ organisation_id: organisationId, project_id: projectId, attended: true });
    const [meetings, totals, levels, impacts] = await Promise.all([
      this.db('meetings')
        .where({ organisation_id: organisationId, project_id: projectId })
        .whereNull('cancelled_at')
        .first<{ held: number | string | null; ahead: number | string | null }>(
          this.db.raw('sum(case when starts_at <= ? then 1 else 0 end) as held', [now]),
          this.db.raw('sum(case when starts_at > ? then 1 else 0 end) as ahead', [now]),
        ),
      attended().first<{
        entries: number | string;
        people: number | string;
        minutes: number | string | null;
        preparation: number | string | null;
      }>(
        this.db.raw('count(*) as entries'),
        this.db.raw('count(distinct representative_id) as people'),
        this.db.raw('coalesce(sum(minutes), 0) as minutes'),
        this.db.raw('coalesce(sum(preparation_minutes), 0) as preparation'),
      ),
      attended()
        .whereNotNull('level_delivered')
        .groupBy('level_delivered')
        .select<Array<{ level_delivered: Level; entries: number | string }>>(
          'level_delivered',
          this.db.raw('count(*) as entries'),
        ),
      this.db('impacts')
        .where({ organisation_id: organisationId, project_id: projectId })
        .orderBy([
          { column: 'decided_on', order: 'desc', nulls: 'last' },
          { column: 'id', order: 'desc' },
        ])
        .select<
          Array<{
            id: number;
            what_said: string;
            what_changed: string;
            status: ImpactStatus;
            rejected_reason: string;
            decided_on: string | Date | null;
            fed_back_at: string | Date | null;
          }>
        >('id', 'what_said', 'what_changed', 'status', 'rejected_reason', 'decided_on', 'fed_back_at'),
    ]);
    return {
      meetingsHeld: toNumber(meetings?.held),
      meetingsAhead: toNumber(meetings?.ahead),
      entries: toNumber(totals?.entries),
      people: toNumber(totals?.people),
      minutes: toNumber(totals?.minutes),
      preparationMinutes: toNumber(totals?.preparation),
      levels: levels.map((l) => ({ level: l.level_delivered, entries: toNumber(l.entries) })),
      impacts: impacts.map((i) => ({
        id: toNumber(i.id),
        whatSaid: i.what_said,
        whatChanged: i.what_changed,
        status: i.status,
        rejectedReason: i.rejected_reason,
        decidedOn: toIsoDate(i.decided_on),
        fedBack: i.fed_back_at !== null,
      })),
    };
  }
}
