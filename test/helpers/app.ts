import type { Express } from 'express';
import type { Config } from '../../src/config.js';
import { createDb, type Db } from '../../src/db.js';
import { ManualClock } from '../../src/lib/clock.js';
import { createLogger, type Logger } from '../../src/lib/logger.js';
import type { SignInLimits } from '../../src/features/auth/auth.service.js';
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

/** The real app on a fresh migrated database, with a clock the test can move. */
export async function buildTestApp(
  env: NodeJS.ProcessEnv = {},
  options: { logger?: Logger; signInLimits?: SignInLimits } = {},
): Promise<TestApp> {
  const config = await testConfig(env);
  const db = createDb(config, { poolMax: 4 });
  const clock = new ManualClock(new Date().toISOString());
  const services = createServices({
    config,
    db,
    clock,
    logger: options.logger ?? createLogger('silent'),
    signInLimits: options.signInLimits,
  });
  const app = createApp(services);
  return { app, services, db, clock, config, close: () => db.destroy() };
}
