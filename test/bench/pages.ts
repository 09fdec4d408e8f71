// The signed-in pages facilitators live in, as bench rows (issue 26, item 1): each one rotates through pages,
// filters, people or projects, so that caches keyed by data version are measured as users meet them. The main
// bench, the growth table and the national mode all measure these rows.
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import type { Target } from './harness.js';

export interface PageIds {
  /** How many pages of 25 the roster has. */
  rosterPages: number;
  skillIds: number[];
  /** Up to 200 people, each profile one request in turn. */
  people: number[];
  /** Up to 100 projects for the project and invitations pages. */
  projects: number[];
  matchProjectId: number;
  resultsProjectId?: number;
}

/** The ids the rows rotate through, read from one organisation's data. */
export async function pageIds(
  db: Knex,
  organisationId: number,
  fixed: { skillIds: number[]; matchProjectId?: number; resultsProjectId?: number },
): Promise<PageIds> {
  const count = await db('representatives').where({ organisation_id: organisationId }).count({ n: '*' }).first();
  const people = (await db('representatives')
    .where({ organisation_id: organisationId })
    .orderBy('id')
    .limit(200)
    .pluck('id')) as number[];
  const projects = (await db('projects')
    .where({ organisation_id: organisationId })
    .orderBy('id', 'desc')
    .limit(100)
    .pluck('id')) as number[];
  const withRequirements: { id: number | string } | undefined = await db('project_requirements as q')
    .join('projects as p', 'p.id', 'q.project_id')
    .where('p.organisation_id', organisationId)
    .first('q.project_id as id');
  return {
    rosterPages: Math.max(1, Math.ceil(Number(count?.n ?? 0) / 25)),
    skillIds: fixed.skillIds,
    people: people.map(Number),
    projects: projects.map(Number),
    matchProjectId: fixed.matchProjectId ?? Number(withRequirements?.id),
    resultsProjectId: fixed.resultsProjectId,
  };
}

/** The rows, in the order the tables print them. */
export function signedInRows(base: string, headers: Record<string, string>, ids: PageIds): Target[] {
  const { skillIds } = ids;
  const row = (name: string, rotate: string[]): Target => ({ name, url: `${base}${rotate[0]}`, headers, rotate });
  const pages = Math.min(40, ids.rosterPages);
  // the payment list is a month's, as the finance office asks for it (the page's default is this month)
  const month = DateTime.utc().minus({ months: 1 });
  const lastMonth = { from: month.startOf('month').toISODate(), to: month.endOf('month').toISODate() };
  return [
    row('worklist / (facilitator, mine)', ['/']),
    row('worklist /?view=all (the organisation’s)', ['/?view=all']),
    row(
      `roster /representatives (25 a page; ${pages} pages in turn)`,
      Array.from({ length: pages }, (_, i) => `/representatives?page=${i + 1}`),
    ),
    row(
      'roster filtered by two skills (20 pairs in turn)',
      Array.from(
        { length: 20 },
        (_, i) =>
          `/representatives?skill=${skillIds[(2 * i) % skillIds.length]}&skill=${skillIds[(2 * i + 1) % skillIds.length]}`,
      ),
    ),
    row(
      `profile /representatives/:id (${ids.people.length} people in turn)`,
      ids.people.map((id) => `/representatives/${id}`),
    ),
    row(
      `project page /projects/:id (${ids.projects.length} in turn)`,
      ids.projects.map((id) => `/projects/${id}`),
    ),
    row(
      `invitations /projects/:id/invitations (${ids.projects.length} in turn)`,
      ids.projects.map((id) => `/projects/${id}/invitations`),
    ),
    row('matches /projects/:id/matches (5 requirements)', [`/projects/${ids.matchProjectId}/matches`]),
    ...(ids.resultsProjectId
      ? [row('project results (20 meetings, 200 involvements)', [`/projects/${ids.resultsProjectId}/results`])]
      : []),
    row('payments /payments (this month, then last month)', [
      '/payments',
      `/payments?from=${lastMonth.from}&to=${lastMonth.to}`,
    ]),
    row('report /reports (12 months, then this quarter)', ['/reports?period=12m', '/reports?period=quarter']),
  ];
}
