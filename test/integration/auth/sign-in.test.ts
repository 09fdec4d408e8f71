import { expect } from 'chai';
import request from 'supertest';
import { DEFAULT_SIGN_IN_LIMITS } from '../../../src/features/auth/sign-in-policy.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { csrfFrom, sessionCookie, signIn } from '../../helpers/forms.js';
import { table } from '../../helpers/rows.js';

describe('signing in', () => {
  let t: TestApp;
  let orgId: number;
  let user: BuiltUser;
  beforeEach(async () => {
    t = await buildTestApp();
    orgId = await buildOrganisation(t.db);
    user = await buildUser(t.db, orgId, { role: 'facilitator' });
  });
  afterEach(() => t.close());

  it('signs in with the right password and shows the dashboard', async () => {
    const { agent, res } = await signIn(t.app, user.email, user.password);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/');
    const home = await agent.get('/').expect(200);
    expect(home.text).to.contain(`Velkommen, ${user.name}`);
  });

  it('accepts the e-mail address in any case and with spaces around it', async () => {
    const { res } = await signIn(t.app, `  ${user.email.toUpperCase()} `, user.password);
    expect(res.status).to.equal(303);
  });

  it('re-renders with 422, the same message for a wrong password and an unknown e-mail, and keeps the e-mail but not the password', async () => {
    const wrong = (await signIn(t.app, user.email, 'not the password at all')).res;
    const unknown = (await signIn(t.app, 'nobody@test.example', 'not the password at all')).res;
    expect(wrong.status).to.equal(422);
    expect(unknown.status).to.equal(422);
    const message = 'E-postadressen eller passordet er feil';
    expect(wrong.text).to.contain(message);
    expect(unknown.text).to.contain(message);
    expect(wrong.text).to.contain(`value="${user.email}"`);
    expect(wrong.text).to.not.contain('not the password at all');
    expect(wrong.text).to.contain('href="#email"');
  });

  it('re-renders with 422 when fields are empty or the password is overlong', async () => {
    const empty = (await signIn(t.app, '', '')).res;
    expect(empty.status).to.equal(422);
    expect(empty.text).to.contain('Skriv inn e-postadressen din');
    expect(empty.text).to.contain('Skriv inn passordet ditt');
    const long = (await signIn(t.app, user.email, 'x'.repeat(5000))).res;
    expect(long.status).to.equal(422);
    expect(long.text).to.contain('høyst 256 tegn');
  });

  it('answers 429 with when to try again after repeated failures, even with the right password', async () => {
    for (let i = 0; i < 5; i += 1)
      expect((await signIn(t.app, user.email, `wrong password ${i}`)).res.status).to.equal(422);
    const { res } = await signIn(t.app, user.email, user.password);
    expect(res.status).to.equal(429);
    // issue 15, finding 11: a short wait that doubles per further failure, not a 15-minute lock of the account
    expect(res.headers['retry-after']).to.equal('60');
    expect(res.text).to.contain('Prøv igjen om 1 minutt');
    expect(res.text).to.contain(`value="${user.email}"`);
    t.clock.advance({ minutes: 1 });
    expect((await signIn(t.app, user.email, user.password)).res.status).to.equal(303);
  });

  it('limits failures per IP address across accounts', async () => {
    await t.close();
    t = await buildTestApp({}, { signInLimits: { ...DEFAULT_SIGN_IN_LIMITS, freeFailures: 100, ipFailures: 3 } });
    orgId = await buildOrganisation(t.db);
    user = await buildUser(t.db, orgId);
    for (let i = 0; i < 3; i += 1) await signIn(t.app, `someone${i}@test.example`, 'wrong password here');
    expect((await signIn(t.app, user.email, user.password)).res.status).to.equal(429);
  });

  it('refuses a deactivated user with the same message as a wrong password', async () => {
    const gone = await buildUser(t.db, orgId, { active: false });
    const { res } = await signIn(t.app, gone.email, gone.password);
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('E-postadressen eller passordet er feil');
  });

  it('audits successful and failed sign-ins with ids only', async () => {
    await signIn(t.app, user.email, 'wrong password here');
    await signIn(t.app, 'nobody@test.example', 'wrong password here');
    await signIn(t.app, user.email, user.password);
    const events = await table(t.db, 'audit_events').orderBy('id');
    expect(events.map((e) => e.action)).to.deep.equal(['auth.sign_in_failed', 'auth.sign_in_failed', 'auth.signed_in']);
    expect(events[0]!.entity_id).to.equal(user.id);
    expect(JSON.parse(events[1]!.details)).to.deep.equal({ reason: 'unknown_account' });
    expect(JSON.stringify(events)).to.not.contain('nobody@');
    expect(JSON.stringify(events)).to.not.contain(user.email);
  });

  it('gives a new session id at sign-in, and the old one no longer works', async () => {
    const { agent, res } = await signIn(t.app, user.email, user.password);
    const first = sessionCookie(res)!;
    expect(first).to.be.a('string');
    const home = await agent.get('/');
    const again = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(home.text), email: user.email, password: user.password });
    expect(again.status).to.equal(303);
    const second = sessionCookie(again)!;
    expect(second).to.not.equal(first);
    const withOld = await request(t.app).get('/').set('Cookie', first).expect(200);
    expect(withOld.text).to.not.contain(user.name);
    expect(withOld.text).to.contain('Logg inn for ansatte');
  });

  it('treats a tampered session cookie as signed out, without an error', async () => {
    const { res } = await signIn(t.app, user.email, user.password);
    const cookie = sessionCookie(res)!;
    const tampered = cookie.slice(0, -3) + (cookie.endsWith('AAA') ? 'BBB' : 'AAA');
    const page = await request(t.app).get('/admin/users').set('Cookie', tampered);
    expect(page.status).to.equal(303);
    expect(page.headers.location).to.match(/^\/login/);
  });

  it('sends a signed-in user who opens /login to the dashboard', async () => {
    const { agent } = await signIn(t.app, user.email, user.password);
    const res = await agent.get('/login').expect(303);
    expect(res.headers.location).to.equal('/');
  });

  it('returns to the page asked for before signing in, never to another site', async () => {
    const admin = await buildUser(t.db, orgId, { role: 'admin' });
    const first = await request(t.app).get('/admin/audit?action=user.created').expect(303);
    expect(first.headers.location).to.equal('/login?returnTo=%2Fadmin%2Faudit%3Faction%3Duser.created');
    const agent = request.agent(t.app);
    const page = await agent.get(first.headers.location as string);
    expect(page.text).to.contain('value="/admin/audit?action=user.created"');
    const res = await agent
      .post('/login')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        email: admin.email,
        password: admin.password,
        returnTo: '/admin/audit?action=user.created',
      });
    expect(res.headers.location).to.equal('/admin/audit?action=user.created');
    const evil = await signIn(t.app, admin.email, admin.password);
    expect(evil.res.headers.location).to.equal('/');
  });
});
