import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { csrfFrom } from '../../helpers/forms.js';
import { testEngine } from '../../helpers/db.js';

/** "name=value" pairs of every cookie a response set, joined for a Cookie header. */
const cookiesOf = (...responses: { headers: Record<string, unknown> }[]) =>
  responses
    .flatMap((res) => (res.headers['set-cookie'] as string[] | undefined) ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');

// Issue 15, finding 2. On PostgreSQL each instance has its own connection pool, as two servers would, so the
// requests really run in parallel; on SQLite (one connection per process) the two instances share this process's
// connection, and the requests still interleave at every await (scrypt runs off the event loop).
describe(`sign-in limits under parallel requests to two app instances (${testEngine})`, () => {
  let a: TestApp;
  let b: TestApp;
  let user: BuiltUser;
  beforeEach(async () => {
    a = await buildTestApp();
    b = await buildTestApp({}, { sameDatabaseAs: a, clock: a.clock, shareDb: testEngine === 'sqlite' });
    const orgId = await buildOrganisation(a.db);
    user = await buildUser(a.db, orgId, { role: 'facilitator' });
  });
  afterEach(async () => {
    await b.close();
    await a.close();
  });

  it('checks at most five of 20 parallel wrong passwords for one account and answers the rest with 429', async () => {
    // every request gets its own browser (CSRF cookie and token) first, then all 20 go at once
    const forms = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const app = i % 2 === 0 ? a.app : b.app;
        const page = await request(app).get('/login');
        return { app, cookie: cookiesOf(page), csrf: csrfFrom(page.text) };
      }),
    );
    const responses = await Promise.all(
      forms.map(({ app, cookie, csrf }, i) =>
        request(app)
          .post('/login')
          .set('Cookie', cookie)
          .type('form')
          .send({ _csrf: csrf, email: user.email, password: `wrong password number ${i}` }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    const checked = statuses.filter((s) => s === 422).length;
    expect(checked, `statuses ${statuses.join(',')}`).to.be.within(1, 5);
    expect(statuses.filter((s) => s === 429).length).to.equal(20 - checked);
    for (const res of responses.filter((r) => r.status === 429)) {
      expect(Number(res.headers['retry-after'])).to.be.greaterThan(0);
    }
    // the right password from the same address now waits too (no attempt slipped past the reservation)
    const page = await request(a.app).get('/login');
    const right = await request(b.app)
      .post('/login')
      .set('Cookie', cookiesOf(page))
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: user.email, password: user.password });
    expect(right.status).to.equal(429);
  });

  it('checks at most five of 20 parallel wrong current passwords on /password/change, audits each check, and answers the rest with 429', async () => {
    const agent = request.agent(a.app);
    const loginPage = await agent.get('/login');
    const signedIn = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(loginPage.text), email: user.email, password: user.password, returnTo: '/' })
      .expect(303);
    const form = await agent.get('/password/change').expect(200);
    const cookie = cookiesOf(loginPage, signedIn, form);
    const csrf = csrfFrom(form.text);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(i % 2 === 0 ? a.app : b.app)
          .post('/password/change')
          .set('Cookie', cookie)
          .type('form')
          .send({
            _csrf: csrf,
            currentPassword: `wrong current password ${i}`,
            newPassword: 'a brand new passphrase for medvirk',
            confirmPassword: 'a brand new passphrase for medvirk',
          }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    const checked = statuses.filter((s) => s === 422).length;
    expect(checked, `statuses ${statuses.join(',')}`).to.be.within(1, 5);
    expect(statuses.filter((s) => s === 429).length).to.equal(20 - checked);
    const audited = await a.db('audit_events').where({ action: 'user.password_change_failed' });
    expect(audited).to.have.length(checked);
    expect(audited.every((e: { entity_id: number }) => e.entity_id === user.id)).to.equal(true);
    expect(JSON.stringify(audited)).to.not.contain(user.email);
  });
});
