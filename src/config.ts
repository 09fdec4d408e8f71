import { hkdfSync } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the folder that holds package.json, views/ and migrations/. */
export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The languages Medvirk speaks: Norwegian Bokmål, Norwegian Nynorsk and English. */
export const LOCALES = ['nb', 'nn', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const locales: readonly Locale[] = LOCALES;

/** A stored or typed language code as a Locale; anything else is the fallback (the organisation's standard). */
export function toLocale(value: unknown, fallback: Locale = 'nb'): Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value) ? (value as Locale) : fallback;
}

/** Whether a locale is one of the two Norwegian written standards (decimal comma, Norwegian plurals, dates). */
export const isNorwegian = (locale: Locale): boolean => locale !== 'en';

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** postgres://… for PostgreSQL; undefined for the embedded SQLite file. */
  databaseUrl: string | undefined;
  sqliteFile: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionSecret: string;
  /**
   * The key that encrypts organisations' OpenID Connect client secrets (SSO_SECRET_KEY: 32 bytes, base64 or hex).
   * Undefined in production when unset (single sign-on cannot be configured then); elsewhere derived from the
   * session secret.
   */
  ssoSecretKey: Buffer | undefined;
  /** Plain-http identity providers allowed (OIDC_ALLOW_HTTP=true): tests and development only, refused in production. */
  oidcAllowHttp: boolean;
  /** Express's `trust proxy`: a hop count or the proxies' addresses and subnets; never `true`. */
  trustProxy: false | number | string[];
  baseUrl: string;
  defaultLocale: Locale;
  timeZone: string;
  logLevel: 'silent' | 'error' | 'info';
  /** log2 of scrypt's N: 17 in production (OWASP), lowered in tests to keep them fast. */
  scryptLog2N: number;
  bodyLimit: string;
  seedDemo: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Run the outbox worker and the scheduled jobs inside the app process (turn off when `npm run worker` runs). */
  workerInApp: boolean;
  workerPollMs: number;
  /** How often the worker looks for due scheduled jobs (WORKER_JOBS_MS; 30 s). */
  workerJobsMs: number;
  smtpMaxConnections: number;
  /** BACKUP_DIR: the folder of the nightly SQLite backup (SQLite only); unset: no scheduled backup. */
  backupDir: string | undefined;
  /** BACKUP_KEEP: how many nightly backups the folder keeps (14). */
  backupKeep: number;
  /** METRICS_TOKEN: the bearer token for /metrics (at least 16 characters); unset: no /metrics (404). */
  metricsToken: string | undefined;
  /**
   * PostgreSQL: the server cancels a statement after this long (DB_TIMEOUT_MS; 5 s); the other time
   * limits (answer, connect, pool) follow from it (db.ts pgTimeouts).
   */
  dbTimeoutMs: number;
  /** SQLite: how long a write waits for another process's write lock before the 503 page (SQLITE_WRITE_WAIT_MS; 10 s). */
  sqliteWriteWaitMs: number;
}

export const DEFAULT_DB_TIMEOUT_MS = 5000;
export const DEFAULT_SQLITE_WRITE_WAIT_MS = 10_000;

const DEV_SESSION_SECRET = 'development-only-session-secret-change-me';

/** SSO_SECRET_KEY as 32 bytes (base64 or hex); outside production, derived from the session secret when unset. */
function ssoSecretKey(value: string | undefined, nodeEnv: string, sessionSecret: string): Buffer | undefined {
  const text = value?.trim();
  if (text) {
    const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
    if (key.length !== 32) throw new Error('SSO_SECRET_KEY must be 32 bytes, as 64 hex digits or base64');
    return key;
  }
  if (nodeEnv === 'production') return undefined;
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'medvirk', 'sso-client-secrets', 32));
}

function oidcAllowHttp(value: string | undefined, nodeEnv: string): boolean {
  if (value !== 'true') return false;
  if (nodeEnv === 'production')
    throw new Error('OIDC_ALLOW_HTTP=true is refused in production: identity providers must use https');
  return true;
}

const TRUST_PROXY_HELP =
  'set TRUST_PROXY to the number of proxies in front of the app (usually 1), or to their addresses or subnets, ' +
  'comma-separated (for example 10.0.0.5 or 10.0.0.0/8,loopback); leave it unset when no proxy is in front';

/** The names Express's `trust proxy` knows for well-known ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY as Express's `trust proxy`: a hop count or the proxies' addresses/subnets. `true` is refused: it
 * trusts every X-Forwarded-For entry, and a client writes the first ones itself, so per-IP limits would count
 * whatever address the client chose.
 */
export function parseTrustProxy(raw: string | undefined): false | number | string[] {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false') return false;
  if (value.toLowerCase() === 'true') {
    throw new Error(
      `TRUST_PROXY=true would let any client choose its own IP address through X-Forwarded-For: ${TRUST_PROXY_HELP}`,
    );
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new Error(`TRUST_PROXY must be a hop count from 0 to 10: ${TRUST_PROXY_HELP}`);
    return hops === 0 ? false : hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const wrong = entries.filter((entry) => !isProxyAddress(entry));
  if (wrong.length > 0) {
    throw new Error(
      `TRUST_PROXY has what is neither an address nor a subnet (${wrong.join(', ')}): ${TRUST_PROXY_HELP}`,
    );
  }
  return entries;
}

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  }
  return n;
}

