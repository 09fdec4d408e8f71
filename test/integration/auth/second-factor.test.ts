import { expect } from 'chai';
import request, { type Response } from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';
import { totpCode } from '../../../src/features/auth/totp.js';
import { ROUTES } from '../access/routes.js';
import { walkIds } from '../../helpers/supervisor-walk.js';

const SECRET_TEXT = /<code id="totp-secret">([A-Z2-7 ]+)<\/code>/;
/** Reads a response body as text whatever its type (supertest leaves an SVG image unparsed). */
const asText = (res: Response, done: (err: Error | null, body: string) => void) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (body += chunk));
  res.on('end', () => done(null, body));
};
const RECOVERY = /<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g;

describe('the second factor: set-up, the code step of sign-in, recovery codes, the requirement and resets', () => {
  let t: TestApp;
  let org: number;
  let kari: BuiltUser;
  let admin: BuiltUser;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db);
    kari = await buildUser(t.db, org, {
      role: 'facilitator',
      email: 'kari@test.example',
      name: 'Kari Nordmann',
      locale: 'en',
    });
    admin = await buildUser(t.db, org, { role: 'admin', email: 'admin@test.example', locale: 'en' });
  });
  afterEach(() => t.close());

  const now = () => t.clock.now().toMillis();
  const audits = (action: string) => table(t.db, 'audit_events').where({ action }).orderBy('id');

  /** Signs in, starts the set-up and reads the secret from the page (as a person would type it into an app). */
  async function startSetUp(user: BuiltUser): Promise<{ agent: Agent; secret: string }> {
    const { agent } = await signIn(t.app, user.email, user.password);
    const start = await submitForm(agent, '/account/security', '/account/security/totp/start', {});
    expect(start.status).to.equal(303);
    expect(start.headers.location).to.equal('/account/security/totp');
    const page = await agent.get('/account/security/totp').expect(200);
    const secret = SECRET_TEXT.exec(page.text)?.[1]?.replace(/ /g, '');
    expect(secret, 'the secret shown as text').to.match(/^[A-Z2-7]{32}$/);
    return { agent, secret: secret! };
  }

  /** Sets up an app for the user; returns the secret and the recovery codes shown once. */
  async function setUp(user: BuiltUser): Promise<{ secret: string; codes: string[] }> {
    const { agent, secret } = await startSetUp(user);
    const done = await submitForm(agent, '/account/security/totp', '/account/security/totp', {
      code: totpCode(secret, now()),
    });
    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal('/account/security/recovery-codes');
    const shown = await agent.get('/account/security/recovery-codes').expect(200);
    const codes = [...shown.text.matchAll(RECOVERY)].map((m) => m[1]!);
    return { secret, codes };
  }

  /** Signs in with the password; the answer leads to the code step. */
  async function password(user: BuiltUser): Promise<Agent> {
    const { agent, res } = await signIn(t.app, user.email, user.password);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/login/second-factor');
    return agent;
  }

  const code = (agent: Agent, value: string) =>
    submitForm(agent, '/login/second-factor', '/login/second-factor', { code: value });

  it('sets up an app from a QR code and the secret as text, confirmed with a first code; recovery codes shown once', async () => {
    const { agent, secret } = await startSetUp(kari);
    const qr = await agent.get('/account/security/totp/qr.svg').buffer(true).parse(asText).expect(200);
    expect(qr.headers['content-type']).to.match(/^image\/svg\+xml/);
    expect(qr.headers['cache-control']).to.equal('no-store');
    expect(qr.body).to.match(/^<svg/);
    // the QR code belongs to this session's set-up: another user's session has none
    const other = await signIn(t.app, admin.email, admin.password);
    await other.agent.get('/account/security/totp/qr.svg').expect(404);

    const wrong = await submitForm(agent, '/account/security/totp', '/account/security/totp', { code: '000000' });
    expect(wrong.status).to.equal(422);
    expect(wrong.text).to.contain('The code is not right');
    expect(await table(t.db, 'user_second_factors')).to.have.length(0);
    expect(await audits('user.second_factor_setup_failed')).to.have.length(1);

    const right = await submitForm(agent, '/account/security/totp', '/account/security/totp', {
      code: totpCode(secret, now()),
    });
    expect(right.headers.location).to.equal('/account/security/recovery-codes');
    const shown = await agent.get('/account/security/recovery-codes').expect(200);
    expect(shown.headers['cache-control']).to.equal('no-store');
    const codes = [...shown.text.matchAll(RECOVERY)].map((m) => m[1]!);
    expect(codes).to.have.length(10);
    expect(new Set(codes).size).to.equal(10);
    // shown once: the next visit goes back to the security page
    const again = await agent.get('/account/security/recovery-codes').expect(303);
    expect(again.headers.location).to.equal('/account/security');
    const stored = await table(t.db, 'user_recovery_codes').where({ user_id: kari.id });
    expect(stored).to.have.length(10);
    for (const row of stored) expect(codes.map((c) => c.replace('-', ''))).not.to.include(row.code_hash);
    const factor = await one(table(t.db, 'user_second_factors').where({ user_id: kari.id }).first());
    expect(factor.secret).to.equal(secret);
    expect((await audits('user.second_factor_added'))[0]!.actor_user_id).to.equal(kari.id);
    const page = await agent.get('/account/security').expect(200);
    expect(page.text).to.contain('On (authenticator app)');
  });

  it('asks for a code after the password; nobody is signed in until it is right, and a code works once', async () => {
    const { secret } = await setUp(kari);
    t.clock.advance({ minutes: 2 });
    const agent = await password(kari);
    // the password alone signs nobody in
    const home = await agent.get('/projects').expect(303);
    expect(home.headers.location).to.match(/^\/login/);
    expect(await audits('auth.password_accepted')).to.have.length(1);
    const step = await agent.get('/login/second-factor').expect(200);
    expect(step.text).to.contain('autocomplete="one-time-code"');

    const valid = totpCode(secret, now());
    // a code from five minutes ago (not within one step of now) is wrong
    const old = await code(agent, totpCode(secret, now() - 5 * 60_000));
    expect(old.status).to.equal(422);
    expect(old.text).to.contain('The code is not right');
    const ok = await code(agent, valid.replace(/(\d{3})/, '$1 '));
    expect(ok.status).to.equal(303);
    expect(ok.headers.location).to.equal('/');
    await agent.get('/').expect(200);
    const signedIn = await audits('auth.signed_in');
    expect(JSON.parse(signedIn[signedIn.length - 1]!.details)).to.deep.equal({ method: 'password_totp' });

    // the same code again, in a second browser within its 30 seconds: refused as used
    const second = await password(kari);
    const replay = await code(second, valid);
    expect(replay.status).to.equal(422);
    expect(replay.text).to.contain('This code has been used already');
    const failed = await audits('auth.second_factor_failed');
    expect(failed.map((a) => JSON.parse(a.details) as { reason: string })).to.deep.equal([
      { reason: 'wrong' },
      { reason: 'reused' },
    ]);
    await second.get('/projects').expect(303);
    // the next step's code works
    t.clock.advance({ seconds: 30 });
    expect((await code(second, totpCode(secret, now()))).status).to.equal(303);
    await second.get('/').expect(200);
    // one step of drift either way is accepted: the phone's clock 30 seconds behind
    t.clock.advance({ seconds: 60 });
    const third = await password(kari);
    expect((await code(third, totpCode(secret, now() - 30_000))).status).to.equal(303);
  });

  it('signs in with a recovery code once; a used one is refused and the count left is shown', async () => {
    const { codes } = await setUp(kari);
    const agent = await password(kari);
    const ok = await code(agent, codes[0]!.toUpperCase());
    expect(ok.status).to.equal(303);
    const home = await agent.get('/').expect(200);
    expect(home.text).to.contain('You have 9 left');
    expect(await audits('auth.recovery_code_used')).to.have.length(1);
    const signedIn = await audits('auth.signed_in');
    expect(JSON.parse(signedIn[signedIn.length - 1]!.details)).to.deep.equal({ method: 'password_recovery' });

    const again = await password(kari);
    const reused = await code(again, codes[0]!);
    expect(reused.status).to.equal(422);
    expect(reused.text).to.contain('This code has been used already');
    const unknown = await code(again, 'abcde-fghjk');
    expect(unknown.status).to.equal(422);
    expect(unknown.text).to.contain('The code is not right');
    const empty = await code(again, '   ');
    expect(empty.status).to.equal(422);
    expect(empty.text).to.contain('Type the code.');
  });

  it('throttles wrong codes like passwords (429 with Retry-After) and forgets the code step after ten minutes', async () => {
    const { secret } = await setUp(kari);
    const agent = await password(kari);
    let last = await code(agent, '111111');
    for (let i = 0; i < 10 && last.status !== 429; i++) last = await code(agent, '111111');
    expect(last.status).to.equal(429);
    expect(Number(last.headers['retry-after'])).to.be.greaterThan(0);
    // even the right code waits while the key is blocked
    expect((await code(agent, totpCode(secret, now()))).status).to.equal(429);

    t.clock.advance({ hours: 2 });
    const late = await password(kari);
    const csrf = csrfFrom((await late.get('/login/second-factor').expect(200)).text);
    const sessions = async () => (await table(t.db, 'sessions').where({ user_id: kari.id })).length;
    const before = await sessions();
    t.clock.advance({ minutes: 11 });
    const expired = await late
      .post('/login/second-factor')
      .type('form')
      .send({ _csrf: csrf, code: totpCode(secret, now()) });
    expect(expired.status).to.equal(303);
    expect(expired.headers.location).to.equal('/login');
    await late.get('/projects').expect(303);
    expect(await sessions()).to.equal(before - 1);
  });

  it('with the requirement on, a user without a second factor is kept on the set-up page until they have one', async () => {
    const { secret: adminSecret } = await setUp(admin);
    t.clock.advance({ seconds: 30 });
    const adminAgent = await password(admin);
    await code(adminAgent, totpCode(adminSecret, now()));
    const saved = await submitForm(adminAgent, '/admin/settings', '/admin/settings/sign-in', {
      requireSecondFactor: 'on',
    });
    expect(saved.status).to.equal(303);
    // the setting round-trips: shown ticked, saved again unchanged, then unticked
    const ticked = /<input[^>]*name="requireSecondFactor"[^>]*>/.exec(
      (await adminAgent.get('/admin/settings').expect(200)).text,
    )![0];
    expect(ticked).to.contain('checked');
    await submitForm(adminAgent, '/admin/settings', '/admin/settings/sign-in', { requireSecondFactor: 'on' });
    expect(await audits('organisation.second_factor_required')).to.have.length(1);

    const { agent, res } = await signIn(t.app, kari.email, kari.password);
    expect(res.headers.location).to.equal('/');
    for (const path of ['/', '/projects', '/representatives', '/account']) {
      const r = await agent.get(path).expect(303);
      expect(r.headers.location, path).to.equal('/account/security');
    }
    const page = await agent.get('/account/security').expect(200);
    expect(page.text).to.contain('Set up a second factor to go on');
    const start = await submitForm(agent, '/account/security', '/account/security/totp/start', {});
    expect(start.headers.location).to.equal('/account/security/totp');
    const secret = SECRET_TEXT.exec((await agent.get('/account/security/totp').expect(200)).text)![1]!.replace(
      / /g,
      '',
    );
    await submitForm(agent, '/account/security/totp', '/account/security/totp', { code: totpCode(secret, now()) });
    await agent.get('/account/security/recovery-codes').expect(200);
    await agent.get('/projects').expect(200);

    // while required, it cannot be turned off
    t.clock.advance({ seconds: 30 });
    const off = await submitForm(agent, '/account/security', '/account/security/totp/off', {
      code: totpCode(secret, now()),
    });
    expect(off.status).to.equal(422);
    expect(await table(t.db, 'user_second_factors').where({ user_id: kari.id })).to.have.length(1);

    await submitForm(adminAgent, '/admin/settings', '/admin/settings/sign-in', {});
    const unticked = /<input[^>]*name="requireSecondFactor"[^>]*>/.exec(
      (await adminAgent.get('/admin/settings').expect(200)).text,
    )![0];
    expect(unticked).not.to.contain('checked');
    expect(await audits('organisation.second_factor_required')).to.have.length(2);
  });

  it('turns one’s own second factor off with a code, and makes new recovery codes (the old ones stop working)', async () => {
    const { secret, codes } = await setUp(kari);
    const { agent } = await signIn(t.app, kari.email, kari.password).then(async (s) => {
      t.clock.advance({ seconds: 30 });
      await code(s.agent, totpCode(secret, now()));
      return s;
    });
    // renewing asks for a code: a browser left signed in is not enough
    const noCode = await submitForm(agent, '/account/security', '/account/security/recovery-codes', {});
    expect(noCode.status).to.equal(422);
    t.clock.advance({ seconds: 30 });
    const renewed = await submitForm(agent, '/account/security', '/account/security/recovery-codes', {
      code: totpCode(secret, now()),
    });
    expect(renewed.headers.location).to.equal('/account/security/recovery-codes');
    const fresh = [...(await agent.get('/account/security/recovery-codes').expect(200)).text.matchAll(RECOVERY)];
    expect(fresh).to.have.length(10);
    const wrong = await submitForm(agent, '/account/security', '/account/security/totp/off', { code: codes[0]! });
    expect(wrong.status).to.equal(422);
    const off = await submitForm(agent, '/account/security', '/account/security/totp/off', { code: fresh[0]![1]! });
    expect(off.status).to.equal(303);
    expect(await table(t.db, 'user_second_factors')).to.have.length(0);
    expect(await table(t.db, 'user_recovery_codes')).to.have.length(0);
    const { res } = await signIn(t.app, kari.email, kari.password);
    expect(res.headers.location).to.equal('/');
  });

  it('an admin resets a user’s second factor: audited, their sessions end, they are told by e-mail', async () => {
    await setUp(kari);
    const adminAgent = (await signIn(t.app, admin.email, admin.password)).agent;
    const list = await adminAgent.get('/admin/users').expect(200);
    expect(list.text).to.contain('Password and second factor');
    const shown = await adminAgent.get(`/admin/users/${kari.id}`).expect(200);
    expect(shown.text).to.contain(`/admin/users/${kari.id}/reset-second-factor`);
    expect(await table(t.db, 'sessions').where({ user_id: kari.id })).to.have.length(1);

    const reset = await submitForm(
      adminAgent,
      `/admin/users/${kari.id}`,
      `/admin/users/${kari.id}/reset-second-factor`,
      {},
    );
    expect(reset.status).to.equal(303);
    expect(await table(t.db, 'user_second_factors')).to.have.length(0);
    expect(await table(t.db, 'sessions').where({ user_id: kari.id })).to.have.length(0);
    const audit = await one(audits('user.second_factor_reset').first());
    expect([audit.actor_user_id, audit.entity_id]).to.deep.equal([admin.id, kari.id]);
    const mail = await one(table(t.db, 'outbox_messages').where({ kind: 'second_factor_reset' }).first());
    expect(mail.to_address).to.equal(kari.email);
    const { res } = await signIn(t.app, kari.email, kari.password);
    expect(res.headers.location).to.equal('/');

    // one's own is not reset here
    const self = await submitForm(
      adminAgent,
      `/admin/users/${admin.id}`,
      `/admin/users/${admin.id}/reset-second-factor`,
      {},
    );
    expect(self.status).to.equal(422);
    // and a user without one: nothing to reset, said so (409), nothing audited
    const again = await submitForm(
      adminAgent,
      `/admin/users/${kari.id}`,
      `/admin/users/${kari.id}/reset-second-factor`,
      {},
    );
    expect(again.status).to.equal(409);
    expect(await audits('user.second_factor_reset')).to.have.length(1);
  });

  it('treats a session waiting for the code as signed out on every page that needs a role', async () => {
    await setUp(kari);
    const agent = await password(kari);
    const guarded = ROUTES.filter((r) => r.method === 'GET' && r.roles !== 'public');
    expect(guarded.length).to.be.greaterThan(50);
    for (const route of guarded) {
      const path = route.path(walkIds(1));
      const res = await agent.get(path);
      expect(res.status, path).to.equal(303);
      expect(res.headers.location, path).to.match(/^\/login/);
    }
    // and the code step still works afterwards
    expect((await agent.get('/login/second-factor')).status).to.equal(200);
  });

  it('lists one’s own sessions with browser and how they were signed in, and ends another one', async () => {
    const phone = request.agent(t.app);
    await signIn(t.app, kari.email, kari.password, phone.set('User-Agent', 'Mozilla/5.0 (iPhone) Safari/605.1'));
    const laptop = (
      await signIn(
        t.app,
        kari.email,
        kari.password,
        request.agent(t.app).set('User-Agent', 'Mozilla/5.0 (Windows NT 10.0) Chrome/130.0 Safari/537.36'),
      )
    ).agent;
    const page = await laptop.get('/account/security').expect(200);
    expect(page.text).to.contain('Chrome · Windows');
    expect(page.text).to.contain('Safari · iPhone');
    expect(page.text).to.contain('This browser');
    const handles = [...page.text.matchAll(/action="\/account\/security\/sessions\/([0-9a-f]{16})"/g)].map(
      (m) => m[1]!,
    );
    expect(handles).to.have.length(2);
    const stored = await table(t.db, 'sessions').where({ user_id: kari.id });
    expect(stored.map((s) => s.device).sort()).to.deep.equal(['Chrome · Windows', 'Safari · iPhone']);

    // another user's handle ends nothing of theirs
    const adminAgent = (await signIn(t.app, admin.email, admin.password)).agent;
    const csrf = csrfFrom((await adminAgent.get('/account/security')).text);
    await adminAgent.post(`/account/security/sessions/${handles[0]}`).type('form').send({ _csrf: csrf }).expect(303);
    expect(await table(t.db, 'sessions').where({ user_id: kari.id })).to.have.length(2);

    const phoneHandle = handles.find(
      (h) => !stored.find((s) => s.id_hash.startsWith(h) && s.device.includes('Windows')),
    )!;
    const ended = await submitForm(laptop, '/account/security', `/account/security/sessions/${phoneHandle}`, {});
    expect(ended.headers.location).to.equal('/account/security#sessions');
    await phone.get('/projects').expect(303);
    await laptop.get('/projects').expect(200);
    expect(await audits('user.session_ended')).to.have.length(1);
  });
});
