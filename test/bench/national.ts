// npm run bench -- --national (issue 26): the whole country on one PostgreSQL database. Seeds 357 organisations of
// realistic, varied sizes (test/bench/national-seed.ts: the largest with 2,000 representatives and 200,000
// involvements, about 120,000 and 1.5 million in all; a complete earlier seed of the same shape is reused, a database
// holding anything else is refused), times the largest's 12-month report uncached in-process, starts two app
// instances (production mode) on the database and measures the main pages for the largest and a small organisation
// with 20 connections, 10 against each instance, each row rotating through people, projects, pages, filters and
// months. Targets: p95 under 100 ms for each page, the uncached report under 500 ms, zero errors. Then fetches each
// page once in-process for the largest and EXPLAINs (ANALYZE) every SELECT it ran (test/bench/national-plans.ts): an
// index scoped by organisation, or a scan of a table that grows with the country? Writes bench-national.json and
// bench-national-plans.md at the repository root. The caller prints a thrown Error's message and exits 1.
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import net from 'node:net';
import autocannon from 'autocannon';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { loadConfig, rootDir } from '../../src/config.js';
import { createDb } from '../../src/db.js';
import { createServices } from '../../src/services.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import {
  appEnv,
  out,
  percentile,
  signInCookies,
  startServer,
  startSink,
  timeUncachedReport,
  waitFor,
} from './harness.js';
import { ensureNationalSeed, type NationalOrganisation } from './national-seed.js';
import { capturePlans, writePlans, type Page } from './national-plans.js';

const PORTS = [39_111, 39_112];
/** Connections against each instance: 20 in all. */
const PER_INSTANCE = 10;
const TARGET_P95_MS = 100;
const TARGET_REPORT_MS = 500;
/** seeds/large.ts dates its projects and involvements around this day (whatever the real clock says). */
const SEED_TODAY = DateTime.fromISO('2026-11-23');

interface Row {
  page: string;
  org: string;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  non2xx: number;
}

const ms = (value: number) => Math.round(value * 100) / 100;
/** At most n of the ids, spread evenly over them. */
const spread = (ids: number[], n: number) =>
  ids.length <= n ? ids : Array.from({ length: n }, (_, i) => ids[Math.floor((i * ids.length) / n)]!);

/** The main pages of one organisation, each with the paths its row takes in turn. */
async function pagesOf(db: Knex, org: NationalOrganisation): Promise<Page[]> {
  const ids = async (table: string) =>
    (await db(table).where({ organisation_id: org.id }).orderBy('id').pluck('id')).map(Number);
  const [people, projects, skills] = [
    spread(await ids('representatives'), 200),
    await ids('projects'),
    await ids('skills'),
  ];
  const someProjects = spread(projects, 40);
  const rosterPages = Math.min(40, Math.max(1, Math.floor((org.size.representatives * 0.7) / 25)));
  const skillPairs = Array.from({ length: 20 }, (_, i) => [
    skills[(2 * i) % skills.length],
    skills[(2 * i + 1) % skills.length],
  ]);
  const months = Array.from({ length: 12 }, (_, i) => SEED_TODAY.minus({ months: i }));
  return [
    { name: 'worklist /', paths: ['/'] },
    {
      name: 'roster /representatives?page=N',
      paths: Array.from({ length: rosterPages }, (_, i) => `/representatives?page=${i + 1}`),
    },
    {
      name: 'roster filtered by two skills',
      paths: skillPairs.map(([a, b]) => `/representatives?skill=${a}&skill=${b}`),
    },
    { name: 'profile /representatives/:id', paths: people.map((id) => `/representatives/${id}`) },
    { name: 'project /projects/:id', paths: someProjects.map((id) => `/projects/${id}`) },
    { name: 'invitations /projects/:id/invitations', paths: someProjects.map((id) => `/projects/${id}/invitations`) },
    { name: 'matches /projects/:id/matches', paths: spread(projects, 20).map((id) => `/projects/${id}/matches`) },
    { name: 'results /projects/:id/results', paths: someProjects.map((id) => `/projects/${id}/results`) },
    { name: 'report /reports?period=12m', paths: ['/reports?period=12m'] },
    {
      name: 'payments /payments (a month)',
      paths: months.map((m) => `/payments?from=${m.startOf('month').toISODate()}&to=${m.endOf('month').toISODate()}`),
    },
  ];
}