/** METRICS_TOKEN, trimmed; a short one is refused (a scraper's token is a secret like the session's). */
function metricsToken(raw: string | undefined): string | undefined {
  const token = (raw ?? '').trim();
  if (token === '') return undefined;
  if (token.length < 16 || /\s/.test(token)) {
    throw new Error('METRICS_TOKEN must be at least 16 characters without spaces (for example: openssl rand -hex 32)');
  }
  return token;
}

/** BACKUP_DIR as an absolute folder (relative: to the project root); refused on PostgreSQL, which pg_dump backs up. */
function backupDir(raw: string | undefined, databaseUrl: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (databaseUrl) {
    throw new Error(
      'BACKUP_DIR is for the embedded SQLite database: on PostgreSQL, schedule pg_dump instead (docs/operations.md, "Backup and restore")',
    );
  }
  return path.resolve(rootDir, value);
}

/** The folder a command was run from: npm runs scripts in the package's folder and names the caller's in INIT_CWD. */
export function invocationDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD ?? process.cwd();
}

/**
 * Reads every setting from the environment once. The only place in src/ that touches process.env.
 * Fails fast in production when a secret is missing.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const port = intSetting(env, 'PORT', 3000, 0, 65535);
  const sessionSecret = env.SESSION_SECRET ?? '';
  if (nodeEnv === 'production' && sessionSecret.length < 32) {
    throw new Error('SESSION_SECRET must be set to at least 32 characters in production');
  }
  const defaultLocale = env.DEFAULT_LOCALE === 'en' ? 'en' : 'nb';
  const logLevel = env.LOG_LEVEL === 'silent' || env.LOG_LEVEL === 'error' ? env.LOG_LEVEL : 'info';
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)');
  }
  // development has public demo passwords and a public session secret: this machine only, unless HOST says otherwise
  const host =
    env.HOST && env.HOST.trim() !== '' ? env.HOST.trim() : nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1';
  const smtpUrl = env.SMTP_URL && env.SMTP_URL.trim() !== '' ? env.SMTP_URL.trim() : undefined;
  if (nodeEnv === 'production' && !smtpUrl) {
    // without it e-mail would only be captured for the development mailbox: invitations would silently never go
    throw new Error('SMTP_URL must be set in production (smtp://user:password@relay.example:587)');
  }
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new Error('SMTP_URL must start with smtp:// or smtps://');
  return {
    env: nodeEnv,
    port,
    host,
    databaseUrl,
    sqliteFile: path.resolve(rootDir, env.SQLITE_FILE ?? path.join('data', 'medvirk.sqlite')),
    smtpUrl,
    mailFrom: env.MAIL_FROM ?? 'Medvirk <no-reply@medvirk.invalid>',
    sessionSecret: sessionSecret || DEV_SESSION_SECRET,
    ssoSecretKey: ssoSecretKey(env.SSO_SECRET_KEY, nodeEnv, sessionSecret || DEV_SESSION_SECRET),
    oidcAllowHttp: oidcAllowHttp(env.OIDC_ALLOW_HTTP, nodeEnv),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    baseUrl: (env.BASE_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    defaultLocale,
    timeZone: env.TZ_DEFAULT ?? 'Europe/Oslo',
    logLevel,
    scryptLog2N: intSetting(env, 'SCRYPT_LOG2N', nodeEnv === 'test' ? 10 : 17, 10, 20),
    bodyLimit: env.BODY_LIMIT ?? '1mb',
    seedDemo: nodeEnv !== 'production' && env.SEED_DEMO !== 'false',
    sessionIdleMinutes: intSetting(env, 'SESSION_IDLE_MINUTES', 120, 5, 24 * 60),
    sessionAbsoluteHours: intSetting(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 72),
    workerInApp: env.WORKER_IN_APP !== 'false',
    workerPollMs: intSetting(env, 'WORKER_POLL_MS', 2000, 100, 60_000),
    workerJobsMs: intSetting(env, 'WORKER_JOBS_MS', 30_000, 100, 3_600_000),
    smtpMaxConnections: intSetting(env, 'SMTP_MAX_CONNECTIONS', 5, 1, 50),
    backupDir: backupDir(env.BACKUP_DIR, databaseUrl),
    backupKeep: intSetting(env, 'BACKUP_KEEP', 14, 1, 1000),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    dbTimeoutMs: intSetting(env, 'DB_TIMEOUT_MS', DEFAULT_DB_TIMEOUT_MS, 500, 600_000),
    sqliteWriteWaitMs: intSetting(env, 'SQLITE_WRITE_WAIT_MS', DEFAULT_SQLITE_WRITE_WAIT_MS, 100, 120_000),
  };
}
