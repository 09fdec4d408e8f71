import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { table, one } from '../../helpers/rows.js';

describe('admins manage users', () => {
  let t: TestApp;
  let orgId: number;
  let admin: BuiltUser;
  let agent: Agent;
  beforeEach(async () => {
    t = await buildTestApp();
    orgId = await buildOrganisation(t.db);
    admin = await buildUser(t.db, orgId, { role: 'admin' });
    ({ agent } = await signIn(t.app, admin.email, admin.password));
  });
  afterEach(() => t.close());

  const create = (fields: Record<string, string>) => submitForm(agent, '/admin/users/new', '/admin/users/new', fields);

  it('creates a user with a temporary password shown once, who must change it at first sign-in', async () => {
    const res = await create({
      name: 'Per Hansen',
      email: 'Per.Hansen@Test.example',
      role: 'supervisor',
      locale: 'nb',
      access: 'show',
    });
    expect(res.status).to.equal(303);
    const row = await one(table(t.db, 'users').where({ email: 'per.hansen@test.example' }).first());
    expect(row.organisation_id).to.equal(orgId);
    expect(res.headers.location).to.equal(`/admin/users/${row.id}`);
    const shown = await agent.get(res.headers.location as string).expect(200);
    const password = /<code>([a-z0-9-]{19})<\/code>/.exec(shown.text)?.[1];
    expect(password).to.be.a('string');
    const again = await agent.get(res.headers.location as string).expect(200);
    expect(again.text).to.not.contain(password!);
    const first = await signIn(t.app, 'per.hansen@test.example', password!);
    expect(first.res.headers.location).to.equal('/password/change');
    const audit = await one(table(t.db, 'audit_events').where({ action: 'user.created' }).first());
    expect(JSON.parse(audit.details)).to.deep.equal({ role: 'supervisor', access: 'show' });
  });

  it('re-renders with 422 and keeps the input when the e-mail is invalid or the name is missing', async () => {
    const res = await create({ name: '', email: 'not-an-email', role: 'facilitator', locale: 'en' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Skriv inn navnet.');
    expect(res.text).to.contain('Skriv inn en gyldig e-postadresse');
    expect(res.text).to.contain('value="not-an-email"');
    expect(res.text).to.match(/<option value="en" selected>/);
    expect(res.text).to.contain('href="#name"');
    expect(res.text).to.contain('aria-invalid="true"');
  });

  it('refuses a duplicate e-mail address with 422', async () => {
    const other = await buildUser(t.db, orgId);
    const res = await create({ name: 'Twin', email: other.email.toUpperCase(), role: 'facilitator', locale: 'nb' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('finnes allerede en bruker');
  });

  it('refuses a role that does not exist with 422', async () => {
    const res = await create({ name: 'Eve', email: 'eve@test.example', role: 'superuser', locale: 'nb' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Velg en rolle');
  });

  it('changes a role and audits the change from and to', async () => {
    const user = await buildUser(t.db, orgId, { role: 'supervisor' });
    const res = await submitForm(agent, `/admin/users/${user.id}/edit`, `/admin/users/${user.id}/edit`, {
      name: user.name,
      email: user.email,
      role: 'facilitator',
      locale: 'nb',
    });
    expect(res.status).to.equal(303);
    const audit = await one(table(t.db, 'audit_events').where({ action: 'user.role_changed' }).first());
    expect(JSON.parse(audit.details)).to.deep.equal({ from: 'supervisor', to: 'facilitator' });
    expect(audit.actor_user_id).to.equal(admin.id);
  });

  it('does not let an admin remove their own admin role or deactivate themselves', async () => {
    const res = await submitForm(agent, `/admin/users/${admin.id}/edit`, `/admin/users/${admin.id}/edit`, {
      name: admin.name,
      email: admin.email,
      role: 'supervisor',
      locale: 'nb',
    });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('administratorrollen fra deg selv');
    const self = await submitForm(agent, `/admin/users/${admin.id}`, `/admin/users/${admin.id}/deactivate`, {});
    expect(self.status).to.equal(422);
  });

  it('gives a new temporary password and ends the user’s sessions', async () => {
    const user = await buildUser(t.db, orgId);
    await signIn(t.app, user.email, user.password);
    const res = await submitForm(agent, `/admin/users/${user.id}`, `/admin/users/${user.id}/reset-password`, {});
    expect(res.status).to.equal(303);
    expect(await t.services.sessionService.countForUser(user.id)).to.equal(0);
    expect((await signIn(t.app, user.email, user.password)).res.status).to.equal(422);
  });

  it('escapes user text on every page that shows it', async () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const user = await buildUser(t.db, orgId, { name: evil });
    for (const path of ['/admin/users', `/admin/users/${user.id}`, `/admin/users/${user.id}/edit`, '/admin/audit']) {
      const res = await agent.get(path).expect(200);
      expect(res.text, path).to.not.contain('<script>alert');
      expect(res.text, path).to.not.contain('<img src=x');
    }
    expect((await agent.get('/admin/users')).text).to.contain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
    const { agent: evilAgent } = await signIn(t.app, user.email, user.password);
    const home = await evilAgent.get('/').expect(200);
    expect(home.text).to.not.contain('<script>alert');
    expect(home.text).to.contain('&lt;script&gt;');
  });

  it('filters the audit log by action and user, with the filters in the URL', async () => {
    const user = await buildUser(t.db, orgId);
    await signIn(t.app, user.email, 'wrong password here');
    await signIn(t.app, user.email, user.password);
    const all = await agent.get('/admin/audit').expect(200);
    expect(all.text).to.contain('<td data-label="Hendelse">Mislykket innlogging</td>');
    const failed = await agent.get('/admin/audit?action=auth.sign_in_failed').expect(200);
    expect(failed.text).to.contain('1 hendelse');
    const byUser = await agent.get(`/admin/audit?user=${admin.id}`).expect(200);
    expect(byUser.text).to.contain('<td data-label="Hendelse">Logget inn</td>');
    expect(byUser.text).to.not.contain('<td data-label="Hendelse">Mislykket innlogging</td>');
    const garbage = await agent.get('/admin/audit?action=%3Cx%3E&user=abc&from=yesterday&page=-1').expect(200);
    expect(garbage.text).to.contain('Revisjonslogg');
  });
});
