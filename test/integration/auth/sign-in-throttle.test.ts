import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { csrfFrom } from '../../helpers/forms.js';
import { table, one } from '../../helpers/rows.js';

// Issue 15, finding 11: no hard lock of an account. Wrong passwords for one account from one address get a 429
// whose wait doubles with each further failure; other addresses are not affected; an IP-wide ceiling stays.
describe('the sign-in throttle', () => {
  let t: TestApp;
  let orgId: number;
  let user: BuiltUser;
  beforeEach(async () => {
    // one proxy in front: the address is the one the proxy appended to X-Forwarded-For
    t = await buildTestApp({ TRUST_PROXY: '1' });
    orgId = await buildOrganisation(t.db);
    user = await buildUser(t.db, orgId, { role: 'facilitator' });
  });
  afterEach(() => t.close());

  /** Signs in through the form from the given client address (and language). */
  async function attempt(ip: string, email: string, password: string, language = 'nb') {
    const agent = request.agent(t.app);
    const page = await agent.get('/login').set('X-Forwarded-For', ip).set('Accept-Language', language);
    return agent
      .post('/login')
      .set('X-Forwarded-For', ip)
      .set('Accept-Language', language)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email, password, returnTo: '/' });
  }

  it('answers 429 after five wrong passwords from one address, and the wait doubles with each further failure', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 5; i += 1) expect((await attempt(ip, user.email, `wrong password ${i}`)).status).to.equal(422);
    let res = await attempt(ip, user.email, user.password);
    expect(res.status).to.equal(429);
    expect(res.headers['retry-after']).to.equal('60');
    for (const wait of [120, 240, 480]) {
      t.clock.advance({ seconds: Number(res.headers['retry-after']) });
      expect((await attempt(ip, user.email, 'still the wrong password')).status).to.equal(422);
      res = await attempt(ip, user.email, user.password);
      expect(res.status).to.equal(429);
      expect(res.headers['retry-after']).to.equal(String(wait));
    }
    t.clock.advance({ seconds: 480 });
    expect((await attempt(ip, user.email, user.password)).status).to.equal(303);
    // a successful sign-in forgets that address's failures: five more mistakes before any wait
    for (let i = 0; i < 5; i += 1) expect((await attempt(ip, user.email, `wrong again ${i}`)).status).to.equal(422);
    expect((await attempt(ip, user.email, user.password)).status).to.equal(429);
  });

  it('never locks the account: the right password from another address works while one address waits', async () => {
    for (let i = 0; i < 12; i += 1) await attempt('203.0.113.7', user.email, `wrong password ${i}`);
    expect((await attempt('203.0.113.7', user.email, user.password)).status).to.equal(429);
    expect((await attempt('198.51.100.9', user.email, user.password)).status).to.equal(303);
    const row = await one(table(t.db, 'users').where({ id: user.id }).first());
    expect(row.active === true || row.active === 1).to.equal(true);
  });

  it('says when to try again in the language of the page', async () => {
    for (let i = 0; i < 5; i += 1) await attempt('203.0.113.7', user.email, `wrong password ${i}`);
    const nb = await attempt('203.0.113.7', user.email, user.password, 'nb');
    expect(nb.status).to.equal(429);
    expect(nb.text).to.contain('Prøv igjen om 1 minutt.');
    expect(nb.text).to.contain(`value="${user.email}"`);
    const en = await attempt('203.0.113.7', user.email, user.password, 'en');
    expect(en.status).to.equal(429);
    expect(en.text).to.contain('Try again in 1 minute.');
  });

  it('stops failed sign-ins from one address across accounts at the IP-wide ceiling, and other addresses go on', async () => {
    await t.close();
    t = await buildTestApp(
      { TRUST_PROXY: '1' },
      {
        signInLimits: {
          freeFailures: 5,
          firstDelaySeconds: 60,
          maxDelaySeconds: 3600,
          forgetHours: 24,
          ipFailures: 3,
          windowMinutes: 15,
        },
      },
    );
    orgId = await buildOrganisation(t.db);
    user = await buildUser(t.db, orgId);
    for (let i = 0; i < 3; i += 1) {
      expect((await attempt('203.0.113.7', `someone${i}@test.example`, 'wrong password here')).status).to.equal(422);
    }
    const res = await attempt('203.0.113.7', user.email, user.password);
    expect(res.status).to.equal(429);
    expect(Number(res.headers['retry-after'])).to.be.within(14 * 60, 15 * 60);
    expect((await attempt('198.51.100.9', user.email, user.password)).status).to.equal(303);
    t.clock.advance({ minutes: 15, seconds: 1 });
    expect((await attempt('203.0.113.7', user.email, user.password)).status).to.equal(303);
  });

  it('limits wrong current passwords on /password/change the same way, and audits each without the password', async () => {
    const agent = request.agent(t.app);
    const login = await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(login.text), email: user.email, password: user.password, returnTo: '/' })
      .expect(303);
    const change = async (current: string) => {
      const form = await agent.get('/password/change');
      return agent
        .post('/password/change')
        .type('form')
        .send({
          _csrf: csrfFrom(form.text),
          currentPassword: current,
          newPassword: 'a brand new passphrase for medvirk',
          confirmPassword: 'a brand new passphrase for medvirk',
        });
    };
    for (let i = 0; i < 5; i += 1) expect((await change(`wrong current ${i}`)).status).to.equal(422);
    const limited = await change(user.password);
    expect(limited.status).to.equal(429);
    expect(limited.headers['retry-after']).to.equal('60');
    expect(limited.text).to.contain('Prøv igjen om 1 minutt.');
    const events = await table(t.db, 'audit_events').where({ action: 'user.password_change_failed' });
    expect(events).to.have.length(5);
    expect(JSON.stringify(events)).to.not.contain('wrong current');
    t.clock.advance({ seconds: 60 });
    const done = await change(user.password);
    expect(done.status).to.equal(303);
  });
});
