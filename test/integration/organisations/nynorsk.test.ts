import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { htmlLang, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';

describe('Nynorsk: the organisation’s written standard, the reader’s choice, and skills’ Nynorsk names', () => {
  let t: TestApp;
  let org: number;
  let admin: BuiltUser;
  let agent: Agent;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db, { name: 'Nynorsk kommune' });
    admin = await buildUser(t.db, org, { role: 'admin', locale: 'nn' });
    agent = (await signIn(t.app, admin.email, admin.password)).agent;
  });
  afterEach(() => t.close());

  const radio = (html: string, name: string, value: string) =>
    new RegExp(`<input[^>]*name="${name}" value="${value}"[^>]*checked`).test(html);

  it('sets the written standard (Bokmål or Nynorsk, nothing else) and makes it the default for new people', async () => {
    const page = await agent.get('/admin/settings').expect(200);
    expect(htmlLang(page.text)).to.equal('nn');
    expect(page.text).to.contain('Offisiell målform');
    expect(radio(page.text, 'writtenStandard', 'nb')).to.equal(true);

    const bad = await submitForm(agent, '/admin/settings', '/admin/settings/language', { writtenStandard: 'se' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('Vel bokmål (nb) eller nynorsk (nn).');
    const en = await submitForm(agent, '/admin/settings', '/admin/settings/language', { writtenStandard: 'en' });
    expect(en.status).to.equal(422);
    expect((await one(table(t.db, 'organisations').where({ id: org }).first())).default_locale).to.equal('nb');

    const saved = await submitForm(agent, '/admin/settings', '/admin/settings/language', { writtenStandard: 'nn' });
    expect(saved.status).to.equal(303);
    const again = await agent.get('/admin/settings').expect(200);
    expect(radio(again.text, 'writtenStandard', 'nn')).to.equal(true);
    // saved unchanged: nothing new in the audit
    await submitForm(agent, '/admin/settings', '/admin/settings/language', { writtenStandard: 'nn' });
    const audit = await table(t.db, 'audit_events').where({ action: 'organisation.written_standard_changed' });
    expect(audit.map((a) => JSON.parse(a.details) as object)).to.deep.equal([{ from: 'nb', to: 'nn' }]);

    // the defaults of the forms follow
    const person = await agent.get('/representatives/new').expect(200);
    expect(radio(person.text, 'locale', 'nn')).to.equal(true);
    const user = await agent.get('/admin/users/new').expect(200);
    expect(user.text).to.match(/<option value="nn" selected>/);
  });

  it('switches to Nynorsk and back, with lang="nn" and the two other languages offered', async () => {
    const anonymous = request.agent(t.app);
    const nn = await anonymous.get('/login').set('Accept-Language', 'nn-NO,nn;q=0.9').expect(200);
    expect(htmlLang(nn.text)).to.equal('nn');
    expect(nn.text).to.contain('value="nb" lang="nb">Norsk (bokmål)');
    expect(nn.text).to.contain('value="en" lang="en">English');
    const page = await agent.get('/account').expect(200);
    const switched = await agent
      .post('/language')
      .type('form')
      .send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1], lang: 'en', returnTo: '/account' });
    expect(switched.status).to.equal(303);
    expect(htmlLang((await agent.get('/account')).text)).to.equal('en');
    expect((await one(table(t.db, 'users').where({ id: admin.id }).first())).locale).to.equal('en');
  });

  it('shows a skill’s Nynorsk name to Nynorsk readers, and the Bokmål one until it is given', async () => {
    const made = await submitForm(agent, '/skills', '/skills', {
      nameNb: 'Erfaring med hjemmetjenester',
      nameNn: 'Erfaring med heimetenester',
      nameEn: 'Experience of home care',
      category: 'lived_experience',
    });
    expect(made.status).to.equal(303);
    await submitForm(agent, '/skills', '/skills', {
      nameNb: 'Tolkebehov',
      nameEn: 'Needs an interpreter',
      category: 'competence',
    });
    const rows = await table(t.db, 'skills').where({ organisation_id: org }).orderBy('id');
    expect(rows.map((r) => r.name_nn)).to.deep.equal(['Erfaring med heimetenester', null]);
    const roster = await agent.get('/representatives').expect(200);
    expect(roster.text).to.contain('Erfaring med heimetenester');
    expect(roster.text).not.to.contain('Erfaring med hjemmetjenester');
    expect(roster.text).to.contain('Tolkebehov');
    expect(roster.text).not.to.contain('Needs an interpreter');
  });
});
