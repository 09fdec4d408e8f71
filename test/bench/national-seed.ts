// The national bench's data set (issue 26): 357 organisations of varied sizes on one PostgreSQL database, from the
// largest (2,000 representatives, 200,000 involvements) down a Zipf-like curve to about 120,000 representatives and
// 1.5 million involvements in all. It refuses a database that holds anything but its own data, reuses a complete
// seed of the same shape (recorded in bench_national_seed) and replaces a partial or different one.
import fs from 'node:fs';
import { DateTime } from 'luxon';
import type { Knex } from 'knex';
import { createDb, migrateLatest, migrationConfig } from '../../src/db.js';
import { seedLarge, type LargeSeedSize } from '../../seeds/large.js';
import { seedLargeWorklist } from '../../seeds/large-worklist.js';
import { out } from './harness.js';

/** The country's shape: the largest organisation and the totals over all 357 (before `scale`). */
export const NATIONAL = {
  organisations: 357,
  largest: { representatives: 2_000, involvements: 200_000, projects: 1_000 },
  total: { representatives: 120_000, involvements: 1_500_000 },
  floor: { representatives: 30, involvements: 100, projects: 5 },
  skills: 60,
  skillsPerRepresentative: 10,
};
/** The rank of the small organisation measured beside the largest (or the last, in a smaller run). */
export const SMALL_RANK = 300;
/** Besides the measured ones, every this many ranks get the worklist's facts (meetings, invitations, marks). */
const WORKLIST_EVERY = 3;
/** Bumped when the seed's content changes, so that an older complete seed is replaced instead of reused. */
const FORMAT = 'national-2';
const MARKER = 'bench_national_seed';
const NAME_PATTERN = '^Kommune [0-9]{3} \\(benk\\)$';
const EMAIL_PATTERN = '@k[0-9]{3}\\.bench\\.example$';

export const organisationName = (rank: number) => `Kommune ${String(rank).padStart(3, '0')} (benk)`;
export const loginEmail = (rank: number, role: string) => `${role}@k${String(rank).padStart(3, '0')}.bench.example`;

export interface NationalOrganisation {
  rank: number;
  id: number;
  name: string;
  size: LargeSeedSize;
  facilitator: string;
}

