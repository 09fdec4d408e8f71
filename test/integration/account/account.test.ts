import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';

describe('/account: every signed-in user’s own page', () => {
  let t: TestApp;
  let orgId: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  beforeEach(async () => {
    t = await buildTestApp();
    orgId = await buildOrganisation(t.db);
    facilitator = await buildUser(t.db, orgId, { role: 'facilitator', name: 'Frida Fasilitator' });
    ({ agent } = await signIn(t.app, facilitator.email, facilitator.password));
  });
  afterEach(() => t.close());

  const phoneAudits = () => table(t.db, 'audit_events').where({ action: 'user.phone_changed' });

  it('shows the name and e-mail, links to itself from the header, and saves the work phone and language (saved twice)', async () => {
    const page = await agent.get('/account').expect(200);
    expect(page.text).to.contain('Frida Fasilitator');
    expect(page.text).to.contain(facilitator.email);
    expect(page.text).to.contain('href="/account" aria-current="page"');
    let res = await submitForm(agent, '/account', '/account', { phone: '+47 22 33 44 55', locale: 'nb' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/account');
    const reloaded = await agent.get('/account').expect(200);
    expect(reloaded.text).to.contain('value="+47 22 33 44 55"');
    // saving the same again changes nothing and audits nothing more
    res = await submitForm(agent, '/account', '/account', { phone: '+47 22 33 44 55', locale: 'en' });
    expect(res.status).to.equal(303);
    const row = await one(table(t.db, 'users').where({ id: facilitator.id }).first());
    expect(row.phone).to.equal('+47 22 33 44 55');
    expect(row.locale).to.equal('en');
    expect(await phoneAudits()).to.have.length(1);
  });

  it('re-renders with 422 and keeps the input when the phone has letters or is too long', async () => {
    for (const phone of ['22 33 ab 55', `+${'1'.repeat(41)}`, '+']) {
      const res = await submitForm(agent, '/account', '/account', { phone, locale: 'nb' });
      expect(res.status, phone).to.equal(422);
      expect(res.text).to.contain('href="#phone"');
      expect(res.text).to.contain(`value="${phone}"`);
      expect(res.text).to.contain('aria-invalid="true"');
    }
    const row = await one(table(t.db, 'users').where({ id: facilitator.id }).first());
    expect(row.phone).to.equal('');
    expect(await phoneAudits()).to.have.length(0);
  });

  it('saves the weekly-digest and every-answer choices and shows them ticked', async () => {
    let res = await submitForm(agent, '/account', '/account/email', {});
    expect(res.status).to.equal(303);
    const page = await agent.get('/account');
    res = await agent
      .post('/account/email')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfFrom(page.text))}&email=digest&email=notify`);
    expect(res.status).to.equal(303);
    let row = await one(table(t.db, 'users').where({ id: facilitator.id }).first());
    expect(Boolean(row.weekly_digest)).to.equal(true);
    expect(Boolean(row.notify_answers)).to.equal(true);
    const shown = await agent.get('/account');
    expect(shown.text).to.match(/value="digest"[^>]*checked/);
    expect(shown.text).to.match(/value="notify"[^>]*checked/);
    res = await submitForm(agent, '/account', '/account/email', { email: 'notify' });
    expect(res.status).to.equal(303);
    row = await one(table(t.db, 'users').where({ id: facilitator.id }).first());
    expect(Boolean(row.weekly_digest)).to.equal(false);
    expect(Boolean(row.notify_answers)).to.equal(true);
  });

  it('sends the older choice forms back to /account', async () => {
    const res = await submitForm(agent, '/account', '/invitations/notify', { notify: 'on' });
    expect(res.headers.location).to.equal('/account');
    const digest = await submitForm(agent, '/account', '/account/digest', { digest: 'on' });
    expect(digest.headers.location).to.equal('/account');
  });

  it('gives a supervisor the page and the digest, without the calendar, the every-answer choice or the hand-over', async () => {
    const supervisor = await buildUser(t.db, orgId, { role: 'supervisor' });
    const { agent: sup } = await signIn(t.app, supervisor.email, supervisor.password);
    const page = await sup.get('/account').expect(200);
    expect(page.text).to.contain('value="digest"');
    expect(page.text).not.to.contain('value="notify"');
    expect(page.text).not.to.contain('action="/account/calendar"');
    expect(page.text).not.to.contain('/account/hand-over');
    await sup.get('/account/hand-over').expect(403);
    const res = await submitForm(sup, '/account', '/account/email', {
      email: ['digest', 'notify'] as unknown as string,
    });
    expect(res.status).to.equal(303);
    const row = await one(table(t.db, 'users').where({ id: supervisor.id }).first());
    expect(Boolean(row.weekly_digest)).to.equal(true);
    expect(Boolean(row.notify_answers)).to.equal(false);
    const refused = await submitForm(sup, '/account', '/account/calendar', {});
    expect(refused.status).to.equal(403);
  });

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    const res = await request(t.app).get('/account');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.match(/^\/login/);
  });
});

describe('admins give a user a work phone', () => {
  let t: TestApp;
  let agent: Agent;
  let colleague: BuiltUser;
  beforeEach(async () => {
    t = await buildTestApp();
    const orgId = await buildOrganisation(t.db);
    const admin = await buildUser(t.db, orgId, { role: 'admin' });
    colleague = await buildUser(t.db, orgId, { role: 'facilitator', name: 'Kari Kollega' });
    ({ agent } = await signIn(t.app, admin.email, admin.password));
  });
  afterEach(() => t.close());

  const edit = (phone: string) =>
    submitForm(agent, `/admin/users/${colleague.id}/edit`, `/admin/users/${colleague.id}/edit`, {
      name: colleague.name,
      email: colleague.email,
      role: 'facilitator',
      locale: 'nb',
      phone,
    });

  it('saves the phone on the edit form, shows it on the user’s page and in the form again, and audits the change', async () => {
    expect((await edit('22 33 44 55')).status).to.equal(303);
    const shown = await agent.get(`/admin/users/${colleague.id}`).expect(200);
    expect(shown.text).to.contain('22 33 44 55');
    const form = await agent.get(`/admin/users/${colleague.id}/edit`).expect(200);
    expect(form.text).to.contain('value="22 33 44 55"');
    expect((await edit('22 33 44 55')).status).to.equal(303);
    expect(await table(t.db, 'audit_events').where({ action: 'user.phone_changed' })).to.have.length(1);
    expect((await edit('')).status).to.equal(303);
    expect((await one(table(t.db, 'users').where({ id: colleague.id }).first())).phone).to.equal('');
  });

  it('creates a user with a phone, and refuses a bad one with 422 keeping the input', async () => {
    const bad = await submitForm(agent, '/admin/users/new', '/admin/users/new', {
      name: 'Ny Bruker',
      email: 'ny@test.example',
      role: 'facilitator',
      locale: 'nb',
      phone: 'ring meg',
    });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('value="ring meg"');
    expect(bad.text).to.contain('href="#phone"');
    const good = await submitForm(agent, '/admin/users/new', '/admin/users/new', {
      name: 'Ny Bruker',
      email: 'ny@test.example',
      role: 'facilitator',
      locale: 'nb',
      phone: '+47 900 00 000',
    });
    expect(good.status).to.equal(303);
    expect((await one(table(t.db, 'users').where({ email: 'ny@test.example' }).first())).phone).to.equal(
      '+47 900 00 000',
    );
  });
});
