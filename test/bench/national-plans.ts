// The national bench's query plans (issue 26): each main page of the largest organisation fetched once by an
// in-process app on the bench's database, every query it runs captured through knex's events, and each distinct
// SELECT EXPLAINed with ANALYZE and its real bindings. Does every one use an index scoped by organisation, or does
// one scan a table that grows with the country? Writes bench-national-plans.md (prettier-formatted for the docs).
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import pg from 'pg';
import * as prettier from 'prettier';
import { loadConfig, rootDir } from '../../src/config.js';
import { createDb } from '../../src/db.js';
import { createServices } from '../../src/services.js';
import { createApp } from '../../src/app.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import type { NationalOrganisation } from './national-seed.js';

/** A table of this many rows or more is large: a sequential scan of it costs every organisation's rows. */
const LARGE_ROWS = 5_000;
/** Plans kept in the file for each page: its slowest, and any that scans a large table. */
const SLOWEST_KEPT = 3;

export interface Page {
  name: string;
  paths: string[];
}
export interface Plan {
  page: string;
  path: string;
  sql: string;
  /** The query's time in the page's own request (connection waits included). */
  fetchMs: number;
  /** EXPLAIN ANALYZE's execution time. */
  executionMs: number;
  plan: string;
  scoped: boolean;
  seqScans: string[];
}
/** One page's signed-in request, as the bench sends it. */
export interface SignedInPages {
  headers: Record<string, string>;
  pages: Page[];
}

const round = (value: number) => Math.round(value * 100) / 100;

/** What a plan shows: an index condition on organisation_id, and sequential scans of large tables. */
function judge(plan: string, rows: Map<string, number>) {
  const scanned = [...plan.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]!);
  return {
    // an index condition on a given organisation (a join's "= x.organisation_id" is not one)
    scoped: /(Index Cond|Recheck Cond): [^\n]*\borganisation_id = \d+/.test(plan),
    seqScans: [...new Set(scanned)].filter((t) => (rows.get(t) ?? 0) >= LARGE_ROWS),
  };
}

/** A plan's verdict in words, with the sizes of the tables it scans whole. */
export function verdict(plan: Plan, rows: Map<string, number>): string {
  if (plan.seqScans.length)
    return `SEQ SCAN on ${plan.seqScans.map((t) => `${t} (${rows.get(t) ?? '?'} rows in all)`).join(', ')}`;
  return plan.scoped ? 'index scoped by organisation' : 'no organisation_id index condition (keys within it)';
}

/**
 * Fetches `warm`'s pages first (connections opened, code paths compiled; caches are per organisation, so the
 * largest's stay cold), then the largest's, and EXPLAINs each distinct SELECT of each of the largest's pages.
 */
