import type { Knex } from 'knex';
import type { DateTime } from 'luxon';
import { insertInChunks, insertReturningIds } from '../src/db.js';
import { mulberry32 } from './demo-kit.js';

/**
 * What makes the large data set's worklist realistic (issue 20, item 1), around `now` (the bench's real clock, so
 * that "this week" is this week when it runs): three meetings per project (one past, one near, one later), 20
 * invitations per project in every status and channel (answers, deadlines, phone and letter, undeliverable,
 * withdrawn, drafts), attendance logged for most past meetings, adopted impacts half fed back, requests, follow-ups,
 * contact persons for half the people, and the team's marks on a few hundred items. Batch inserts in one transaction.
 */
export async function seedLargeWorklist(
  db: Knex,
  organisationId: number,
  now: DateTime,
  options: { analyze?: boolean } = {},
): Promise<void> {
  const random = mulberry32(20261225);
  const at = (days: number) => now.plus({ days }).toUTC().toISO()!;
  const users = await db('users').where({ organisation_id: organisationId }).orderBy('id').pluck('id');
  const facilitator = Number(users[1]);
  const projects = (await db('projects').where({ organisation_id: organisationId }).orderBy('id').pluck('id')).map(
    Number,
  );
  const reps = (await db('representatives').where({ organisation_id: organisationId }).orderBy('id').pluck('id')).map(
    Number,
  );
  const contacts = (await db('contacts').where({ organisation_id: organisationId }).orderBy('id').pluck('id')).map(
    Number,
  );
  await db.transaction(async (trx) => {
    // half the people have the facilitator as their contact person; the other half nobody yet
    await trx('representatives')
      .where({ organisation_id: organisationId })
      .whereRaw('id % 2 = 0')
      .update({ contact_user_id: facilitator });

    const meetings = projects.flatMap((projectId) =>
      [-1 - Math.floor(random() * 40), -3 + Math.floor(random() * 14), 10 + Math.floor(random() * 50)].map((d) => ({
        organisation_id: organisationId,
        project_id: projectId,
        starts_at: at(d),
        ends_at: at(d + 0.1),
        place: 'Rådhuset',
        online_link: '',
        agenda: '',
      })),
    );
    const meetingIds = await insertReturningIds(trx, 'meetings', meetings, 400);

    const statuses = ['accepted', 'accepted', 'accepted', 'declined', 'sent', 'sent', 'expired', 'waitlisted'];
    const invitations: Array<Record<string, unknown>> = [];
    projects.forEach((projectId, p) => {
      for (let k = 0; k < 20; k += 1) {
        const r = random();
        const status =
          r < 0.02 ? 'undeliverable' : r < 0.04 ? 'withdrawn' : r < 0.07 ? 'draft' : statuses[Math.floor(r * 8)]!;
        const channel = status === 'sent' && random() < 0.15 ? (random() < 0.5 ? 'phone' : 'letter') : 'email';
        const sentAt = status === 'draft' ? null : at(-20 - Math.floor(random() * 20));
        invitations.push({
          organisation_id: organisationId,
          project_id: projectId,
          representative_id: reps[(p * 20 + k * 7) % reps.length],
          status,
          channel,
          sent_at: sentAt,
          expires_at: status === 'draft' ? null : at(-5 + Math.floor(random() * 20)),
          responded_at: ['accepted', 'declined', 'waitlisted'].includes(status) ? at(-Math.floor(random() * 30)) : null,
          withdrawn_at: status === 'withdrawn' ? at(-Math.floor(random() * 20)) : null,
          created_at: at(-40),
          updated_at: at(-Math.floor(random() * 20)),
        });
      }
    });
    const invitationIds = await insertReturningIds(trx, 'invitations', invitations, 400);

    // attendance logged for four in five past meetings
    const attendance = meetings
      .map((m, i) => ({ m, id: meetingIds[i]! }))
      .filter(({ m }) => m.starts_at < now.toUTC().toISO()! && random() < 0.8)
      .map(({ m, id }) => ({
        organisation_id: organisationId,
        project_id: m.project_id,
        representative_id: reps[id % reps.length],
        meeting_id: id,
        occurred_on: m.starts_at.slice(0, 10),
        activity: 'meeting',
        minutes: 120,
        level_delivered: 'involve',
        created_at: m.starts_at,
      }));
    await insertInChunks(trx, 'involvements', attendance, 500);

    await insertInChunks(
      trx,
      'impacts',
      projects.slice(0, 500).map((projectId, i) => ({
        organisation_id: organisationId,
        project_id: projectId,
        what_said: 'Brevet er vanskelig å forstå',
        what_changed: 'Brevet er skrevet om',
        status: 'adopted',
        decided_on: now.minus({ days: 5 + (i % 60) }).toISODate(),
        fed_back_at: i % 2 === 0 ? at(-1) : null,
        created_at: at(-70),
        updated_at: at(-1),
      })),
      500,
    );
    await insertInChunks(
      trx,
      'representative_requests',
      reps.slice(0, 20).map((id, i) => ({
        organisation_id: organisationId,
        representative_id: id,
        kind: i % 2 ? 'erasure' : 'data_copy',
        created_at: at(-i),
      })),
      100,
    );
    await insertInChunks(
      trx,
      'contact_notes',
      contacts.slice(0, 100).map((id, i) => ({
        organisation_id: organisationId,
        contact_id: id,
        noted_on: now.minus({ days: 30 }).toISODate(),
        discussed: 'Brukerpanel',
        next_step: 'Ring tilbake',
        follow_up_on: now.plus({ days: (i % 30) - 10 }).toISODate(),
        followed_up: i % 3 === 0,
        user_id: facilitator,
        created_at: at(-30),
      })),
      100,
    );
    // the team's marks: a few hundred items done or snoozed
    await insertInChunks(
      trx,
      'worklist_marks',
      invitationIds.slice(0, 300).map((id, i) => ({
        organisation_id: organisationId,
        item_key: i % 2 ? `undeliverable:${id}` : `answer:${id}:accepted`,
        state: i % 3 ? 'done' : 'snoozed',
        snoozed_until: i % 3 ? null : now.plus({ days: 7 }).toISODate(),
        marked_by_user_id: facilitator,
        marked_at: at(-Math.floor(i / 10)),
      })),
      500,
    );
  });
  // the national bench seeds hundreds of organisations and runs ANALYZE once at the end instead
  if (options.analyze !== false) await db.raw('ANALYZE');
}
