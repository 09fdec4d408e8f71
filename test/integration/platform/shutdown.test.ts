import { expect } from 'chai';
import { createDb, waitForIdlePool, type Db } from '../../../src/db.js';
import { testConfig, testEngine } from '../../helpers/db.js';

describe(`shutting down with a request still running (${testEngine})`, () => {
  let db: Db;
  beforeEach(async () => {
    db = createDb(await testConfig());
  });
  afterEach(() => db.destroy());

  it('when a query holds a connection, then the pool is not idle until it lets go', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const running = db.transaction(async (trx) => {
      await trx('organisations').count({ n: '*' });
      await held;
    });
    // the transaction has its connection once its first query ran
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await waitForIdlePool(db, 120, 10)).to.equal(false);
    release();
    await running;
    expect(await waitForIdlePool(db, 1000, 10)).to.equal(true);
  });

  it('when nothing runs, then the pool is idle at once', async () => {
    expect(await waitForIdlePool(db, 0)).to.equal(true);
  });
});
