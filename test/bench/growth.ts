// `npm run bench -- --growth`: how the main pages' cost grows with the network (issue 26, item 4). For each size
// (default 1,000, 10,000 and 100,000 representatives, with ten involvements per person and a project per ten
// people) a fresh SQLite database is seeded, the app started in production mode, and each signed-in row measured
// with autocannon (10 connections); the table gives each page's p50 and the size of what it sends at each size,
// so a page that shows a page of rows can be held to growing no faster than its own output.
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { rootDir } from '../../src/config.js';
import { createDb, migrateLatest } from '../../src/db.js';
import { createServices } from '../../src/services.js';
import { loadConfig } from '../../src/config.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import { seedLarge } from '../../seeds/large.js';
import { seedLargeWorklist } from '../../seeds/large-worklist.js';
import {
  appEnv,
  measure,
  out,
  percentile,
  signInCookies,
  startServer,
  startSink,
  timeUncachedReport,
  waitFor,
} from './harness.js';
import { pageIds, signedInRows } from './pages.js';

const APP_PORT = 39_121;

interface Cell {
  p50Ms: number;
  p95Ms: number;
  rps: number;
  kb: number;
  non2xx: number;
}

/** One size: seed, then every row; returns the cells by row name (with the size left out of the name). */
async function measureSize(
  representatives: number,
  seconds: number,
  warmup: number,
): Promise<{ cells: Map<string, Cell>; seedS: number; reportUncachedMs: number }> {
  const dir = path.join(rootDir, 'data', 'bench-growth');
  fs.mkdirSync(dir, { recursive: true });
  const sqliteFile = path.join(dir, `growth-${representatives}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${sqliteFile}${suffix}`, { force: true });
  const db = createDb({ databaseUrl: undefined, sqliteFile });
  const started = Date.now();
  await migrateLatest(db);
  const size = {
    representatives,
    projects: Math.max(10, Math.round(representatives / 10)),
    involvements: representatives * 10,
    skills: 100,
    skillsPerRepresentative: 40,
  };
  const { organisationId, skillIds } = await seedLarge(db, size, 12);
  await seedLargeWorklist(db, organisationId, DateTime.utc());
  const seedS = (Date.now() - started) / 1000;
  const ids = await pageIds(db, organisationId, { skillIds });
  // the report for 12 months uncached, in-process
  const config = { ...loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' }), sqliteFile };
  const services = createServices({ config, db, clock: systemClock, logger: createLogger('silent') });
  const reportTimes = await timeUncachedReport(services, organisationId, 5);
  services.runtime.mailSender.close();
  await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.destroy();

  const sink = await startSink();
  const app = startServer('src/server.ts', APP_PORT, appEnv({ sqliteFile }, sink.url));
  const cells = new Map<string, Cell>();
  try {
    const base = `http://127.0.0.1:${APP_PORT}`;
    await waitFor(`${base}/healthz`);
    const signedIn = { ...(await signInCookies(base, 'facilitator@example.no')), 'x-forwarded-proto': 'https' };
    for (const target of signedInRows(base, signedIn, ids)) {
      // the output's size: every page the row rotates through, once, averaged
      let bytes = 0;
      for (const page of target.rotate ?? [target.url.slice(base.length)]) {
        const res = await fetch(`${base}${page}`, { headers: signedIn });
        bytes += (await res.arrayBuffer()).byteLength;
      }
      await measure(target, warmup);
      const r = await measure(target, seconds);
      // the row's name without its counts (they differ by size), so the three sizes share one line
      const name = target.name.replace(/ \((?:25 a page; )?\d+ (?:pages|people|in turn)[^)]*\)/, '');
      cells.set(name, {
        p50Ms: r.p50Ms,
        p95Ms: r.p95Ms,
        rps: r.rps,
        kb: Math.round(bytes / (target.rotate?.length ?? 1) / 102.4) / 10,
        non2xx: r.non2xx,
      });
    }
  } finally {
    app.kill('SIGTERM');
    await sink.close();
  }
  return { cells, seedS, reportUncachedMs: percentile(reportTimes, 50) };
}

export async function runGrowth(options: { sizes: number[]; seconds: number; warmup: number }): Promise<void> {
  const sizes = [...new Set(options.sizes)].sort((a, b) => a - b);
  const bySize: Array<Awaited<ReturnType<typeof measureSize>> & { size: number }> = [];
  for (const size of sizes) {
    out(`Seeding ${size.toLocaleString('en')} representatives (${(size * 10).toLocaleString('en')} involvements)…`);
    const result = await measureSize(size, options.seconds, options.warmup);
    out(
      `  seeded in ${result.seedS.toFixed(0)} s; report uncached in-process p50 ${result.reportUncachedMs.toFixed(0)} ms`,
    );
    bySize.push({ ...result, size });
  }
  const rows = [...bySize[0]!.cells.keys()];
  const fmt = (n: number) => n.toLocaleString('en');
  out();
  out(
    `Growth, SQLite, 10 connections, ${options.seconds} s after ${options.warmup} s warm-up; Node ${process.version}: p50 ms (KB sent)`,
  );
  out(`| page | ${sizes.map((s) => `${fmt(s)} people`).join(' | ')} | p50 growth, smallest to largest |`);
  out(`|---|${sizes.map(() => '---:').join('|')}|---:|`);
  for (const row of rows) {
    const cells = bySize.map((b) => b.cells.get(row));
    const first = cells[0]?.p50Ms ?? 0;
    const last = cells.at(-1)?.p50Ms ?? 0;
    out(
      `| ${row} | ${cells.map((c) => (c ? `${c.p50Ms.toFixed(1)} (${c.kb} KB)` : '–')).join(' | ')} | ×${first ? (last / first).toFixed(1) : '–'} |`,
    );
  }
  out(
    `| report uncached, in-process | ${bySize.map((b) => `${b.reportUncachedMs.toFixed(0)}`).join(' | ')} | ×${(bySize.at(-1)!.reportUncachedMs / bySize[0]!.reportUncachedMs).toFixed(1)} |`,
  );
  const failed = bySize.some((b) => [...b.cells.values()].some((c) => c.non2xx > 0));
  fs.writeFileSync(
    path.join(rootDir, 'bench-growth.json'),
    `${JSON.stringify(
      bySize.map((b) => ({
        size: b.size,
        seedS: b.seedS,
        reportUncachedMs: b.reportUncachedMs,
        pages: Object.fromEntries(b.cells),
      })),
      null,
      2,
    )}\n`,
  );
  out('\nWritten to bench-growth.json');
  if (failed) {
    out('Some requests did not answer 2xx: the figures above are not trustworthy.');
    process.exitCode = 1;
  }
}
