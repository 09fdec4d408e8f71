import { expect } from 'chai';
import request from 'supertest';
import { migrateLatest, migrationConfig } from '../../../src/db.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { testEngine } from '../../helpers/db.js';

// Issue 19, item 3: /readyz says whether the installation can take traffic (/healthz stays liveness): 503 while a
// migration this code ships has not run or the database does not answer, 200 otherwise; a short JSON status with no
// personal data, within a second. The SQLite write stall is in sqlite-write-lock.test.ts, the PostgreSQL outage in
// database-outage.test.ts.

describe(`/readyz (${testEngine})`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(() => t.close());

  it('answers 200 with a short status when the database answers and every migration has run', async () => {
    const res = await request(t.app).get('/readyz').expect(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.body).to.deep.equal({ status: 'ready', database: 'up', migrations: 'current', writes: 'ok' });
  });

  it('answers 503 while a migration is pending, and 200 once it has run; /healthz stays 200 meanwhile', async () => {
    await t.db.migrate.down(migrationConfig);
    const pending = await request(t.app).get('/readyz').expect(503);
    expect(pending.body).to.deep.equal({ status: 'unavailable', database: 'up', migrations: 'pending', writes: 'ok' });
    await request(t.app).get('/healthz').expect(200);
    expect(await migrateLatest(t.db)).to.have.length(1);
    await request(t.app).get('/readyz').expect(200);
  });

  it('answers 503 within a second while the database is gone, and 200 when it is back', async () => {
    await t.db.destroy();
    const start = performance.now();
    const down = await request(t.app).get('/readyz').expect(503);
    expect(performance.now() - start).to.be.below(1000);
    expect(down.body).to.deep.equal({
      status: 'unavailable',
      database: 'down',
      migrations: 'unknown',
      writes: 'unknown',
    });
    t.db.initialize();
    await request(t.app).get('/readyz').expect(200);
  });
});
