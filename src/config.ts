import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the folder that holds package.json, views/ and migrations/. */
export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type Locale = 'nb' | 'en';
export const locales: readonly Locale[] = ['nb', 'en'];

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
  trustProxy: boolean | number | string;
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
  smtpMaxConnections: number;
}

const DEV_SESSION_SECRET = 'development-only-session-secret-change-me';

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  const n = Number(raw);
  return Number.isInteger(n) ? n : raw;
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
  const host = env.HOST ?? '0.0.0.0';
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
    smtpMaxConnections: intSetting(env, 'SMTP_MAX_CONNECTIONS', 5, 1, 50),
  };
}
