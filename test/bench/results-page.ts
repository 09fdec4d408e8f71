import type { Knex } from 'knex';
import { insertInChunks, insertReturningIds } from '../../src/db.js';

/**
 * The bench's project for the results page (issue 21): 20 meetings, 200 attended involvements by 20 people of the
 * team (half named in reports), 10 impacts. Returns the project's id.
 */
export async function seedResultsProject(db: Knex, organisationId: number): Promise<number> {
  const now = new Date().toISOString();
  const [projectId] = await insertReturningIds(db, 'projects', [
    {
      organisation_id: organisationId,
      title: 'Benk: resultater med 20 møter',
      purpose: 'Tryggere utskriving fra sykehus',
      what_matters: 'Å vite hvem man skal ringe',
      phase: 'evaluating',
      target_level: 'involve',
      seats: 20,
      starts_on: '2026-01-01',
      ends_on: '2026-12-31',
      working_languages: 'nb',
      created_at: now,
      updated_at: now,
    },
  ]);
  const meetingIds = await insertReturningIds(
    db,
    'meetings',
    Array.from({ length: 20 }, (_, i) => {
      const day = new Date(Date.UTC(2026, 0, 5 + i * 14, 9));
      return {
        organisation_id: organisationId,
        project_id: projectId,
        starts_at: day.toISOString(),
        ends_at: new Date(day.getTime() + 2 * 3_600_000).toISOString(),
        place: 'Rådhuset',
        online_link: '',
        agenda: '',
      };
    }),
  );
  const people = (await db('representatives')
    .where({ organisation_id: organisationId })
    .orderBy('id')
    .limit(20)
    .pluck('id')) as number[];
  await insertInChunks(
    db,
    'invitations',
    people.map((representativeId) => ({
      organisation_id: organisationId,
      project_id: projectId,
      representative_id: representativeId,
      status: 'accepted',
      channel: 'email',
      created_at: now,
      updated_at: now,
    })),
  );
  await insertInChunks(
    db,
    'involvements',
    meetingIds.flatMap((meetingId, m) =>
      people.slice(0, 10).map((representativeId, p) => ({
        organisation_id: organisationId,
        project_id: projectId,
        representative_id: (m + p) % 2 === 0 ? representativeId : people[10 + p]!,
        meeting_id: meetingId,
        occurred_on: new Date(Date.UTC(2026, 0, 5 + m * 14)).toISOString().slice(0, 10),
        activity: 'meeting',
        minutes: 120,
        level_delivered: p === 0 ? 'collaborate' : 'involve',
        created_at: now,
      })),
    ),
  );
  await insertInChunks(
    db,
    'impacts',
    Array.from({ length: 10 }, (_, i) => ({
      organisation_id: organisationId,
      project_id: projectId,
      what_said: `Innspill ${i + 1} fra representantene`,
      what_changed: i % 3 === 2 ? '' : `Endring ${i + 1}`,
      status: i % 3 === 2 ? 'rejected' : 'adopted',
      rejected_reason: i % 3 === 2 ? 'Ikke i år' : '',
      decided_on: '2026-10-01',
      created_at: now,
      updated_at: now,
    })),
  );
  return projectId!;
}
