// The bench's ceiling: a bare Express 5 + EJS page, no session or other middleware, rendering 10 rows from
// one indexed SELECT through knex on the same database. Never a route of the app.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createDb } from '../../src/db.js';
import { table } from '../helpers/rows.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const db = createDb({ databaseUrl: process.env.DATABASE_URL || undefined, sqliteFile: process.env.SQLITE_FILE ?? '' });
const organisationId = Number(process.env.BENCH_ORG_ID ?? 1);

const app = express();
app.set('views', here);
app.set('view engine', 'ejs');
app.set('view cache', true);
app.get('/', async (_req, res) => {
  const rows = await table(db, 'representatives')
    .select('id', 'name')
    .where({ organisation_id: organisationId })
    .orderBy([{ column: 'sort_key' }, { column: 'id' }])
    .limit(10);
  res.render('ceiling', { rows });
});
app.get('/healthz', (_req, res) => {
  res.send('ok');
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () =>
  server.close(() => {
    void db.destroy().then(() => process.exit(0));
  }),
);
