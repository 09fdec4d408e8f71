import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { errorHandler } from '../../../src/middleware/errors.js';
import { localeMiddleware } from '../../../src/middleware/locale.js';
import { createLogger } from '../../../src/lib/logger.js';
import { configureViews } from '../../../src/app.js';

describe('bad input and failures', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('answers an unknown route with a 404 page in the visitor language', async () => {
    const res = await request(t.app).get('/no/such/page').set('Accept-Language', 'en').expect(404);
    expect(res.text).to.contain('Page not found');
    expect(res.text).to.match(/<html lang="en"/);
  });

  it('answers a malformed URL with a clear page, not a stack trace, and keeps serving', async () => {
    for (const url of ['/%E0%A4%A', '/assets/%', '/privacy/%ZZ']) {
      const res = await request(t.app).get(url);
      expect(res.status, url).to.be.oneOf([400, 404]);
      expect(res.text).to.not.match(/at .*\.(ts|js):\d+/);
      expect(res.text).to.contain('<main');
    }
    await request(t.app).get('/privacy').expect(200);
  });

  it('answers an oversized form with 413 and a message saying so', async () => {
    const agent = request.agent(t.app);
    await agent.get('/').expect(200);
    const res = await agent
      .post('/language')
      .type('form')
      .send({ lang: 'en', filler: 'x'.repeat(1_100_000) })
      .expect(413);
    expect(res.text).to.contain('for stort');
    await agent.get('/').expect(200);
  });

  it('shows a friendly page without a stack trace when a handler throws', async () => {
    const app = express();
    configureViews(app, false);
    app.use(localeMiddleware(t.config));
    app.get('/boom', () => {
      throw new Error('secret detail: Kari Nordmann, kari@example.no');
    });
    app.use(errorHandler({ ...t.config, env: 'production' }, createLogger('silent')));
    const res = await request(app).get('/boom').set('Accept-Language', 'en').expect(500);
    expect(res.text).to.contain('Something went wrong');
    expect(res.text).to.not.contain('secret detail');
    expect(res.text).to.not.contain('Kari');
  });
});

describe('/healthz', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('answers 200 when the database answers', async () => {
    const res = await request(t.app).get('/healthz').expect(200);
    expect(res.body).to.deep.equal({ status: 'ok', database: 'up' });
  });

  it('answers 503 while the database is gone and 200 again when it is back, and other pages keep working', async () => {
    await t.db.destroy();
    const down = await request(t.app).get('/healthz').expect(503);
    expect((down.body as { database: string }).database).to.equal('down');
    await request(t.app).get('/privacy').expect(200);
    t.db.initialize();
    await request(t.app).get('/healthz').expect(200);
  });
});
