// The bench row "bulk change of 1,000 people": the roster's bulk service in-process on the large data set, from
// the confirmation's reads to the committed change (one transaction, an audit row a person, one version bump).
// `npm run bench -- bulk` runs it alone on the large data set.
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { loadConfig, rootDir } from '../../src/config.js';
import { createDb, migrateLatest } from '../../src/db.js';
import type { CurrentUser } from '../../src/features/users/users.types.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import { createServices } from '../../src/services.js';
import { BENCH_SIZE, seedLarge } from '../../seeds/large.js';
import { table } from '../helpers/rows.js';
import { addSignInAccounts } from './sign-in.js';

type Services = ReturnType<typeof createServices>;

/**
 * Times three bulk changes over the same 1,000 active people: add a skill, record a consent, remove the skill again
 * (so that the pages measured afterwards see the roster almost as seeded).
 */
export async function timeBulkChange(
  db: Knex,
  services: Services,
  organisationId: number,
): Promise<{ people: number; runs: Array<{ action: string; ms: number; changed: number }> }> {
  const user = await table(db, 'users').where({ email: 'facilitator@example.no' }).first();
  if (!user) throw new Error('the bench facilitator is missing');
  const actor: CurrentUser = {
    id: Number(user.id),
    organisationId,
    name: user.name,
    email: user.email,
    role: 'facilitator',
    locale: 'nb',
    active: true,
    mustChangePassword: false,
    lastSignInAt: null,
    organisationName: '',
    timeZone: 'Europe/Oslo',
    rosterVersion: 0,
  };
  const ids = (
    await table(db, 'representatives')
      .where({ organisation_id: organisationId, status: 'active' })
      .whereNull('erased_at')
      .orderBy('id')
      .limit(1000)
      .pluck('id')
  ).map(Number);
  const skill = await table(db, 'skills')
    .where({ organisation_id: organisationId, category: 'competence', archived: false })
    .orderBy('id', 'desc')
    .first();
  const requests = [
    { kind: 'addSkill' as const, skillId: Number(skill!.id), level: 3 },
    { kind: 'consent' as const, purpose: 'named_in_reports' as const, method: 'verbal' as const },
    { kind: 'removeSkill' as const, skillId: Number(skill!.id) },
  ];
  const runs = [];
  for (const request of requests) {
    const bulk = services.rosterBulkService;
    const started = performance.now();
    const action = await bulk.checkAction(actor, request);
    if ('field' in action) throw new Error(`bench bulk action refused: ${action.key}`);
    const selection = { scope: 'selected' as const, ids };
    const preview = await bulk.preview(actor, selection, action);
    if ('refused' in preview) throw new Error(`bench bulk preview refused: ${preview.refused}`);
    const outcome = await bulk.apply(actor, selection, action, preview.plan.change.length);
    const ms = performance.now() - started;
    if (!('changed' in outcome)) throw new Error(`bench bulk change refused: ${outcome.refused}`);
    runs.push({ action: request.kind, ms, changed: outcome.changed });
  }
  return { people: ids.length, runs };
}

/** `npm run bench -- bulk`: the large data set, then this row alone. */
export async function benchBulkAlone(): Promise<void> {
  const benchDir = path.join(rootDir, 'data', 'bench-bulk');
  fs.rmSync(benchDir, { recursive: true, force: true });
  fs.mkdirSync(benchDir, { recursive: true });
  const sqliteFile = path.join(benchDir, 'bench.sqlite');
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const db = createDb({ databaseUrl, sqliteFile });
  try {
    await migrateLatest(db);
    const { organisationId } = await seedLarge(db, BENCH_SIZE, 12);
    await addSignInAccounts(db, organisationId);
    const config = { ...loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' }), databaseUrl, sqliteFile };
    const services = createServices({ config, db, clock: systemClock, logger: createLogger('silent') });
    const result = await timeBulkChange(db, services, organisationId);
    process.stdout.write(`${bulkLine(databaseUrl ? 'PostgreSQL' : 'SQLite', result)}\n`);
  } finally {
    await db.destroy();
  }
}

/** The row as the bench prints it. */
export function bulkLine(engine: string, result: Awaited<ReturnType<typeof timeBulkChange>>): string {
  const runs = result.runs.map((r) => `${r.action} ${r.ms.toFixed(0)} ms (${r.changed} changed)`).join(', ');
  return `Bulk change of ${result.people} people, in-process on ${engine} (confirmation reads + one transaction): ${runs}`;
}
