// What the operator's commands share (org:create, org:allow-passwords, user:reset-mfa, user:reset-password): the
// app's services on the configured database, migrated first; a refusal printed as one line and exit code 1.
import { loadConfig } from '../config.js';
import { createDb, migrateLatest } from '../db.js';
import { systemClock } from '../lib/clock.js';
import { createLogger } from '../lib/logger.js';
import { createServices, type Services } from '../services.js';

/** One line to the operator. */
export const say = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

/** Runs a command with the services; its error's message is printed (no stack) and the exit code is 1. */
export async function withServices(work: (services: Services) => Promise<void>): Promise<void> {
  const config = loadConfig();
  const db = createDb(config);
  try {
    await migrateLatest(db);
    await work(createServices({ config, db, clock: systemClock, logger: createLogger('error') }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}
