// npm run db:migrate | db:rollback | db:seed | db:reset — the same knex setup as the app.
import { loadConfig } from '../config.js';
import { createDb, migrateLatest, migrationConfig } from '../db.js';
import { systemClock } from '../lib/clock.js';
import { seedDemo, seedDemoIfEmpty } from '../../seeds/demo.js';

const command = process.argv[2];
const config = loadConfig();
const db = createDb(config);
const say = (text: string) => process.stdout.write(`${text}\n`);

try {
  switch (command) {
    case 'migrate': {
      const ran = await migrateLatest(db);
      say(ran.length ? `Migrated: ${ran.join(', ')}` : 'Already up to date');
      break;
    }
    case 'rollback': {
      const [, log] = (await db.migrate.rollback(migrationConfig)) as [number, string[]];
      say(log.length ? `Rolled back: ${log.join(', ')}` : 'Nothing to roll back');
      break;
    }
    case 'seed': {
      await migrateLatest(db);
      // refused (an error, exit code 1) in production and on a database that holds data: nothing is written
      await seedDemo(db, config, systemClock);
      say('Seeded the demo organisation "Eksempel kommune" (development only); sign in as facilitator@example.no');
      break;
    }
    case 'reset': {
      if (config.env === 'production') throw new Error('db:reset is refused in production');
      await db.migrate.rollback(migrationConfig, true);
      await migrateLatest(db);
      if (config.seedDemo) await seedDemoIfEmpty(db, config, systemClock);
      say('Database reset: all migrations rolled back and run again, demo data seeded');
      break;
    }
    default:
      say('usage: tsx src/cli/db.ts migrate|rollback|seed|reset');
      process.exitCode = 2;
  }
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
