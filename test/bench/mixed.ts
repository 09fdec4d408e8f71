// npm run bench -- --mixed (issue 26): `users` signed-in facilitators at once, each in its own session, on a
// realistic mix of reads and writes for `seconds`. SQLite: one app instance on a fresh file under data/bench-mixed/.
// PostgreSQL (DATABASE_URL: an empty database, or one this bench seeded before): two instances on the same database,
// the users split between them. The data is the large data set (10,000 people, 1,000 projects, 100,000 involvements)
// with one account per user, each owning its share of the projects and people (mixed-seed.ts); what the users do is
// in mixed-users.ts. The users arrive one by one over a warm-up (BENCH_MIXED_WARMUP, default 10 s) that is not
// measured, and wait 0 to BENCH_MIXED_THINK_MS ms (default 200) after each answer: 50 of them then ask for more than
// 2 cores can serve, so the run shows what contention does (errors, SQLITE_BUSY, lock and pool waits, writes against
// reads) at the machine's capacity; with human think times (seconds) the same 50 would leave it mostly idle.
// Figures: client latency per action, the server's own p95 per route from its /metrics histogram, requests per
// second, errors, SQLITE_BUSY lines in the servers' stderr, each instance's CPU, GC and event-loop delay, and the
// check "writes no slower than 5× reads". Prints a markdown table and writes bench-mixed-<engine>.json at the
// repository's root; exit code 1 on any error, any SQLITE_BUSY, any line on a server's stderr once the users start,
// or a failed check.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { rootDir } from '../../src/config.js';
import { appEnv, out, signInCookies, startSink, waitFor } from './harness.js';
import { freshDatabase, seedMixed, waitForJobs, type MixedData } from './mixed-seed.js';
import { Recorder, VirtualUser } from './mixed-users.js';
import { printTable, rowsOf, scrape, subtract, writeReadCheck } from './mixed-report.js';

/** The users arrive one by one over the warm-up (not all in the same millisecond on a cold process). */
const WARMUP_S = Number(process.env.BENCH_MIXED_WARMUP ?? 10);
const THINK_MS = Number(process.env.BENCH_MIXED_THINK_MS ?? 200);
const METRICS_TOKEN = 'bench-mixed-metrics-token-0123456789';
/** Sign-ins at a time: each is a scrypt hash on libuv's pool, and the address's sign-in ceiling counts parallel ones. */
const SIGN_IN_CONCURRENCY = 4;
const STDERR_KEPT = 10;
/** How long the scheduled jobs' first catch-up on the fresh seed may take before measuring starts anyway. */
const JOBS_WAIT_MS = 180_000;

interface App {
  base: string;
  child: ChildProcess;
  exited: Promise<void>;
  stderr: { lines: number; busy: number; kept: string[] };
}

/** A free loopback port (another bench may be running on the usual ones). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The app in production mode, its stderr read line by line: SQLITE_BUSY counted, the first lines kept. */
function startApp(port: number, env: NodeJS.ProcessEnv): App {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: rootDir,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr = { lines: 0, busy: 0, kept: [] as string[] };
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    stderr.lines += 1;
    if (line.includes('SQLITE_BUSY')) stderr.busy += 1;
    if (stderr.kept.length < STDERR_KEPT) stderr.kept.push(line.slice(0, 400));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { base: `http://127.0.0.1:${port}`, child, exited, stderr };
}

async function stopApp(app: App): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill('SIGTERM');
  const timer = setTimeout(() => app.child.kill('SIGKILL'), 15_000);
  await app.exited;
  clearTimeout(timer);
}

/** Up, or the reason it is not: an app that exits while starting fails at once instead of after a minute. */
async function started(app: App): Promise<void> {
  const died = app.exited.then(() => {
    throw new Error(`the app at ${app.base} exited while starting: ${app.stderr.kept.join(' / ')}`);
  });
  await Promise.race([waitFor(`${app.base}/healthz`), died]);
}

