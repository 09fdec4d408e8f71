import type { Knex } from 'knex';
import type { Db } from '../../db.js';
import { engineOf } from '../../db.js';
import { toNumber } from '../../lib/db-values.js';

/** A report's scope: the organisation, a period of dates (inclusive) and optionally a unit or a project. */
export interface Scope {
  organisationId: number;
  from: string;
  to: string;
  /** The period as UTC instants, for timestamps (sent, answered): from the start of `from` to the end of `to`. */
  fromInstant: string;
  toInstant: string;
  unitId?: number;
  projectId?: number;
}

/** A count or sum as either engine returns it (SQLite: a number; pg: a number, or a string for a numeric sum). */
export type Aggregate = number | string | null;
/** A count or sum from either engine, as a number. */
export const n = (value: Aggregate | undefined) => toNumber(value);

/**
 * The base of the report's figure repositories (repository tier: the engine-neutral query pieces they share).
 * What every report repository shares: the database, and the engine-neutral pieces of its queries. */
export abstract class ReportQueries {
  constructor(protected readonly db: Db) {}

  /** Days between two timestamp columns, as a number, on either engine. */
  protected days(later: string, earlier: string): Knex.Raw {
    return engineOf(this.db) === 'pg'
      ? this.db.raw(`floor(extract(epoch from (${later} - ${earlier})) / 86400)`)
      : this.db.raw(`cast(julianday(${later}) - julianday(${earlier}) as integer)`);
  }

  protected month(column: string): Knex.Raw {
    return engineOf(this.db) === 'pg'
      ? this.db.raw(`to_char(${column}, 'YYYY-MM')`)
      : this.db.raw(`substr(${column}, 1, 7)`);
  }

  /** Restricts a query on a table joined to projects as `p` to the scope's unit or project. */
  protected scoped<T extends Knex.QueryBuilder>(q: T, scope: Scope): T {
    if (scope.unitId) q.where('p.unit_id', scope.unitId);
    if (scope.projectId) q.where('p.id', scope.projectId);
    return q;
  }

  /**
   * Involvement in a period. The projects table is joined only when the report is limited to a unit or project
   * (or a figure needs the project's columns): otherwise the covering index answers alone.
   */
  protected involvement(scope: Scope, from = scope.from, to = scope.to, withProjects = false) {
    const q = this.db('involvements as v')
      .where('v.organisation_id', scope.organisationId)
      .where('v.occurred_on', '>=', from)
      .where('v.occurred_on', '<=', to);
    if (!withProjects && !scope.unitId && !scope.projectId) return q;
    return this.scoped(q.join('projects as p', 'p.id', 'v.project_id'), scope);
  }
}
