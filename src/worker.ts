import { loadConfig } from './config.js';
import { createDb, migrateLatest } from './db.js';
import { createLogger } from './lib/logger.js';
import { systemClock } from './lib/clock.js';
import { createServices } from './services.js';

// `npm run worker`: the outbox worker and the scheduled jobs without the web server, for installations that run
// them apart from the app instances (set WORKER_IN_APP=false on those). Any number may run at once.
const config = loadConfig();
const logger = createLogger(config.logLevel);
const db = createDb(config);
await migrateLatest(db);
const services = createServices({ config, db, clock: systemClock, logger });
await services.runtime.mailSender.verify();
services.runtime.background.start();
logger.info('worker.started', { workerId: services.runtime.workerId });

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.info('worker.stopping', { signal });
  void services.runtime.background
    .stop()
    .then(() => services.runtime.mailSender.close())
    .finally(() => db.destroy().finally(() => process.exit(0)));
  setTimeout(() => process.exit(0), 30_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