/** One row: two autocannon runs at once, PER_INSTANCE connections against each instance, latencies merged. */
async function measurePair(bases: string[], headers: Array<Record<string, string>>, paths: string[], seconds: number) {
  const latencies: number[] = [];
  const results = await Promise.all(
    bases.map(
      (base, n) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          let turn = n * Math.floor(paths.length / 2);
          const instance = autocannon(
            {
              url: `${base}${paths[0]}`,
              connections: PER_INSTANCE,
              duration: seconds,
              headers: headers[n],
              requests: [
                { setupRequest: (req: autocannon.Request) => ({ ...req, path: paths[turn++ % paths.length]! }) },
              ],
            },
            (err: Error | null, res) => (err ? reject(err) : resolve(res)),
          );
          instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
        }),
    ),
  );
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(results.reduce((sum, r) => sum + r.requests.average, 0)),
    p50Ms: ms(percentile(latencies, 50)),
    p95Ms: ms(percentile(latencies, 95)),
    non2xx: results.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0),
  };
}

/** Refuses a port another server holds (it would answer for an instance that failed to start). */
async function assertFree(port: number): Promise<void> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', () => reject(new Error(`port ${port} on 127.0.0.1 is taken: stop what holds it`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** The largest's 12-month report, uncached: in-process, each run with another roster version (as bench.ts). */
async function timeReport(databaseUrl: string, org: NationalOrganisation): Promise<number[]> {
  const config = { ...loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' }), databaseUrl };
  const db = createDb(config);
  const services = createServices({ config, db, clock: systemClock, logger: createLogger('silent') });
  try {
    return await timeUncachedReport(services, org.id, 7);
  } finally {
    services.runtime.mailSender.close();
    await db.destroy();
  }
}

/** Signs in on the first instance and checks that the second accepts the same session (sessions live in the database). */
async function signIn(bases: string[], email: string) {
  const headers = { ...(await signInCookies(bases[0]!, email)), 'x-forwarded-proto': 'https' };
  const res = await fetch(`${bases[1]}/`, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  await res.text();
  if (res.status === 200) return { shared: true, headers: [headers, headers] };
  const second = { ...(await signInCookies(bases[1]!, email)), 'x-forwarded-proto': 'https' };
  return { shared: false, headers: [headers, second] };
}

export async function runNational(options: {
  organisations: number;
  scale: number;
  seconds: number;
  warmup: number;
  databaseUrl: string;
}): Promise<void> {
  const { databaseUrl } = options;
  if (!/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new Error('the national bench runs on PostgreSQL: set DATABASE_URL');
  for (const port of PORTS) await assertFree(port);
  const { measured } = await ensureNationalSeed(databaseUrl, options.organisations, options.scale);
  const largest = measured[0]!;
  const db = createDb({ databaseUrl, sqliteFile: '' }, { poolMax: 2 });
  const [pages, version] = await Promise.all([
    Promise.all(measured.map((org) => pagesOf(db, org))),
    db.raw('select version() as v').then((r: { rows: Array<{ v: string }> }) => r.rows[0]!.v),
  ]).finally(() => db.destroy());

  const report = await timeReport(databaseUrl, largest);
  const reportP50 = percentile(report, 50);
  out(
    `Report for 12 months, uncached, in-process for ${largest.name} over ${report.length} runs: p50 ${reportP50.toFixed(1)} ms, ` +
      `max ${report.at(-1)!.toFixed(1)} ms${report.at(-1)! >= TARGET_REPORT_MS ? ` (OVER the ${TARGET_REPORT_MS} ms target)` : ''}`,
  );

  const sink = await startSink();
  const env = appEnv({ databaseUrl }, sink.url);
  const apps = PORTS.map((port) => startServer('src/server.ts', port, env));
  // if this process dies before its finally (an uncaught error, a closed stdout), the instances go with it
  const killApps = () => apps.forEach((app) => app.kill('SIGTERM'));
  process.once('exit', killApps);
  const bases = PORTS.map((port) => `http://127.0.0.1:${port}`);
  try {
    await Promise.all(bases.map((base) => waitFor(`${base}/healthz`, 120_000)));
    // a port taken by another server would answer for an instance that failed to start
    if (apps.some((app) => app.exitCode !== null))
      throw new Error(`an app instance exited at start (ports ${PORTS.join(', ')})`);
    const sessions = [];
    for (const org of measured) sessions.push(await signIn(bases, org.facilitator));
    out(
      `Two instances (${PORTS.join(', ')}) on one database; one session accepted by both: ` +
        `${sessions.every((s) => s.shared) ? 'yes' : 'NO (each instance signed in separately)'}`,
    );
    const rows: Row[] = [];
    for (let p = 0; p < pages[0]!.length; p += 1) {
      for (const [o, org] of measured.entries()) {
        const page = pages[o]![p]!;
        if (options.warmup > 0) await measurePair(bases, sessions[o]!.headers, page.paths, options.warmup);
        const r = await measurePair(bases, sessions[o]!.headers, page.paths, options.seconds);
        rows.push({ page: page.name, org: `${org.name}, ${org.size.representatives} people`, ...r });
      }
    }
    const header = ['page', 'org', 'requests/s', 'p50 ms', 'p95 ms', 'non-2xx'];
    const cells = rows.map((r) => [
      r.page,
      r.org,
      String(r.rps),
      r.p50Ms.toFixed(2),
      `${r.p95Ms.toFixed(2)}${r.p95Ms >= TARGET_P95_MS ? ' ⚠' : ''}`,
      String(r.non2xx),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
    const line = (c: string[]) =>
      `| ${c.map((x, i) => (i < 2 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join(' | ')} |`;
    out();
    out(
      `PostgreSQL, two instances, ${2 * PER_INSTANCE} connections, ${options.seconds} s after ${options.warmup} s warm-up; Node ${process.version}`,
    );
    out(line(header));
    out(`|${widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
    cells.forEach((c) => out(line(c)));
    out();
    const over = rows.filter((r) => r.p95Ms >= TARGET_P95_MS);
    out(
      over.length
        ? `⚠ p95 at or over ${TARGET_P95_MS} ms: ${over.length} of ${rows.length} rows`
        : `Every row's p95 is under ${TARGET_P95_MS} ms`,
    );

    const { plans, rows: tableRows } = await capturePlans(
      databaseUrl,
      env,
      { headers: sessions[0]!.headers[0]!, pages: pages[0]! },
      { headers: sessions[1]!.headers[0]!, pages: pages[1]! },
    );
    for (const page of pages[0]!) {
      const of = plans.filter((p) => p.page === page.name);
      const scanned = [...new Set(of.flatMap((p) => p.seqScans))].map((t) => `${t} (${tableRows.get(t) ?? '?'} rows)`);
      out(
        `EXPLAIN ${page.name}: ${of.length} SELECTs, slowest ${of[0]?.executionMs ?? 0} ms, ` +
          `${of.filter((p) => p.scoped).length} with an index scoped by organisation, ` +
          `${of.filter((p) => p.seqScans.length).length} with a seq scan of a large table` +
          `${scanned.length ? `: ${scanned.join(', ')}` : ''}`,
      );
    }
    await writePlans(plans, tableRows, largest, options.organisations, version);
    const figures = {
      seed: { organisations: options.organisations, scale: options.scale, measured },
      connections: 2 * PER_INSTANCE,
      seconds: options.seconds,
      warmup: options.warmup,
      rows,
      reportUncached: { runs: report.length, p50Ms: ms(reportP50), maxMs: ms(report.at(-1)!) },
      plans: plans.map(({ plan: _plan, ...rest }) => rest),
    };
    fs.writeFileSync(path.join(rootDir, 'bench-national.json'), `${JSON.stringify(figures, null, 2)}\n`);
    out('Written to bench-national.json and bench-national-plans.md');
    if (rows.some((r) => r.non2xx > 0)) {
      out('Some requests did not answer 2xx or failed: the figures above are not trustworthy.');
      process.exitCode = 1;
    }
  } finally {
    process.off('exit', killApps);
    await Promise.all(
      apps.map(async (app) => {
        if (app.exitCode !== null || app.signalCode !== null) return;
        app.kill('SIGTERM');
        const exited = once(app, 'exit');
        const timer = setTimeout(() => app.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    await sink.close();
  }
}