export async function capturePlans(
  databaseUrl: string,
  env: NodeJS.ProcessEnv,
  largest: SignedInPages,
  warm: SignedInPages,
): Promise<{ plans: Plan[]; rows: Map<string, number> }> {
  const config = { ...loadConfig({ ...env, LOG_LEVEL: 'silent' }), databaseUrl };
  const db = createDb(config);
  const services = createServices({ config, db, clock: systemClock, logger: createLogger('silent') });
  const server = createApp(services).listen(0, '127.0.0.1');
  const explainer = new pg.Client({ connectionString: databaseUrl, statement_timeout: 60_000 });
  type QueryEvent = { __knexQueryUid: string; sql: string; bindings?: unknown[] };
  const pending = new Map<string, { sql: string; bindings: unknown[]; at: number }>();
  let captured: Array<{ sql: string; bindings: unknown[]; ms: number }> = [];
  db.on('query', (q: QueryEvent) =>
    pending.set(q.__knexQueryUid, { sql: q.sql, bindings: q.bindings ?? [], at: performance.now() }),
  );
  db.on('query-response', (_response: unknown, q: QueryEvent) => {
    const start = pending.get(q.__knexQueryUid);
    pending.delete(q.__knexQueryUid);
    if (start) captured.push({ sql: start.sql, bindings: start.bindings, ms: performance.now() - start.at });
  });
  const plans: Plan[] = [];
  try {
    await once(server, 'listening');
    await explainer.connect();
    const sizes = await explainer.query<{ relname: string; n: string }>(
      `select relname, reltuples::bigint as n from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`,
    );
    const rows = new Map(sizes.rows.map((r) => [r.relname, Number(r.n)]));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const fetchPage = async (pagePath: string, headers: Record<string, string>) => {
      captured = [];
      const res = await fetch(`${base}${pagePath}`, {
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(60_000),
      });
      await res.text();
      if (res.status !== 200) throw new Error(`EXPLAIN: ${pagePath} answered ${res.status} in-process`);
      return captured;
    };
    const middle = (page: Page) => page.paths[Math.floor(page.paths.length / 2)]!;
    for (const page of warm.pages) await fetchPage(middle(page), warm.headers);
    for (const page of largest.pages) {
      const pagePath = middle(page);
      const seen = new Set<string>();
      // SELECTs only (EXPLAIN ANALYZE runs the statement), each once, in the order the page ran them
      const selects = (await fetchPage(pagePath, largest.headers)).filter(
        (q) =>
          /^\s*(select|with)\b/i.test(q.sql) &&
          !/\b(insert|update|delete)\b/i.test(q.sql) &&
          !seen.has(q.sql) &&
          Boolean(seen.add(q.sql)),
      );
      const pagePlans: Plan[] = [];
      for (const q of selects) {
        const result = await explainer.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, COSTS OFF) ${q.sql}`,
          q.bindings,
        );
        const plan = result.rows.map((r) => r['QUERY PLAN']).join('\n');
        const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
        pagePlans.push({
          page: page.name,
          path: pagePath,
          sql: q.sql,
          fetchMs: round(q.ms),
          executionMs,
          plan,
          ...judge(plan, rows),
        });
      }
      pagePlans.sort((a, b) => b.executionMs - a.executionMs);
      plans.push(...pagePlans);
    }
    return { plans, rows };
  } finally {
    await explainer.end().catch(() => undefined);
    server.close();
    services.runtime.mailSender.close();
    await db.destroy();
  }
}

/** The plans worth reading: each page's slowest few and every one that scans a large table whole. */
export function keptPlans(plans: Plan[]): Plan[] {
  const shown = new Map<string, number>();
  return plans.filter((p) => {
    const n = shown.get(p.page) ?? 0;
    shown.set(p.page, n + 1);
    return n < SLOWEST_KEPT || p.seqScans.length > 0;
  });
}

export async function writePlans(
  plans: Plan[],
  rows: Map<string, number>,
  org: NationalOrganisation,
  organisations: number,
  version: string,
): Promise<void> {
  const short = (sql: string) => (sql.length > 1200 ? `${sql.slice(0, 1200)} …` : sql);
  const pages = [...new Set(plans.map((p) => p.page))];
  const lines = [
    '# National bench: query plans',
    '',
    `${DateTime.utc().toISODate()}, ${version.split(' on ')[0]}; ${org.name}, the largest of ${organisations} ` +
      `organisations (${org.size.representatives} representatives, ${org.size.involvements} involvements). Each page ` +
      'fetched once in-process with fresh caches; every distinct SELECT it ran EXPLAINed with `EXPLAIN (ANALYZE, ' +
      `COSTS OFF)\` and its real bindings. Shown: each page's ${SLOWEST_KEPT} slowest (by execution time) and any ` +
      `other that scans a large table (${LARGE_ROWS} rows or more in all) whole; "scoped" is an index condition ` +
      'on the organisation itself.',
    '',
    '| page | SELECTs | slowest ms | index scoped by organisation | seq scans of large tables |',
    '| --- | --: | --: | --: | --- |',
    ...pages.map((page) => {
      const of = plans.filter((p) => p.page === page);
      const scans = [...new Set(of.flatMap((p) => p.seqScans))];
      return `| ${page} | ${of.length} | ${of[0]?.executionMs ?? 0} | ${of.filter((p) => p.scoped).length} | ${scans.join(', ') || 'none'} |`;
    }),
  ];
  for (const p of keptPlans(plans)) {
    lines.push('', `## ${p.page}: ${p.executionMs} ms`, '', `\`${p.path}\`: ${verdict(p, rows)}`);
    lines.push('', '```sql', short(p.sql), '```', '', '```text', p.plan, '```');
  }
  const file = path.join(rootDir, 'bench-national-plans.md');
  const text = await prettier.format(lines.join('\n'), { ...(await prettier.resolveConfig(file)), parser: 'markdown' });
  fs.writeFileSync(file, text);
}