/** The exponent a for which the sum over ranks k of max(floor, largest·k^-a) is the total (bisection). */
function exponentFor(largest: number, total: number, floor: number): number {
  const sum = (a: number) =>
    Array.from({ length: NATIONAL.organisations }, (_, i) => Math.max(floor, largest * (i + 1) ** -a)).reduce(
      (s, x) => s + x,
      0,
    );
  let [low, high] = [0, 4];
  for (let i = 0; i < 60; i += 1) {
    const mid = (low + high) / 2;
    if (sum(mid) > total) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** Each rank's size: the national curve (the first `organisations` ranks of 357), every count times `scale`. */
export function nationalSizes(organisations: number, scale: number): LargeSeedSize[] {
  const { largest, total, floor } = NATIONAL;
  const a = exponentFor(largest.representatives, total.representatives, floor.representatives);
  const b = exponentFor(largest.involvements, total.involvements, floor.involvements);
  return Array.from({ length: organisations }, (_, i) => {
    const involvements = Math.max(floor.involvements, largest.involvements * (i + 1) ** -b);
    const people = Math.max(
      20,
      Math.round(Math.max(floor.representatives, largest.representatives * (i + 1) ** -a) * scale),
    );
    return {
      // seeds/large-worklist.ts invites person (20p + 7k) mod n as the k-th of 20 to project p: distinct only when
      // n ≥ 20 is not a multiple of 7 or n ≥ 140 (this matters to a scaled-down run only)
      representatives: people < 140 && people % 7 === 0 ? people + 1 : people,
      involvements: Math.max(10, Math.round(involvements * scale)),
      // projects follow the involvements: a small municipality runs a handful
      projects: Math.max(
        2,
        Math.round(Math.max(floor.projects, (largest.projects * involvements) / largest.involvements) * scale),
      ),
      skills: NATIONAL.skills,
      skillsPerRepresentative: NATIONAL.skillsPerRepresentative,
    };
  });
}

/** The ranks the bench measures: the largest and a small one. */
export const measuredRanks = (organisations: number) => [1, Math.min(SMALL_RANK, organisations)];

const latestMigration = () =>
  fs
    .readdirSync(migrationConfig.directory as string)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .at(-1) ?? '';

/** The rows of one SQL statement, typed by the caller. */
async function rows<T>(db: Knex, sql: string, bindings: Knex.RawBinding[] = []): Promise<T[]> {
  return (await db.raw<{ rows: T[] }>(sql, bindings)).rows;
}

interface Marker {
  organisations: number;
  scale: number;
  format: string;
  migration: string;
  finished_at: string | null;
}

/**
 * What the database holds: nothing ('empty'), a complete seed of this shape ('reuse') or an older, partial or
 * different one of ours ('replace'). Anything else is refused with an Error (nothing has been written).
 */
async function inspect(db: Knex, organisations: number, scale: number): Promise<'empty' | 'reuse' | 'replace'> {
  const [{ name: database } = { name: '?' }] = await rows<{ name: string }>(db, 'select current_database() as name');
  const refuse = (what: string) =>
    new Error(`refusing to seed: database "${database}" ${what}; the national bench needs a database of its own`);
  const tables = await rows<{ schema: string; name: string }>(
    db,
    `select table_schema as schema, table_name as name from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
  );
  if (!tables.length) return 'empty';
  const elsewhere = tables.find((t) => t.schema !== 'public');
  if (elsewhere) throw refuse(`holds tables outside the public schema (${elsewhere.schema}.${elsewhere.name})`);
  const names = new Set(tables.map((t) => t.name));
  if (!['organisations', 'users', 'knex_migrations'].every((t) => names.has(t)))
    throw refuse(`holds tables that are not Medvirk's (${[...names].slice(0, 3).join(', ')})`);
  const [foreign] = await rows<{ name: string }>(db, 'select name from organisations where name !~ ? limit 1', [
    NAME_PATTERN,
  ]);
  if (foreign) throw refuse(`holds an organisation that is not the bench's ("${foreign.name}")`);
  const [user] = await rows<{ id: number }>(db, 'select id from users where email !~ ? limit 1', [EMAIL_PATTERN]);
  if (user) throw refuse(`holds a user who is not one of the bench's (id ${user.id})`);
  if (!names.has(MARKER)) return 'replace';
  const [marker] = await rows<Marker>(db, `select * from ${MARKER}`);
  const complete =
    marker?.finished_at &&
    marker.format === FORMAT &&
    marker.migration === latestMigration() &&
    Number(marker.organisations) === organisations &&
    Number(marker.scale) === scale;
  return complete ? 'reuse' : 'replace';
}

/** The id of a rank's organisation. */
async function organisationId(db: Knex, rank: number): Promise<number> {
  const [org] = await rows<{ id: number }>(db, 'select id from organisations where name = ?', [organisationName(rank)]);
  if (!org) throw new Error(`the national seed has no ${organisationName(rank)}`);
  return Number(org.id);
}

/**
 * Turns the worklist-version triggers off or on. Each is a deferred per-row UPDATE of the organisation's row
 * (migrations/20261226090000_worklist_version.ts): a seeding transaction of 200,000 involvements would update that
 * one row 200,000 times at COMMIT, each walking the chain of its earlier versions (quadratic: minutes per
 * organisation). Off while seeding only; the app runs with them on.
 */
async function worklistTriggers(db: Knex, on: boolean): Promise<void> {
  const triggers = await rows<{ table: string; name: string }>(
    db,
    `select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
     where t.tgname like 'worklist\\_version\\_%' and not t.tgisinternal`,
  );
  for (const t of triggers) await db.raw(`alter table ?? ${on ? 'enable' : 'disable'} trigger ??`, [t.table, t.name]);
}

/** Seeds `organisations` ranks in turn, two at a time (the generator and the server overlap on two cores). */
async function seedAll(db: Knex, sizes: LargeSeedSize[]): Promise<void> {
  const started = Date.now();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < sizes.length) {
      const rank = (next += 1);
      await seedLarge(db, sizes[rank - 1]!, 12, {
        name: organisationName(rank),
        loginEmail: (login) => loginEmail(rank, login.role),
        seed: 20_261_123 + rank,
        analyze: false,
      });
      done += 1;
      if (done % 25 === 0 || done === sizes.length)
        out(`  ${done}/${sizes.length} organisations seeded (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
  };
  await Promise.all([worker(), worker()]);
}

/**
 * Makes the database hold the national seed of this shape (reusing a complete one) and returns the measured
 * organisations. Throws, before writing anything, on a database that holds anything else.
 */
export async function ensureNationalSeed(
  databaseUrl: string,
  organisations: number,
  scale: number,
): Promise<{ reused: boolean; measured: NationalOrganisation[] }> {
  if (!Number.isInteger(organisations) || organisations < 2 || organisations > 999)
    throw new Error(`--organisations must be a whole number from 2 to 999 (got ${organisations})`);
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale must be above 0 and at most 1 (got ${scale})`);
  const sizes = nationalSizes(organisations, scale);
  // bulk transactions, their COMMIT and VACUUM take longer than a request's statement limit
  const db = createDb({ databaseUrl, sqliteFile: '', dbTimeoutMs: 1_800_000 }, { poolMax: 4 });
  try {
    const state = await inspect(db, organisations, scale);
    if (state === 'reuse') {
      const [marker] = await rows<Marker & { finished_at: string }>(db, `select * from ${MARKER}`);
      out(
        `National seed: reusing the complete seed of ${organisations} organisations, scale ${scale} (${marker?.finished_at})`,
      );
    } else {
      if (state === 'replace') {
        out('National seed: replacing an earlier, partial or different national seed');
        await db.raw('drop schema public cascade');
        await db.raw('create schema public');
      }
      const started = Date.now();
      await migrateLatest(db);
      await db.schema.createTable(MARKER, (t) => {
        t.integer('organisations').notNullable();
        t.double('scale').notNullable();
        t.string('format', 40).notNullable();
        t.string('migration', 200).notNullable();
        t.string('started_at', 40).notNullable();
        t.string('finished_at', 40);
      });
      await db(MARKER).insert({
        organisations,
        scale,
        format: FORMAT,
        migration: latestMigration(),
        started_at: new Date().toISOString(),
      });
      await worklistTriggers(db, false);
      await seedAll(db, sizes);
      // the worklist's facts (meetings, invitations in every status, marks) for the measured organisations and
      // every WORKLIST_EVERY-th (a third of the country; ANALYZE runs once, below)
      const worklists = sizes
        .map((_, i) => i + 1)
        .filter((rank) => measuredRanks(organisations).includes(rank) || rank % WORKLIST_EVERY === 0);
      for (const rank of worklists)
        await seedLargeWorklist(db, await organisationId(db, rank), DateTime.utc(), { analyze: false });
      await worklistTriggers(db, true);
      const seededMs = Date.now() - started;
      // as autovacuum leaves a running installation: statistics, and the visibility map that index-only scans need
      await db.raw('vacuum analyze');
      const [counts] = await rows<Record<string, number>>(
        db,
        ['representatives', 'involvements', 'representative_skills', 'invitations']
          .map((t, i) => `${i ? '' : 'select '}(select count(*) from ${t}) as ${t}`)
          .join(', '),
      );
      await db(MARKER).update({ finished_at: new Date().toISOString() });
      out(
        `National seed: ${organisations} organisations (scale ${scale}), ${counts?.representatives} representatives, ` +
          `${counts?.involvements} involvements, ${counts?.representative_skills} representative skills, ` +
          `${counts?.invitations} invitations (worklists of ${worklists.length} organisations) in ` +
          `${(seededMs / 1000).toFixed(1)} s, ` +
          `then VACUUM ANALYZE in ${((Date.now() - started - seededMs) / 1000).toFixed(1)} s`,
      );
    }
    const measured: NationalOrganisation[] = [];
    for (const rank of measuredRanks(organisations)) {
      measured.push({
        rank,
        id: await organisationId(db, rank),
        name: organisationName(rank),
        size: sizes[rank - 1]!,
        facilitator: loginEmail(rank, 'facilitator'),
      });
    }
    return { reused: state === 'reuse', measured };
  } finally {
    await db.destroy();
  }
}
