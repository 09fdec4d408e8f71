import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { OidcStub } from '../../helpers/oidc-stub.js';
import { one, table } from '../../helpers/rows.js';
import { rootDir } from '../../../src/config.js';

const DOMAIN = 'kommune.test';

/** Where the page after /login/sso sends the browser on (its link, the same as its meta refresh). */
function providerUrl(html: string): string {
  const href = /<a class="ds-link" id="sso-continue" href="([^"]+)"/.exec(html)?.[1];
  expect(href, 'the link on to the provider').to.be.a('string');
  expect(html).to.contain(`<meta http-equiv="refresh" content="0;url=${href}">`);
  return href!.replace(/&amp;/g, '&').replace(/&#34;/g, '"');
}

describe('single sign-on through an organisation’s OpenID Connect provider (a jose stub on loopback)', () => {
  let t: TestApp;
  let stub: OidcStub;
  let org: number;
  let admin: BuiltUser;
  let adminAgent: Agent;

  beforeEach(async () => {
    stub = await OidcStub.start();
    t = await buildTestApp({ OIDC_ALLOW_HTTP: 'true' });
    org = await buildOrganisation(t.db, { name: 'Test kommune' });
    admin = await buildUser(t.db, org, { role: 'admin', email: `admin@${DOMAIN}`, locale: 'en' });
    adminAgent = (await signIn(t.app, admin.email, admin.password)).agent;
  });
  afterEach(async () => {
    await t.close();
    await stub.close();
  });

  const settings = (fields: Record<string, string> = {}) =>
    submitForm(adminAgent, '/admin/settings', '/admin/settings/sso', {
      oidcIssuer: stub.issuer,
      oidcClientId: stub.clientId,
      oidcClientSecret: stub.clientSecret,
      ssoDomains: DOMAIN,
      passwordsAllowed: 'on',
      ...fields,
    });
  /** A browser that reads English (the pages before sign-in follow the browser's language). */
  const english = (): Agent => request.agent(t.app).set('Accept-Language', 'en');
  const audits = (action: string) => table(t.db, 'audit_events').where({ action }).orderBy('id');

  /** Starts at the sign-in page, goes through the stub (which signs `stub.next` in) and back; the callback's answer. */
  async function ssoSignIn(email: string, agent: Agent = english(), bend?: (callback: URL) => void) {
    const started = await submitForm(agent, '/login', '/login/sso', { ssoEmail: email, returnTo: '/' });
    expect(started.status, started.text.slice(0, 300)).to.equal(200);
    const atProvider = await fetch(providerUrl(started.text), { redirect: 'manual' });
    const callback = new URL(atProvider.headers.get('location')!);
    bend?.(callback);
    const res = await agent.get(callback.pathname + callback.search);
    return { agent, res, callback };
  }

  it('checks the provider before saving: issuer, secret, domains (one organisation each); the secret is sealed', async () => {
    const down = await settings({ oidcIssuer: 'http://127.0.0.1:9/nowhere' });
    expect(down.status).to.equal(422);
    expect(down.text).to.contain('could not read the provider');
    expect(down.text).to.contain('value="http://127.0.0.1:9/nowhere"');
    const ftp = await settings({ oidcIssuer: 'ftp://example.test' });
    expect(ftp.status).to.equal(422);
    const noSecret = await settings({ oidcClientSecret: '' });
    expect(noSecret.status).to.equal(422);
    expect(noSecret.text).to.contain('Enter the client secret');
    const badDomain = await settings({ ssoDomains: 'not a domain' });
    expect(badDomain.status).to.equal(422);
    const other = await buildOrganisation(t.db);
    await t
      .db('organisation_email_domains')
      .insert({ domain: 'taken.test', organisation_id: other, created_at: '2026-01-01' });
    const taken = await settings({ ssoDomains: `${DOMAIN}, taken.test` });
    expect(taken.status).to.equal(422);
    expect(/<p class="ds-validation-message"[^>]*>([^<]*)/.exec(taken.text)?.[1]).to.contain(
      'The domain taken.test signs in at another organisation',
    );
    expect(await table(t.db, 'organisation_sso')).to.have.length(0);

    const saved = await settings({ ssoDomains: `@${DOMAIN.toUpperCase()}` });
    expect(saved.status).to.equal(303);
    const row = await one(table(t.db, 'organisation_sso').first());
    expect(row.client_secret_sealed).not.to.contain(stub.clientSecret);
    expect(row.client_secret_sealed).to.match(/^v1\./);
    const page = await adminAgent.get('/admin/settings').expect(200);
    expect(page.text).not.to.contain(stub.clientSecret);
    expect(page.text).to.contain(`value="${stub.issuer}"`);
    expect(page.text).to.contain(`value="${DOMAIN}"`);
    expect(page.text).to.contain('/login/sso/callback');
    // saved again with the secret left blank: the stored one is kept
    expect((await settings({ oidcClientSecret: '' })).status).to.equal(303);
    expect((await audits('organisation.sso_configured')).length).to.equal(2);
  });

  it('links an existing user whose address the provider verifies, then knows them by subject', async () => {
    await settings();
    const kari = await buildUser(t.db, org, { email: `kari@${DOMAIN}`, locale: 'en' });
    stub.next = { sub: 'kari-sub', email: `Kari@${DOMAIN}`, email_verified: true, name: 'Kari' };
    const first = await ssoSignIn(`kari@${DOMAIN}`);
    expect(first.res.status).to.equal(303);
    expect(first.res.headers.location).to.equal('/');
    await first.agent.get('/projects').expect(200);
    const identity = await one(table(t.db, 'user_identities').first());
    expect([identity.user_id, identity.subject, identity.issuer]).to.deep.equal([kari.id, 'kari-sub', stub.issuer]);
    expect(await audits('user.sso_linked')).to.have.length(1);
    const session = await one(table(t.db, 'sessions').where({ user_id: kari.id }).first());
    expect(session.signed_in_with).to.equal('sso');

    // by subject now, whatever the address says
    stub.next = { sub: 'kari-sub', email: `kari.nordmann@${DOMAIN}`, email_verified: false };
    const again = await ssoSignIn(`kari@${DOMAIN}`);
    expect(again.res.headers.location).to.equal('/');
    const signedIn = await audits('auth.signed_in');
    expect(JSON.parse(signedIn[signedIn.length - 1]!.details)).to.deep.equal({ method: 'sso' });
    // Entra ID's xms_edov counts as verified too
    await buildUser(t.db, org, { email: `ola@${DOMAIN}` });
    stub.next = { sub: 'ola-sub', email: `ola@${DOMAIN}`, xms_edov: true };
    expect((await ssoSignIn(`ola@${DOMAIN}`)).res.headers.location).to.equal('/');
  });

  it('gives someone unknown no access, only a request that an admin approves with a role', async () => {
    await settings();
    stub.next = { sub: 'new-sub', email: `nina@${DOMAIN}`, email_verified: true, name: 'Nina Ny' };
    const tried = await ssoSignIn(`nina@${DOMAIN}`);
    expect(tried.res.status).to.equal(200);
    expect(tried.res.text).to.contain('you do not have access to Medvirk yet');
    await tried.agent.get('/projects').expect(303);
    expect(await table(t.db, 'users').where({ email: `nina@${DOMAIN}` })).to.have.length(0);

    const list = await adminAgent.get('/admin/users').expect(200);
    expect(list.text).to.contain('1 request for access');
    expect(list.text).to.contain('Nina Ny');
    const request1 = await one(table(t.db, 'sso_requests').first());
    const approved = await submitForm(adminAgent, '/admin/users', `/admin/users/requests/${request1.id}/approve`, {
      role: 'supervisor',
    });
    expect(approved.status).to.equal(303);
    const nina = await one(
      table(t.db, 'users')
        .where({ email: `nina@${DOMAIN}` })
        .first(),
    );
    expect([nina.role, nina.password_hash, nina.name]).to.deep.equal(['supervisor', null, 'Nina Ny']);
    expect(await audits('user.sso_request_approved')).to.have.length(1);
    const now = await ssoSignIn(`nina@${DOMAIN}`);
    expect(now.res.headers.location).to.equal('/');

    // handled once: a second approval is unknown
    const twice = await submitForm(adminAgent, '/admin/users', `/admin/users/requests/${request1.id}/approve`, {
      role: 'admin',
    });
    expect(twice.status).to.equal(404);
    // a declined person stays out
    stub.next = { sub: 'no-sub', email: `per@${DOMAIN}`, email_verified: true };
    await ssoSignIn(`per@${DOMAIN}`);
    const per = await one(table(t.db, 'sso_requests').where({ subject: 'no-sub' }).first());
    await submitForm(adminAgent, '/admin/users', `/admin/users/requests/${per.id}/decline`, {});
    const declined = await ssoSignIn(`per@${DOMAIN}`);
    expect(declined.res.status).to.equal(403);
  });

  it('never links an unverified address by itself: the admin’s approval links the existing user', async () => {
    await settings();
    const kari = await buildUser(t.db, org, { email: `kari@${DOMAIN}` });
    stub.next = { sub: 'kari-sub', email: `kari@${DOMAIN}`, email_verified: false };
    const tried = await ssoSignIn(`kari@${DOMAIN}`);
    expect(tried.res.status).to.equal(200);
    expect(tried.res.text).to.contain('did not confirm your e-mail address');
    expect(await table(t.db, 'user_identities')).to.have.length(0);
    const req1 = await one(table(t.db, 'sso_requests').first());
    await submitForm(adminAgent, '/admin/users', `/admin/users/requests/${req1.id}/approve`, { role: 'facilitator' });
    const identity = await one(table(t.db, 'user_identities').first());
    expect(identity.user_id).to.equal(kari.id);
    expect(await table(t.db, 'users').where({ email: `kari@${DOMAIN}` })).to.have.length(1);
  });

  it('refuses a wrong state, a replayed code, a token for another audience, an expired one and another issuer', async () => {
    await settings();
    await buildUser(t.db, org, { email: `kari@${DOMAIN}` });
    stub.next = { sub: 'kari-sub', email: `kari@${DOMAIN}`, email_verified: true };
    const wrongState = await ssoSignIn(`kari@${DOMAIN}`, undefined, (cb) => cb.searchParams.set('state', 'forged'));
    expect(wrongState.res.status).to.equal(400);
    await wrongState.agent.get('/projects').expect(303);
    // the flow was used up by the wrong answer: the right one now finds nothing
    const ok = await ssoSignIn(`kari@${DOMAIN}`);
    expect(ok.res.status).to.equal(303);
    // the same code again, with a fresh flow of the same browser: the provider refuses it
    const agent = english();
    const started = await submitForm(agent, '/login', '/login/sso', { ssoEmail: `kari@${DOMAIN}` });
    const state = new URL(providerUrl(started.text)).searchParams.get('state')!;
    const replay = new URL(ok.callback.href);
    replay.searchParams.set('state', state);
    const replayed = await agent.get(replay.pathname + replay.search);
    expect(replayed.status).to.equal(400);
    expect(stub.tokenRequests.map((r) => r.error ?? 'ok')).to.deep.equal(['ok', 'invalid_grant']);
    // without the browser's cookie, a callback is refused before the provider is asked
    const noCookie = await request(t.app).get(ok.callback.pathname + ok.callback.search);
    expect(noCookie.status).to.equal(400);

    for (const bent of [{ aud: 'someone-else' }, { expiresInSeconds: -600 }, { iss: 'http://127.0.0.1:1/other' }]) {
      stub.next = { sub: 'kari-sub', email: `kari@${DOMAIN}`, email_verified: true, ...bent };
      const refused = await ssoSignIn(`kari@${DOMAIN}`);
      expect(refused.res.status, JSON.stringify(bent)).to.equal(400);
      expect(refused.res.text).to.contain('could not be trusted');
      await refused.agent.get('/projects').expect(303);
    }
    const failed = await audits('auth.sso_failed');
    expect(failed.reduce((n, a) => n + a.occurrences, 0)).to.equal(4);
    const refusedRows = await audits('auth.sso_refused');
    expect(refusedRows.map((r) => (JSON.parse(r.details) as { reason: string }).reason).sort()).to.deep.equal([
      'flow',
      'state',
    ]);
  });

  it('refuses an address outside the domains, says so for an unknown domain, and for a wrong client secret', async () => {
    await settings();
    const unknown = await submitForm(english(), '/login', '/login/sso', { ssoEmail: 'a@elsewhere.test' });
    expect(unknown.status).to.equal(422);
    expect(unknown.text).to.contain('No organisation signs in to Medvirk');
    expect(unknown.text).to.contain('value="a@elsewhere.test"');

    stub.next = { sub: 'x', email: 'x@outside.test', email_verified: true };
    const outside = await ssoSignIn(`x@${DOMAIN}`);
    expect(outside.res.status).to.equal(403);

    stub.clientSecret = 'rotated-at-the-provider';
    stub.next = { sub: 'kari-sub', email: `kari@${DOMAIN}`, email_verified: true };
    const wrongSecret = await ssoSignIn(`kari@${DOMAIN}`);
    expect(wrongSecret.res.status).to.equal(502);
    expect(wrongSecret.res.text).to.contain('not set up right');
    const page = await adminAgent.get('/admin/settings').expect(200);
    expect(page.text).to.contain('The last sign-in through the provider failed');
    const failed = await one(audits('auth.sso_failed').first());
    expect([failed.organisation_id, JSON.parse(failed.details)]).to.deep.equal([org, { reason: 'client' }]);
  });

  it('when the provider is down, says so; passwords still sign in where allowed, and only SSO where not', async function () {
    // the operator's command starts tsx from cold: seconds, more on a busy machine
    this.timeout(90_000);
    await settings();
    const kari = await buildUser(t.db, org, { email: `kari@${DOMAIN}`, locale: 'en' });
    await stub.close();
    const down = await submitForm(english(), '/login', '/login/sso', { ssoEmail: `kari@${DOMAIN}` });
    expect(down.status).to.equal(503);
    expect(down.text).to.contain('does not answer');
    expect((await signIn(t.app, kari.email, kari.password)).res.headers.location).to.equal('/');

    stub = await OidcStub.start();
    await t.db('organisation_sso').update({ issuer: stub.issuer, passwords_allowed: false });
    const refused = await signIn(t.app, kari.email, kari.password, english());
    expect(refused.res.status).to.equal(422);
    expect(refused.res.text).to.contain('signs in with its own account only');

    // the operator's way back: passwords allowed again (audited)
    const env = {
      ...process.env,
      NODE_ENV: 'development',
      SEED_DEMO: 'false',
      ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : { SQLITE_FILE: t.config.sqliteFile }),
    };
    const out = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/org-allow-passwords.ts', '--domain', DOMAIN],
      { cwd: rootDir, env },
    );
    expect(out.stdout).to.contain(`Password sign-in is allowed again for organisation ${org}`);
    expect((await signIn(t.app, kari.email, kari.password)).res.headers.location).to.equal('/');
    const audit = await one(audits('organisation.passwords_allowed').first());
    expect(audit.actor_type).to.equal('system');
  });

  it('offers a new user invited by e-mail the organisation’s sign-in as well', async () => {
    await settings();
    await submitForm(adminAgent, '/admin/users/new', '/admin/users/new', {
      name: 'Ny Bruker',
      email: `ny@${DOMAIN}`,
      role: 'facilitator',
      locale: 'en',
    });
    const mail = await one(table(t.db, 'outbox_messages').where({ kind: 'user_welcome' }).first());
    const link = /\/welcome\/[A-Za-z0-9_-]{43}/.exec(mail.text_body!)![0];
    const page = await english().get(link).expect(200);
    expect(page.text).to.contain(`/login?email=ny%40${DOMAIN}#sso-heading`);
    const login = await english().get(`/login?email=ny%40${DOMAIN}`).expect(200);
    expect(login.text).to.match(new RegExp(`id="ssoEmail"[^>]*value="ny@${DOMAIN}"`));
    // linked by the verified address at the first sign-in, with no password ever chosen
    stub.next = { sub: 'ny-sub', email: `ny@${DOMAIN}`, email_verified: true };
    expect((await ssoSignIn(`ny@${DOMAIN}`)).res.headers.location).to.equal('/');
  });

  it('a session signed in through the provider is not asked for Medvirk’s own second factor', async () => {
    await settings();
    await submitForm(adminAgent, '/admin/settings', '/admin/settings/sign-in', { requireSecondFactor: 'on' });
    await buildUser(t.db, org, { email: `kari@${DOMAIN}` });
    stub.next = { sub: 'kari-sub', email: `kari@${DOMAIN}`, email_verified: true };
    const { agent } = await ssoSignIn(`kari@${DOMAIN}`);
    await agent.get('/projects').expect(200);
    const csrf = csrfFrom((await agent.get('/account')).text);
    expect(csrf).to.be.a('string');
  });
});
