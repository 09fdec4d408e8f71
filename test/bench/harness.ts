// What every bench mode shares: the app and the ceiling as child processes, signing in through the real form,
// autocannon rows with rotation, percentiles, and a loopback SMTP sink.
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { SMTPServer } from 'smtp-server';
import { rootDir } from '../../src/config.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';
import type { Services } from '../../src/services.js';

export const CONNECTIONS = 10;
export const out = (line = '') => process.stdout.write(`${line}\n`);

export interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** A form POST instead of a GET: the body of each request. */
  post?: () => string;
  /** The status that counts as success (default: any 2xx), e.g. 303 for a form that redirects. */
  expectStatus?: number;
  /** Connections for this row, if not CONNECTIONS. */
  connections?: number;
  /**
   * Paths taken in turn, one per request (people, pages, filters): a cache keyed by data version is measured as
   * users meet it, not as one hot key (issue 26, "honest measurement").
   */
  rotate?: string[];
}
export interface Result {
  name: string;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  ratioToCeiling: number;
  non2xx: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function measure(target: Target, seconds: number): Promise<Omit<Result, 'ratioToCeiling'>> {
  const latencies: number[] = [];
  let unexpected = 0;
  const post = target.post;
  const rotate = target.rotate;
  let turn = 0;
  const requests = post
    ? [{ method: 'POST' as const, setupRequest: (req: autocannon.Request) => ({ ...req, body: post() }) }]
    : rotate
      ? [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: rotate[turn++ % rotate.length]! }) }]
      : undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections: target.connections ?? CONNECTIONS,
        duration: seconds,
        headers: target.headers,
        requests,
      },
      (err: Error | null, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (target.expectStatus && status !== target.expectStatus) unexpected += 1;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    name: target.name,
    rps: Math.round(result.requests.average),
    p50Ms: Math.round(percentile(latencies, 50) * 100) / 100,
    p95Ms: Math.round(percentile(latencies, 95) * 100) / 100,
    non2xx: (target.expectStatus ? unexpected : result.non2xx) + result.errors + result.timeouts,
  };
}

/**
 * The environment every bench runs the app with: production mode, as behind one TLS proxy (the bench sends no
 * X-Forwarded-For, so every request is the loopback client), on SQLite or PostgreSQL, and the loopback SMTP sink as
 * its relay (production needs one; the in-app worker finds little to send during a bench).
 */
export function appEnv(
  database: { sqliteFile: string } | { databaseUrl: string },
  smtpUrl: string,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'production',
    SESSION_SECRET: 'bench-session-secret-bench-session-secret',
    ...('databaseUrl' in database ? { DATABASE_URL: database.databaseUrl } : { SQLITE_FILE: database.sqliteFile }),
    LOG_LEVEL: 'error',
    TRUST_PROXY: '1',
    SMTP_URL: smtpUrl,
    ...extra,
  };
}

export function startServer(script: string, port: number, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: rootDir,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} did not come up`);
}

/** Signs in through the real form (the app runs as behind a TLS proxy) and returns the Cookie header. */
export async function signInCookies(base: string, email: string): Promise<{ cookie: string }> {
  const https = { 'x-forwarded-proto': 'https' };
  const page = await fetch(`${base}/login`, { headers: https });
  const csrfCookie = page.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...https, cookie: csrfCookie.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email, password: DEMO_PASSWORD }).toString(),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (res.status !== 303 || !session.some((c) => c.startsWith('__Host-medvirk=')))
    throw new Error(`sign-in as ${email} failed (${res.status})`);
  return { cookie: [...csrfCookie, ...session].join('; ') };
}

/** A loopback SMTP server that accepts everything and counts it (the app's relay during the bench). */
export async function startSink(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        callback(null, 'Ok: queued');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The report for the last 12 months built in-process `runs` times as a supervisor, each under another roster
 * version so that no cached entry is reused: the uncached cost. Returns the times in ms, sorted.
 */
export async function timeUncachedReport(services: Services, organisationId: number, runs: number): Promise<number[]> {
  const actor = {
    id: 0,
    organisationId,
    name: '',
    email: '',
    role: 'supervisor' as const,
    locale: 'nb' as const,
    active: true,
    mustChangePassword: false,
    lastSignInAt: null,
    organisationName: '',
    timeZone: 'Europe/Oslo',
    rosterVersion: 0,
  };
  const times: number[] = [];
  for (let i = 1; i <= runs; i += 1) {
    const started = performance.now();
    await services.reportsService.build({ ...actor, rosterVersion: -i }, { period: '12m' });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}
