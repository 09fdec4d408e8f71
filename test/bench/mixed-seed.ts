// The mixed bench's data (issue 26): the large data set in a fresh database, plus one facilitator account per
// virtual user, each the owner of a share of the projects and the contact person of a share of the people, so that
// every user has a worklist of their own and writes to their own rows (no two users save the same meeting or person).
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { rootDir } from '../../src/config.js';
import { createDb, engineOf, insertReturningIds, migrateLatest } from '../../src/db.js';
import { hashPassword } from '../../src/lib/passwords.js';
import { BENCH_SIZE, seedLarge } from '../../seeds/large.js';
import { seedLargeWorklist } from '../../seeds/large-worklist.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';

/** The table that marks a PostgreSQL database as this bench's own, so that a second run may wipe it. */
const MARKER = 'bench_mixed_seed';
/** Low on purpose: the run signs in `users` accounts and measures pages, not scrypt (the sign-in row does that). */
const ACCOUNT_SCRYPT_LOG2N = 12;
const SEED_TIMEOUT_MS = 600_000;

export const accountEmail = (i: number) => `bench-mixed-${i + 1}@example.no`;

/** What one virtual user writes to: meetings of their own projects with a team, and their own people. */
export interface Account {
  email: string;
  meetings: Array<{ projectId: number; meetingId: number }>;
  people: number[];
}

export interface MixedData {
  organisationId: number;
  skillIds: number[];
  representativeIds: number[];
  projectIds: number[];
  accounts: Account[];
}

const ids = (rows: unknown[]) => rows.map(Number);

/** Refuses a PostgreSQL database that holds anything but an earlier run of this bench; wipes an earlier run. */
async function claimPostgres(db: Knex): Promise<void> {
  const row = (await db('information_schema.tables').where({ table_schema: 'public' }).count({ n: '*' }).first()) as
    { n: number | string } | undefined;
  const tables = Number(row?.n ?? 0);
  if (!tables) return;
  if (!(await db.schema.hasTable(MARKER)))
    throw new Error(
      `the database at DATABASE_URL holds ${tables} table${tables === 1 ? '' : 's'} and no ${MARKER} table: the mixed bench only seeds an empty database (or one it seeded itself)`,
    );
  await db.raw('DROP SCHEMA public CASCADE');
  await db.raw('CREATE SCHEMA public');
}

/** A fresh database: a new SQLite file under data/bench-mixed/, or the (empty or earlier bench's) PostgreSQL one. */
export async function freshDatabase(databaseUrl: string | undefined): Promise<{ db: Knex; sqliteFile: string }> {
  const dir = path.join(rootDir, 'data', 'bench-mixed');
  const sqliteFile = path.join(dir, 'bench.sqlite');
  if (!databaseUrl) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  // seeding commits 100,000s of rows at once: far beyond the app's statement timeout on a busy machine
  const db = createDb({ databaseUrl, sqliteFile, dbTimeoutMs: SEED_TIMEOUT_MS });
  try {
    if (databaseUrl) await claimPostgres(db);
    await migrateLatest(db);
    if (databaseUrl)
      await db.schema.createTable(MARKER, (t) => {
        t.string('seeded_at', 40).notNullable();
      });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, sqliteFile };
}

/**
 * Runs `work` with the tables' own triggers (the worklist version's deferred constraint triggers) off, on PostgreSQL.
 * A large seed writes some 600,000 rows in one transaction; each queues a trigger that, at commit, updates the
 * organisation's row, and every one of those updates walks the row's growing chain of versions from the same
 * transaction: a commit that had not ended after ten minutes. The version only keys caches, which start empty.
 */
export async function withoutUserTriggers<T>(db: Knex, work: () => Promise<T>): Promise<T> {
  if (engineOf(db) !== 'pg') return work();
  const result = await db.raw<{ rows: Array<{ name: string }> }>(
    `select distinct c.relname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
     join pg_namespace n on n.oid = c.relnamespace where not t.tgisinternal and n.nspname = current_schema()`,
  );
  const tables = result.rows.map((r) => r.name);
  for (const table of tables) await db.raw('alter table ?? disable trigger user', [table]);
  try {
    return await work();
  } finally {
    for (const table of tables) await db.raw('alter table ?? enable trigger user', [table]);
  }
}

/** Seeds the large data set and the accounts, and shares the projects and people out among them. */
export function seedMixed(db: Knex, users: number): Promise<MixedData> {
  return withoutUserTriggers(db, () => seedWithoutTriggers(db, users));
}

