import { prepareTemplate, dropAll } from './db.js';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    await prepareTemplate();
  },
  async afterAll(this: Mocha.Context) {
    // a few hundred databases on PostgreSQL: each DROP waits for a checkpoint
    this.timeout(300_000);
    await dropAll();
  },
};
