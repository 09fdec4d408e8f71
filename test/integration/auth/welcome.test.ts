import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';
import { rootDir } from '../../../src/config.js';
import { totpCode } from '../../../src/features/auth/totp.js';

const LINK = /\/welcome\/([A-Za-z0-9_-]{43})/;
const PASSWORD = 'a long and private passphrase';

describe('new users invited by e-mail: a single-use welcome link to choose a password', () => {
  let t: TestApp;
  let org: number;
  let admin: BuiltUser;
  let adminAgent: Agent;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db, { name: 'Test kommune' });
    admin = await buildUser(t.db, org, { role: 'admin', email: 'admin@test.example', locale: 'en' });
    adminAgent = (await signIn(t.app, admin.email, admin.password)).agent;
  });
  afterEach(() => t.close());

  const invite = (fields: Record<string, string> = {}) =>
    submitForm(adminAgent, '/admin/users/new', '/admin/users/new', {
      name: 'Ola Nordmann',
      email: 'Ola@Test.example',
      role: 'facilitator',
      locale: 'en',
      ...fields,
    });
  const newUser = async () => one(table(t.db, 'users').where({ email: 'ola@test.example' }).first());
  const welcomeMails = () => table(t.db, 'outbox_messages').where({ kind: 'user_welcome' }).orderBy('id');
  const lastLink = async () => {
    const mails = await welcomeMails();
    return `/welcome/${LINK.exec(mails[mails.length - 1]!.text_body!)![1]!}`;
  };
  const choose = (agent: Agent, link: string, password = PASSWORD, confirm = password) =>
    submitForm(agent, link, link, { newPassword: password, confirmPassword: confirm });

  it('sends a link in the user’s language; until it is used the account has no password and cannot sign in', async () => {
    const created = await invite();
    expect(created.status).to.equal(303);
    const user = await newUser();
    expect(user.password_hash).to.equal(null);
    expect(Boolean(user.must_change_password)).to.equal(false);
    const shown = await adminAgent.get(created.headers.location as string).expect(200);
    expect(shown.text).to.contain('an invitation has been sent to Ola@Test.example');
    expect(shown.text).to.contain('Invited (no password yet)');
    expect(shown.text).not.to.match(/<code>[a-z0-9]{4}-/);
    const audit = await one(table(t.db, 'audit_events').where({ action: 'user.created' }).first());
    expect(JSON.parse(audit.details)).to.deep.equal({ role: 'facilitator', access: 'invite' });

    const mails = await welcomeMails();
    expect(mails).to.have.length(1);
    expect(mails[0]!.to_address).to.equal('ola@test.example');
    expect(mails[0]!.subject).to.equal('Your account in Medvirk (Test kommune)');
    expect(mails[0]!.text_body).to.contain('works for 72 hours');
    const link = await lastLink();
    const stored = await table(t.db, 'welcome_links');
    expect(stored).to.have.length(1);
    expect(stored[0]!.token_hash).to.have.length(64);
    expect(link).not.to.contain(stored[0]!.token_hash);

    // no password: nothing signs in, and the refusal says why in the audit
    const tried = await signIn(t.app, 'ola@test.example', '');
    expect(tried.res.status).to.equal(422);
    const noPassword = await signIn(t.app, 'ola@test.example', 'anything at all here');
    expect(noPassword.res.status).to.equal(422);
    const refused = await table(t.db, 'audit_events').where({ action: 'auth.sign_in_failed' });
    expect(refused.map((r) => (JSON.parse(r.details) as { reason: string }).reason)).to.deep.equal(['no_password']);

    const visitor = request.agent(t.app);
    const page = await visitor.get(link).expect(200);
    expect(page.headers['cache-control']).to.equal('no-store');
    expect(page.text).to.contain('Ola Nordmann');
    const weak = await choose(visitor, link, 'short');
    expect(weak.status).to.equal(422);
    const mismatch = await choose(visitor, link, PASSWORD, `${PASSWORD}!`);
    expect(mismatch.status).to.equal(422);
    expect((await newUser()).password_hash).to.equal(null);

    const done = await choose(visitor, link);
    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal('/');
    await visitor.get('/projects').expect(200);
    expect((await newUser()).password_hash).to.match(/^scrypt\$/);
    expect(await table(t.db, 'audit_events').where({ action: 'user.welcome_accepted' })).to.have.length(1);
    const signedIn = await table(t.db, 'audit_events').where({ action: 'auth.signed_in', actor_user_id: user.id });
    expect(JSON.parse(signedIn[0]!.details)).to.deep.equal({ method: 'welcome' });
    const { res } = await signIn(t.app, 'ola@test.example', PASSWORD);
    expect(res.headers.location).to.equal('/');

    // used once: a second visit, or a second form sent from the page opened before, is 410
    const again = request.agent(t.app);
    await again.get(link).expect(410);
    const csrf = csrfFrom((await request.agent(t.app).get('/login')).text);
    await again.post(link).type('form').send({ _csrf: csrf, newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect((await again.get(link)).status).to.equal(410);
  });

  it('refuses a link after 72 hours (410), an unknown one (404), and an old one once a new invitation was sent', async () => {
    await invite();
    const first = await lastLink();
    await request(t.app).get('/welcome/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').expect(404);
    await request(t.app).get('/welcome/short').expect(404);

    const user = await newUser();
    const resent = await submitForm(adminAgent, `/admin/users/${user.id}`, `/admin/users/${user.id}/invite`, {});
    expect(resent.status).to.equal(303);
    expect(await table(t.db, 'audit_events').where({ action: 'user.invitation_sent' })).to.have.length(1);
    const second = await lastLink();
    expect(second).not.to.equal(first);
    const gone = await request(t.app).get(first).set('Accept-Language', 'en').expect(410);
    expect(gone.text).to.contain('ask the administrator who added you');
    await request(t.app).get(second).expect(200);

    t.clock.advance({ hours: 72, minutes: 1 });
    await request(t.app).get(second).expect(410);
    await request(t.app).get(second).expect(410);
    const linkRefusals = await table(t.db, 'audit_events').where({ action: 'auth.welcome_link_refused' }).orderBy('id');
    expect(linkRefusals.map((r) => [r.entity_id, JSON.parse(r.details) as object, r.occurrences])).to.deep.equal([
      [user.id, { reason: 'used' }, 1],
      [user.id, { reason: 'expired' }, 2],
    ]);
    adminAgent = (await signIn(t.app, admin.email, admin.password)).agent;
    const shown = await adminAgent.get(`/admin/users/${user.id}`).expect(200);
    expect(shown.text).to.contain('Expired');
    expect((await newUser()).password_hash).to.equal(null);

    // a user who has a password gets no invitation
    const other = await buildUser(t.db, org, { email: 'has@test.example' });
    const refused = await submitForm(adminAgent, `/admin/users/${other.id}`, `/admin/users/${other.id}/invite`, {});
    expect(refused.status).to.equal(422);
  });

  it('opens nothing once the user has a password by another road, and ends links sent to a mistyped address', async () => {
    await invite();
    const user = await newUser();
    const link = await lastLink();
    // the admin gives a one-time password instead: the e-mailed link no longer sets a password or signs in
    await submitForm(adminAgent, `/admin/users/${user.id}`, `/admin/users/${user.id}/reset-password`, {});
    const visitor = request.agent(t.app);
    await visitor.get(link).expect(410);
    await visitor.get('/projects').expect(303);
    const refusals = await table(t.db, 'audit_events').where({ action: 'auth.welcome_link_refused' });
    expect(refusals.map((r) => JSON.parse(r.details) as object)).to.deep.equal([{ reason: 'has_password' }]);

    // a new user's address corrected: the link to the old one stops, a new one goes to the new one
    await invite({ email: 'typo@test.example', name: 'Typo' });
    const typo = await one(table(t.db, 'users').where({ email: 'typo@test.example' }).first());
    const sentToTypo = await lastLink();
    const edited = await submitForm(adminAgent, `/admin/users/${typo.id}/edit`, `/admin/users/${typo.id}/edit`, {
      name: 'Typo',
      email: 'right@test.example',
      role: 'facilitator',
      locale: 'en',
      phone: '',
    });
    expect(edited.status).to.equal(303);
    await request(t.app).get(sentToTypo).expect(410);
    const mails = await welcomeMails();
    expect(mails[mails.length - 1]!.to_address).to.equal('right@test.example');
    await request(t.app)
      .get(await lastLink())
      .expect(200);

    // deactivated: the link stops, and stays stopped after reactivation
    await submitForm(adminAgent, `/admin/users/${typo.id}`, `/admin/users/${typo.id}/deactivate`, {});
    await submitForm(adminAgent, `/admin/users/${typo.id}`, `/admin/users/${typo.id}/reactivate`, {});
    await request(t.app)
      .get(await lastLink())
      .expect(410);
  });

  it('shows a one-time password instead when the admin chooses so (no e-mail is sent)', async () => {
    const created = await invite({ access: 'show' });
    const shown = await adminAgent.get(created.headers.location as string).expect(200);
    const password = /<code>([a-z0-9-]{19})<\/code>/.exec(shown.text)?.[1];
    expect(password).to.be.a('string');
    expect(await welcomeMails()).to.have.length(0);
    const { res } = await signIn(t.app, 'ola@test.example', password!);
    expect(res.headers.location).to.equal('/password/change');
    const bad = await invite({ email: 'x@test.example', access: 'mail' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('Choose how the user signs in the first time.');
    expect(bad.text).to.contain('value="x@test.example"');
  });

  it('takes a new user on to set up a second factor when the organisation requires one', async () => {
    await invite();
    await submitForm(adminAgent, '/admin/settings', '/admin/settings/sign-in', { requireSecondFactor: 'on' });
    const link = await lastLink();
    const visitor = request.agent(t.app);
    await visitor.get(link).expect(200);
    await choose(visitor, link);
    const home = await visitor.get('/').expect(303);
    expect(home.headers.location).to.equal('/account/security');
  });

  it('gives the operator break glass on the command line: a second factor removed, a one-time password printed', async function () {
    // three processes start tsx from cold: seconds each, more on a busy machine
    this.timeout(120_000);
    const kari = await buildUser(t.db, org, { email: 'kari@test.example', locale: 'en' });
    const { agent } = await signIn(t.app, kari.email, kari.password);
    await submitForm(agent, '/account/security', '/account/security/totp/start', {});
    const secret = /<code id="totp-secret">([A-Z2-7 ]+)<\/code>/
      .exec((await agent.get('/account/security/totp')).text)![1]!
      .replace(/ /g, '');
    await submitForm(agent, '/account/security/totp', '/account/security/totp', {
      code: totpCode(secret, t.clock.now().toMillis()),
    });
    expect(await table(t.db, 'user_second_factors')).to.have.length(1);

    const env = {
      ...process.env,
      NODE_ENV: 'development',
      SEED_DEMO: 'false',
      ...(t.config.databaseUrl ? { DATABASE_URL: t.config.databaseUrl } : { SQLITE_FILE: t.config.sqliteFile }),
    };
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/user.ts', ...args], { cwd: rootDir, env });

    const mfa = await run('reset-mfa', '--email', 'Kari@test.example');
    expect(mfa.stdout).to.contain('The second factor of kari@test.example is removed');
    expect(await table(t.db, 'user_second_factors')).to.have.length(0);
    expect(await table(t.db, 'sessions').where({ user_id: kari.id })).to.have.length(0);
    const audit = await one(table(t.db, 'audit_events').where({ action: 'user.second_factor_reset' }).first());
    expect([audit.actor_type, audit.entity_id, JSON.parse(audit.details)]).to.deep.equal([
      'system',
      kari.id,
      { by: 'operator' },
    ]);
    expect(await table(t.db, 'outbox_messages').where({ kind: 'second_factor_reset' })).to.have.length(1);

    const pw = await run('reset-password', '--email', 'kari@test.example');
    const password = /One-time password for kari@test\.example: ([a-z0-9-]{19})/.exec(pw.stdout)?.[1];
    expect(password).to.be.a('string');
    const { res } = await signIn(t.app, kari.email, password!);
    expect(res.headers.location).to.equal('/password/change');
    const resets = await table(t.db, 'audit_events').where({ action: 'user.password_reset' });
    expect(resets.map((r) => [r.actor_type, JSON.parse(r.details) as object])).to.deep.equal([
      ['system', { by: 'operator' }],
    ]);

    const unknown = await run('reset-mfa', '--email', 'nobody@test.example').catch(
      (err: { code: number; stderr: string }) => err,
    );
    expect((unknown as { code: number }).code).to.equal(1);
    expect((unknown as { stderr: string }).stderr).to.contain('No user has the e-mail address nobody@test.example');
  });
});