async function seedWithoutTriggers(db: Knex, users: number): Promise<MixedData> {
  const { organisationId, skillIds } = await seedLarge(db, BENCH_SIZE, ACCOUNT_SCRYPT_LOG2N);
  const now = DateTime.utc();
  await seedLargeWorklist(db, organisationId, now);
  const passwordHash = await hashPassword(DEMO_PASSWORD, ACCOUNT_SCRYPT_LOG2N);
  const stamp = now.toISO();
  const userIds = await insertReturningIds(
    db,
    'users',
    Array.from({ length: users }, (_, i) => ({
      organisation_id: organisationId,
      name: `Benk blandet ${i + 1}`,
      email: accountEmail(i),
      role: 'facilitator',
      password_hash: passwordHash,
      locale: 'nb',
      active: true,
      must_change_password: false,
      created_at: stamp,
      updated_at: stamp,
    })),
  );
  const projectIds = ids(await db('projects').where({ organisation_id: organisationId }).orderBy('id').pluck('id'));
  const representativeIds = ids(
    await db('representatives').where({ organisation_id: organisationId }).orderBy('id').pluck('id'),
  );
  // the people who had the demo facilitator as contact person (half of them) and every project, dealt out in turn
  const contacted = ids(
    await db('representatives')
      .where({ organisation_id: organisationId })
      .whereNotNull('contact_user_id')
      .orderBy('id')
      .pluck('id'),
  );
  const owner = (index: number) => userIds[index % users]!;
  const peopleOf = new Map<number, number[]>(userIds.map((id) => [id, []]));
  await db.transaction(async (trx) => {
    for (let u = 0; u < users; u += 1) {
      const people = contacted.filter((_, i) => i % users === u);
      const projects = projectIds.filter((_, i) => i % users === u);
      for (let i = 0; i < people.length; i += 500)
        await trx('representatives')
          .whereIn('id', people.slice(i, i + 500))
          .update({ contact_user_id: owner(u) });
      await trx('projects')
        .whereIn('id', projects)
        .update({ facilitator_user_id: owner(u) });
      peopleOf.set(owner(u), people);
    }
    if (await trx.schema.hasTable(MARKER)) await trx(MARKER).insert({ seeded_at: stamp });
  });
  // each project's latest past meeting, where the project has a team (accepted invitations) to log
  const meetings = await db('meetings as m')
    .join('projects as p', 'p.id', 'm.project_id')
    .where('m.organisation_id', organisationId)
    .where('m.starts_at', '<', now.minus({ hours: 1 }).toISO())
    .whereExists(function () {
      void this.select(1)
        .from('invitations as i')
        .whereRaw('i.project_id = m.project_id')
        .where('i.status', 'accepted');
    })
    .orderBy('m.starts_at', 'desc')
    .select<Array<Record<string, unknown>>>('m.id', 'm.project_id', 'p.facilitator_user_id');
  const meetingsOf = new Map<number, Account['meetings']>(userIds.map((id) => [id, []]));
  const seen = new Set<number>();
  for (const m of meetings) {
    const projectId = Number(m.project_id);
    if (seen.has(projectId)) continue;
    seen.add(projectId);
    meetingsOf.get(Number(m.facilitator_user_id))?.push({ projectId, meetingId: Number(m.id) });
  }
  await db.raw('ANALYZE');
  const accounts = userIds.map((id, i) => ({
    email: accountEmail(i),
    meetings: meetingsOf.get(id)!,
    people: peopleOf.get(id)!,
  }));
  const empty = accounts.find((a) => !a.meetings.length || !a.people.length);
  if (empty) throw new Error(`${empty.email} has no meeting or no person to write to: too many users for the seed`);
  return { organisationId, skillIds, representativeIds, projectIds, accounts };
}

/**
 * Waits until the app's scheduled jobs have caught up (none due, none running), for at most `maxMs`; returns the
 * seconds waited, or undefined at the bound. (On SQLite the catch-up may be over before /healthz first answers: the
 * jobs' queries hold the process.) On a fresh seed the first run of the invitation reminders and expiry
 * works through thousands of invitations at once: a catch-up that a running installation never has, left out of
 * the measured window. (The e-mail it queues is delivered at the organisation's sending rate during the run.)
 */
export async function waitForJobs(
  database: { databaseUrl: string | undefined; sqliteFile: string },
  maxMs: number,
): Promise<number | undefined> {
  const db = createDb(database);
  const started = Date.now();
  try {
    while (Date.now() - started < maxMs) {
      const now = new Date().toISOString();
      const [all, busy] = await Promise.all([
        db('jobs').count({ n: '*' }).first(),
        db('jobs').whereNotNull('locked_by').orWhere('next_run_at', '<=', now).count({ n: '*' }).first(),
      ]);
      if (Number(all?.n ?? 0) > 0 && Number(busy?.n ?? 0) === 0) return (Date.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return undefined;
  } finally {
    await db.destroy();
  }
}
