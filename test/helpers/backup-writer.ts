// A separate process that writes to an SQLite database through the app's own set-up (WAL, synchronous=FULL) and
// prints the id of each row once its transaction has committed: an acknowledged write. Used by
// test/integration/platform/backup.test.ts.
//   tsx test/helpers/backup-writer.ts FILE [MAX]
// Writes until SIGTERM (then closes the database and exits), or writes MAX rows, prints "done" and waits to be
// killed (a crash that leaves the -wal behind).
import { createDb, insertReturningIds } from '../../src/db.js';

const file = process.argv[2];
const max = process.argv[3] ? Number(process.argv[3]) : Infinity;
if (!file) throw new Error('usage: backup-writer.ts FILE [MAX]');
const db = createDb({ databaseUrl: undefined, sqliteFile: file });
let stopping = false;
let waiting = false;
process.on('SIGTERM', () => {
  stopping = true;
  if (waiting) process.exit(0);
});

let written = 0;
while (!stopping && written < max) {
  const at = new Date().toISOString();
  const [id] = await insertReturningIds(db, 'job_runs', [
    { job: 'backup-writer', worker_id: `writer-${process.pid}`, started_at: at, finished_at: at, counts: '{}' },
  ]);
  written += 1;
  // standard output to a pipe is written synchronously: once the line is out, the commit was acknowledged
  process.stdout.write(`${id}\n`);
  // better-sqlite3 answers synchronously: without a turn of the event loop the SIGTERM handler would never run
  await new Promise((resolve) => setImmediate(resolve));
}
if (stopping) {
  await db.destroy();
} else {
  waiting = true;
  process.stdout.write('done\n');
  setInterval(() => undefined, 60_000);
}
