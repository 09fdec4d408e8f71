import { loadConfig } from './config.js';
import { createDb, migrateLatest, waitForIdlePool } from './db.js';
import { createLogger } from './lib/logger.js';
import { systemClock } from './lib/clock.js';
import { createServices } from './services.js';
import { createApp } from './app.js';
import { seedDemoIfEmpty, DEMO_COLLEAGUE_LOGIN, DEMO_LOGINS } from '../seeds/demo.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const db = createDb(config);

const migrated = await migrateLatest(db);
logger.info('migrated', { ran: migrated.length, engine: config.databaseUrl ? 'pg' : 'sqlite' });
const seeded = config.seedDemo ? await seedDemoIfEmpty(db, config, systemClock) : false;

const services = createServices({ config, db, clock: systemClock, logger });
const app = createApp(services);
const server = app.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = typeof address === 'object' && address ? address.address : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // the operator's terminal, not a log line: the demo logins are public, documented demo data
  if (config.env === 'production') process.stdout.write(`\nMedvirk is running at ${url}\n`);
  else {
    process.stdout.write(
      `\nMedvirk is running in DEVELOPMENT MODE at ${url}.\n` +
        'The demo passwords and the session secret of this mode are public: it listens on 127.0.0.1 (this machine) ' +
        'unless HOST says otherwise. Never use it for real data; NODE_ENV=production is the mode for that.\n',
    );
  }
  if (seeded || (config.seedDemo && config.env !== 'production')) {
    process.stdout.write(`Demo organisation "Eksempel kommune" (development only). Sign in as:\n`);
    for (const login of [...DEMO_LOGINS, DEMO_COLLEAGUE_LOGIN])
      process.stdout.write(`  ${login.role.padEnd(12)} ${login.email}  /  ${login.password}\n`);
  }
  process.stdout.write('\n');
});
void services.runtime.mailSender.verify();
if (config.workerInApp) services.runtime.background.start();
else logger.info('worker.not_in_app');

server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.requestTimeout = 30_000;

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.info('shutdown', { signal });
  // the server closes once its connections have; a request whose client left still runs, so the pool waits for it
  server.close(() => {
    void services.runtime.background
      .stop()
      .then(() => services.runtime.mailSender.close())
      .then(() => waitForIdlePool(db, 8_000))
      .finally(() => db.destroy().finally(() => process.exit(0)));
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