/** Signs every account in on its instance, a few at a time; the Cookie header per account. */
async function signInAll(apps: App[], data: MixedData): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < data.accounts.length; i += SIGN_IN_CONCURRENCY) {
    const batch = data.accounts.slice(i, i + SIGN_IN_CONCURRENCY);
    const signedIn = await Promise.all(
      batch.map((account, k) => signInCookies(apps[(i + k) % apps.length]!.base, account.email)),
    );
    cookies.push(...signedIn.map((s) => s.cookie));
  }
  return cookies;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runMixed(options: { users: number; seconds: number; databaseUrl?: string }): Promise<void> {
  const { users, seconds } = options;
  if (!Number.isInteger(users) || users < 1) throw new Error(`--mixed needs a whole number of users (got ${users})`);
  if (!(seconds > 0)) throw new Error(`--mixed needs a positive number of seconds (got ${seconds})`);
  const databaseUrl = options.databaseUrl || undefined;
  const engine = databaseUrl ? 'PostgreSQL' : 'SQLite';
  const instances = databaseUrl ? 2 : 1;

  let clock = Date.now();
  const { db, sqliteFile } = await freshDatabase(databaseUrl);
  let data: MixedData;
  try {
    data = await seedMixed(db, users);
    if (!databaseUrl) await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await db.destroy();
  }
  out(
    `Mixed bench on ${engine}: seeded the large data set and ${users} accounts in ${((Date.now() - clock) / 1000).toFixed(1)} s`,
  );

  const sink = await startSink();
  const apps: App[] = [];
  // should this process die on the way (an uncaught error, Ctrl-C), the apps do not outlive it
  const orphans = () => apps.forEach((a) => a.child.kill('SIGKILL'));
  process.once('exit', orphans);
  try {
    const env = appEnv(databaseUrl ? { databaseUrl } : { sqliteFile }, sink.url, { METRICS_TOKEN });
    const booted = Date.now();
    for (let i = 0; i < instances; i += 1) apps.push(startApp(await freePort(), env));
    await Promise.all(apps.map(started));
    const waited = await waitForJobs({ databaseUrl, sqliteFile }, JOBS_WAIT_MS);
    out(
      waited === undefined
        ? `The scheduled jobs were still catching up after ${JOBS_WAIT_MS / 1000} s: measuring anyway`
        : `The scheduled jobs' first catch-up on the fresh seed was over ${((Date.now() - booted) / 1000).toFixed(1)} s ` +
            'after the app started (not measured)',
    );
    const cookies = await signInAll(apps, data);

    // what the servers wrote while starting (the jobs' catch-up holds a SQLite process long enough for the SMTP
    // check at start to time out, for one) is shown but does not fail the run; from here on every line does
    const atStart = apps.reduce((sum, a) => sum + a.stderr.lines, 0);
    const recorder = new Recorder();
    const loops = data.accounts.map((account, i) =>
      new VirtualUser(apps[i % instances]!.base, account, data, recorder, THINK_MS, i, cookies[i]!).run(
        (i * WARMUP_S * 1000) / users,
      ),
    );
    const bases = apps.map((a) => a.base);
    // the load generator's own event loop: a busy one would add its delay to every client figure
    const generatorLag = monitorEventLoopDelay({ resolution: 10 });
    let before;
    let measuredS = 0;
    try {
      await sleep(WARMUP_S * 1000);
      before = await scrape(bases, METRICS_TOKEN);
      recorder.recording = true;
      generatorLag.enable();
      clock = performance.now();
      await sleep(seconds * 1000);
      recorder.recording = false;
      generatorLag.disable();
      measuredS = (performance.now() - clock) / 1000;
    } finally {
      recorder.stopped = true;
      await Promise.all(loops);
    }
    const after = await scrape(bases, METRICS_TOKEN);
    const histograms = subtract(after.histograms, before.histograms);
    const processes = after.instances.map((a, i) => ({
      cores: (a.cpuSeconds - before.instances[i]!.cpuSeconds) / measuredS,
      gcShare: (a.gcSeconds - before.instances[i]!.gcSeconds) / measuredS,
      heapUsedMb: a.heapUsedMb,
      lagP99Ms: a.lagP99Ms,
      lagMaxMs: a.lagMaxMs,
    }));

    const rows = rowsOf(recorder, histograms);
    const requests = rows.reduce((sum, r) => sum + r.requests, 0);
    const errors = rows.reduce((sum, r) => sum + r.errors, 0);
    const busy = apps.reduce((sum, a) => sum + a.stderr.busy, 0);
    const stderrLines = apps.reduce((sum, a) => sum + a.stderr.lines, 0) - atStart;
    const check = writeReadCheck(rows);
    const rps = requests / measuredS;

    out();
    out(
      `Engine: ${engine}, ${instances} instance${instances > 1 ? 's' : ''}; ${users} users for ${seconds} s after ` +
        `${WARMUP_S} s warm-up (the users arriving one by one); think time 0–${THINK_MS} ms; Node ${process.version}`,
    );
    out();
    printTable(rows);
    out();
    out(
      '* the route is shared by several actions: the server figure is the route’s. Server figures come from the ' +
        'histogram (buckets 5, 10, 25, 50, 100, 250, 500 ms, 1, 2.5, 5, 10 s), interpolated linearly within a ' +
        'bucket: only as fine as the bucket it falls in. Errors include the warm-up.',
    );
    out();
    out(`Requests: ${requests} in ${measuredS.toFixed(1)} s = ${rps.toFixed(1)} requests/s; errors: ${errors}`);
    out(
      `SQLITE_BUSY lines in the servers' stderr: ${busy}; stderr lines since the users started: ${stderrLines} ` +
        `(before: ${atStart})`,
    );
    processes.forEach((p, i) =>
      out(
        `Instance ${i + 1}: ${p.cores.toFixed(2)} cores busy, ${(p.gcShare * 100).toFixed(0)} % of the time in GC, ` +
          `heap ${p.heapUsedMb.toFixed(0)} MB; event-loop delay p99 ${p.lagP99Ms.toFixed(0)} ms, ` +
          `max ${p.lagMaxMs.toFixed(0)} ms (time a request waits before the server's clock starts)`,
      ),
    );
    out(
      `Load generator: event-loop delay p99 ${(generatorLag.percentile(99) / 1e6).toFixed(0)} ms, ` +
        `max ${(generatorLag.max / 1e6).toFixed(0)} ms`,
    );
    out(
      check.writeRoute === '-'
        ? 'Writes against reads: no write or no read was measured, so the check is NOT passed'
        : `Writes against reads (server p95): slowest write ${check.writeRoute} ${check.writeP95Ms.toFixed(1)} ms, ` +
            `median read route ${check.readMedianP95Ms.toFixed(1)} ms: ${check.ratio.toFixed(2)}× ` +
            `(client: ${check.clientRatio.toFixed(2)}×) — ${check.passed ? 'within' : 'NOT within'} 5×`,
    );
    if (recorder.samples.length) {
      out('First errors:');
      recorder.samples.forEach((s) => out(`  ${s}`));
    }
    if (stderrLines || atStart) {
      out('First lines of the servers’ stderr:');
      apps.forEach((a) => a.stderr.kept.forEach((line) => out(`  ${line}`)));
    }

    const file = `bench-mixed-${databaseUrl ? 'postgres' : 'sqlite'}.json`;
    const round = (value: number) => Math.round(value * 10) / 10;
    const result = {
      engine,
      instances,
      users,
      seconds,
      warmupSeconds: WARMUP_S,
      thinkMs: THINK_MS,
      node: process.version,
      ranAt: new Date().toISOString(),
      requests,
      requestsPerSecond: round(rps),
      errors,
      sqliteBusy: busy,
      stderrLines,
      stderrLinesAtStart: atStart,
      instanceFigures: processes.map((p) => ({
        coresBusy: round(p.cores * 10) / 10,
        eventLoopDelayP99Ms: round(p.lagP99Ms),
        eventLoopDelayMaxMs: round(p.lagMaxMs),
        gcShare: Math.round(p.gcShare * 100) / 100,
        heapUsedMb: Math.round(p.heapUsedMb),
      })),
      generatorEventLoopDelayP99Ms: round(generatorLag.percentile(99) / 1e6),
      rows: rows.map((r) => ({
        action: r.label,
        route: r.route,
        requests: r.requests,
        clientP50Ms: round(r.clientP50Ms),
        clientP95Ms: round(r.clientP95Ms),
        serverRequests: r.server.requests,
        serverP50Ms: round(r.server.p50Ms),
        serverP95Ms: round(r.server.p95Ms),
        errors: r.errors,
      })),
      writesAgainstReads: {
        ...check,
        writeP95Ms: round(check.writeP95Ms),
        readMedianP95Ms: round(check.readMedianP95Ms),
        ratio: Math.round(check.ratio * 100) / 100,
        clientRatio: Math.round(check.clientRatio * 100) / 100,
      },
      firstErrors: recorder.samples,
    };
    fs.writeFileSync(path.join(rootDir, file), `${JSON.stringify(result, null, 2)}\n`);
    out(`\nWritten to ${file}`);
    if (errors || busy || stderrLines || !check.passed) process.exitCode = 1;
  } finally {
    await Promise.all(apps.map(stopApp));
    process.off('exit', orphans);
    await sink.close();
  }
}
