import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { csrfFrom, sessionCookie, signIn, submitForm } from '../../helpers/forms.js';
import { table, one } from '../../helpers/rows.js';

describe('sessions', () => {
  let t: TestApp;
  let orgId: number;
  let user: BuiltUser;
  let admin: BuiltUser;
  beforeEach(async () => {
    t = await buildTestApp();
    orgId = await buildOrganisation(t.db);
    user = await buildUser(t.db, orgId, { role: 'facilitator' });
    admin = await buildUser(t.db, orgId, { role: 'admin' });
  });
  afterEach(() => t.close());

  const signedIn = async (agent: ReturnType<typeof request.agent>) => (await agent.get('/')).text.includes('Logg ut');

  it('stores the session in the database with its user, and nothing for visitors', async () => {
    await request(t.app).get('/privacy').expect(200);
    expect(await t.services.sessionService.countForUser(user.id)).to.equal(0);
    expect((await table(t.db, 'sessions').count({ n: '*' }).first())?.n).to.satisfy((n: unknown) => Number(n) === 0);
    await signIn(t.app, user.email, user.password);
    expect(await t.services.sessionService.countForUser(user.id)).to.equal(1);
  });

  it('ends the session on the server at sign-out: the old cookie no longer works', async () => {
    const { agent, res } = await signIn(t.app, user.email, user.password);
    const cookie = sessionCookie(res)!;
    const out = await submitForm(agent, '/', '/logout', {});
    expect(out.status).to.equal(303);
    expect(out.headers.location).to.equal('/login');
    expect(await t.services.sessionService.countForUser(user.id)).to.equal(0);
    const replay = await request(t.app).get('/admin/users').set('Cookie', cookie).expect(303);
    expect(replay.headers.location).to.match(/^\/login/);
  });

  it('ends every session of a user when an admin deactivates them', async () => {
    const { agent: userAgent } = await signIn(t.app, user.email, user.password);
    await signIn(t.app, user.email, user.password);
    expect(await t.services.sessionService.countForUser(user.id)).to.equal(2);
    const { agent: adminAgent } = await signIn(t.app, admin.email, admin.password);
    const res = await submitForm(adminAgent, `/admin/users/${user.id}`, `/admin/users/${user.id}/deactivate`, {});
    expect(res.status).to.equal(303);
    expect(await t.services.sessionService.countForUser(user.id)).to.equal(0);
    expect(await signedIn(userAgent)).to.equal(false);
    const audit = await one(table(t.db, 'audit_events').where({ action: 'user.deactivated' }).first());
    expect(audit.entity_id).to.equal(user.id);
  });

  it('signs a user out everywhere when an admin asks', async () => {
    const { agent: userAgent } = await signIn(t.app, user.email, user.password);
    const { agent: adminAgent } = await signIn(t.app, admin.email, admin.password);
    await submitForm(adminAgent, `/admin/users/${user.id}`, `/admin/users/${user.id}/sign-out-everywhere`, {});
    expect(await signedIn(userAgent)).to.equal(false);
    expect(await signedIn(adminAgent)).to.equal(true);
  });

  it('times out after two idle hours', async () => {
    const { agent } = await signIn(t.app, user.email, user.password);
    t.clock.advance({ minutes: 119 });
    expect(await signedIn(agent)).to.equal(true);
    t.clock.advance({ minutes: 119 });
    expect(await signedIn(agent)).to.equal(true);
    t.clock.advance({ minutes: 121 });
    expect(await signedIn(agent)).to.equal(false);
  });

  it('ends after twelve hours however active the user is', async () => {
    const { agent } = await signIn(t.app, user.email, user.password);
    for (let hour = 0; hour < 11; hour += 1) {
      t.clock.advance({ minutes: 60 });
      expect(await signedIn(agent), `hour ${hour + 1}`).to.equal(true);
    }
    t.clock.advance({ minutes: 61 });
    expect(await signedIn(agent)).to.equal(false);
  });

  it('writes an unchanged session back at most once a minute', async () => {
    const { agent } = await signIn(t.app, user.email, user.password);
    const lastSeen = async () =>
      String((await table(t.db, 'sessions').where({ user_id: user.id }).first())!.last_seen_at);
    const before = await lastSeen();
    t.clock.advance({ seconds: 30 });
    await agent.get('/').expect(200);
    expect(await lastSeen()).to.equal(before);
    t.clock.advance({ seconds: 31 });
    await agent.get('/').expect(200);
    expect(await lastSeen()).to.not.equal(before);
  });
});

