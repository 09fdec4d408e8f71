import type { Express } from 'express';
import type { Config } from '../../src/config.js';
import { createDb, type Db } from '../../src/db.js';
import { ManualClock } from '../../src/lib/clock.js';
import { createLogger, type Logger } from '../../src/lib/logger.js';
import type { SignInLimits } from '../../src/features/auth/auth.service.js';
import type { ResetLimits } from '../../src/features/auth/password-reset.service.js';
import type { DeliveryOptions } from '../../src/features/outbox/outbox.worker.js';
import { createServices, type Services } from '../../src/services.js';
import { createApp } from '../../src/app.js';
import { testConfig } from './db.js';

export interface TestApp {
  app: Express;
  services: Services;
  db: Db;
  clock: ManualClock;
  config: Config;
  close(): Promise<void>;
}

export interface TestAppOptions {
  logger?: Logger;
  signInLimits?: SignInLimits;
  resetLimits?: ResetLimits;
  delivery?: Partial<DeliveryOptions>;
  /** Another instance on the database of an app already built (its own connection pool, services and worker). */
  sameDatabaseAs?: TestApp;
  /**
   * With sameDatabaseAs: share its knex instance instead of opening a pool. Needed on SQLite, where two
   * connections in one process deadlock (better-sqlite3 waits for a lock synchronously, blocking the event loop
   * that would release it); separate processes, as in production, each have their own.
   */
  shareDb?: boolean;
  clock?: ManualClock;
}

/** The real app on a fresh migrated database, with a clock the test can move. */
export async function buildTestApp(env: NodeJS.ProcessEnv = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const config = options.sameDatabaseAs ? { ...options.sameDatabaseAs.config } : await testConfig(env);
  const shared = options.shareDb && options.sameDatabaseAs ? options.sameDatabaseAs.db : undefined;
  const db = shared ?? createDb(config, { poolMax: 4 });
  const clock = options.clock ?? new ManualClock(new Date().toISOString());
  const services = createServices({
    config,
    db,
    clock,
    logger: options.logger ?? createLogger('silent'),
    signInLimits: options.signInLimits,
    resetLimits: options.resetLimits,
    delivery: options.delivery,
  });
  const app = createApp(services);
  const close = async () => {
    services.runtime.mailSender.close();
    if (!shared) await db.destroy();
  };
  return { app, services, db, clock, config, close };
}