describe('changing passwords', () => {
  let t: TestApp;
  let orgId: number;
  beforeEach(async () => {
    t = await buildTestApp();
    orgId = await buildOrganisation(t.db);
  });
  afterEach(() => t.close());

  it('keeps a user with a temporary password on the change page until it is changed', async () => {
    const user = await buildUser(t.db, orgId, {
      mustChangePassword: true,
      name: 'Kari Nordmann',
      email: 'kari.nordmann@test.example',
    });
    const { agent, res } = await signIn(t.app, user.email, user.password);
    expect(res.headers.location).to.equal('/password/change');
    expect((await agent.get('/').expect(303)).headers.location).to.equal('/password/change');
    const change = (fields: Record<string, string>) =>
      submitForm(agent, '/password/change', '/password/change', fields);

    let r = await change({ currentPassword: user.password, newPassword: 'short', confirmPassword: 'short' });
    expect(r.status).to.equal(422);
    expect(r.text).to.contain('minst 12 tegn');
    r = await change({ currentPassword: user.password, newPassword: 'Password1234', confirmPassword: 'Password1234' });
    expect(r.status).to.equal(422);
    expect(r.text).to.contain('for vanlig');
    r = await change({
      currentPassword: user.password,
      newPassword: 'kari.nordmann-2026',
      confirmPassword: 'kari.nordmann-2026',
    });
    expect(r.status).to.equal(422);
    expect(r.text).to.contain('navnet eller e-postadressen');
    r = await change({
      currentPassword: user.password,
      newPassword: 'tre blå hester på isen',
      confirmPassword: 'tre blå hester på fjellet',
    });
    expect(r.status).to.equal(422);
    expect(r.text).to.contain('ikke like');
    r = await change({
      currentPassword: 'wrong current password',
      newPassword: 'tre blå hester på isen',
      confirmPassword: 'tre blå hester på isen',
    });
    expect(r.status).to.equal(422);
    expect(r.text).to.contain('nåværende passordet er feil');
    expect(r.text).to.not.contain('tre blå hester');

    r = await change({
      currentPassword: user.password,
      newPassword: 'tre blå hester på isen',
      confirmPassword: 'tre blå hester på isen',
    });
    expect(r.status).to.equal(303);
    expect(r.headers.location).to.equal('/');
    await agent.get('/').expect(200);
    expect((await signIn(t.app, user.email, 'tre blå hester på isen')).res.headers.location).to.equal('/');
    const row = await one(table(t.db, 'users').where({ id: user.id }).first());
    expect(Boolean(row.must_change_password)).to.equal(false);
  });

  it('ends the user’s other sessions when the password changes', async () => {
    const user = await buildUser(t.db, orgId);
    const { agent: other } = await signIn(t.app, user.email, user.password);
    const { agent } = await signIn(t.app, user.email, user.password);
    const r = await submitForm(agent, '/password/change', '/password/change', {
      currentPassword: user.password,
      newPassword: 'en helt ny lang frase',
      confirmPassword: 'en helt ny lang frase',
    });
    expect(r.status).to.equal(303);
    expect((await other.get('/admin/users')).status).to.equal(303);
    expect((await agent.get('/password/change')).status).to.equal(200);
    expect(await t.services.sessionService.countForUser(user.id)).to.equal(1);
  });
});

describe('CSRF protection', () => {
  let t: TestApp;
  let admin: BuiltUser;
  before(async () => {
    t = await buildTestApp();
    const orgId = await buildOrganisation(t.db);
    admin = await buildUser(t.db, orgId, { role: 'admin' });
  });
  after(() => t.close());

  it('answers 403 to a signed-in POST without a token, and changes nothing', async () => {
    const { agent } = await signIn(t.app, admin.email, admin.password);
    const res = await agent
      .post('/admin/users/new')
      .type('form')
      .send({ name: 'X', email: 'x@test.example', role: 'admin', locale: 'nb' });
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('Skjemaet er utløpt eller kom ikke fra Medvirk');
    expect(await table(t.db, 'users').where({ email: 'x@test.example' }).first()).to.equal(undefined);
  });

  it('answers 403 to a forged token', async () => {
    const { agent } = await signIn(t.app, admin.email, admin.password);
    const page = await agent.get('/admin/users/new');
    const token = csrfFrom(page.text);
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const res = await agent
      .post('/admin/users/new')
      .type('form')
      .send({ _csrf: forged, name: 'X', email: 'x@test.example', role: 'admin', locale: 'nb' });
    expect(res.status).to.equal(403);
  });

  it('brings a form with a stale token back with what was typed and a fresh token, changing nothing', async () => {
    const { agent } = await signIn(t.app, admin.email, admin.password);
    const page = await agent.get('/admin/users/new');
    const staleToken = csrfFrom(page.text);
    // signing in again (another tab) starts a new session: the open form's token is now stale
    await submitForm(agent, '/', '/login', { email: admin.email, password: admin.password });
    const res = await agent
      .post('/admin/users/new')
      .type('form')
      .send({ _csrf: staleToken, name: 'Ada Lovelace', email: 'ada@test.example', role: 'supervisor', locale: 'en' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/admin/users/new');
    expect(await table(t.db, 'users').where({ email: 'ada@test.example' }).first()).to.equal(undefined);
    const again = await agent.get('/admin/users/new').expect(200);
    expect(again.text).to.contain('value="Ada Lovelace"');
    expect(again.text).to.contain('value="ada@test.example"');
    expect(again.text).to.match(/<option value="supervisor" selected>/);
    expect(again.text).to.contain('Skjemaet var utløpt');
    const created = await agent
      .post('/admin/users/new')
      .type('form')
      .send({
        _csrf: csrfFrom(again.text),
        name: 'Ada Lovelace',
        email: 'ada@test.example',
        role: 'supervisor',
        locale: 'en',
      });
    expect(created.status).to.equal(303);
  });

  it('changes nothing on GET: signing out needs a POST', async () => {
    const { agent } = await signIn(t.app, admin.email, admin.password);
    const page = await agent.get('/logout').expect(200);
    expect(page.text).to.contain('Vil du logge ut');
    expect((await agent.get('/')).text).to.contain('Logg ut');
  });
});
