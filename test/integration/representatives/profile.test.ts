import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildRepresentative,
  buildSkill,
  buildUser,
  type BuiltUser,
} from '../../helpers/builders.js';
import { signIn, submitForm, type Agent, signedInApp } from '../../helpers/forms.js';
import { table, one } from '../../helpers/rows.js';

const valid = {
  name: 'Kari Nordmann',
  kind: 'next_of_kin',
  status: 'active',
  email: 'kari@test.example',
  phone: '+47 912 34 567',
  locale: 'nb',
  preferredContact: 'email',
  area: 'Sentrum',
  termStart: '2026-01-01',
  termEnd: '2027-12-31',
  languages: ['nb', 'en'],
  accessibilityNeeds: 'Trinnfri adkomst',
  loadCap: '3',
  ageBand: '67-79',
  gender: 'woman',
  notes: 'Ønsker møter på dagtid.',
  consentRoster: 'on',
  consentHealth: 'on',
  consentEmail: 'on',
  consentMethod: 'written',
};

describe('adding and editing representatives', () => {
  let t: TestApp;
  let orgId: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  beforeEach(async () => {
    t = await buildTestApp();
    orgId = await buildOrganisation(t.db);
    facilitator = await buildUser(t.db, orgId, { role: 'facilitator' });
    ({ agent } = await signIn(t.app, facilitator.email, facilitator.password));
  });
  afterEach(() => t.close());

  const create = (fields: Record<string, string | string[]>) =>
    submitForm(agent, '/representatives/new', '/representatives/new', fields as Record<string, string>);

  it('adds a representative with every field, consents and a first status, and shows the profile', async () => {
    const res = await create(valid);
    expect(res.status).to.equal(303);
    const id = Number(/\/representatives\/(\d+)$/.exec(res.headers.location as string)?.[1]);
    const row = await table(t.db, 'representatives').where({ id }).first();
    expect(row).to.include({
      organisation_id: orgId,
      name: 'Kari Nordmann',
      kind: 'next_of_kin',
      status: 'active',
      languages: 'nb,en',
      area: 'Sentrum',
    });
    const consents = await table(t.db, 'consents').where({ representative_id: id }).orderBy('purpose');
    expect(consents.map((c) => c.purpose)).to.deep.equal(['email_contact', 'health_experience', 'roster']);
    expect(consents.every((c) => c.recorded_by_user_id === facilitator.id && c.method === 'written')).to.equal(true);
    const history = await table(t.db, 'representative_status_changes').where({ representative_id: id });
    expect(history.map((h) => h.to_status)).to.deep.equal(['active']);
    const profile = await agent.get(`/representatives/${id}`).expect(200);
    expect(profile.text).to.contain('Kari Nordmann');
    expect(profile.text).to.contain('Ønsker møter på dagtid.');
    expect(profile.text).to.contain('Pårørenderepresentant');
  });

  it('re-renders with 422 and keeps the input for an invalid e-mail, phone, term or load cap', async () => {
    const res = await create({
      ...valid,
      email: 'kari@',
      phone: '12',
      termStart: '2027-01-01',
      termEnd: '2026-01-01',
      loadCap: '11',
    });
    expect(res.status).to.equal(422);
    for (const message of [
      'gyldig e-postadresse',
      'gyldig telefonnummer',
      'kan ikke slutte før den begynner',
      'tall fra 1 til 10',
    ]) {
      expect(res.text).to.contain(message);
    }
    expect(res.text).to.contain('value="kari@"');
    expect(res.text).to.contain('Ønsker møter på dagtid.');
    expect(res.text).to.match(/value="en" checked/);
    expect(res.text).to.match(/id="consentHealth" name="consentHealth" value="on" checked/);
    expect(await table(t.db, 'representatives').count({ n: '*' }).first()).to.satisfy(
      (r: { n: unknown }) => Number(r.n) === 0,
    );
  });

  it('asks for the contact detail that the preferred contact needs', async () => {
    const res = await create({ ...valid, email: '', consentEmail: '', preferredContact: 'letter' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('postadressen når foretrukket kontaktmåte er brev');
  });

  it('refuses a duplicate e-mail within the organisation with a link to the existing person', async () => {
    const existing = await buildRepresentative(t.db, orgId, { email: 'kari@test.example' });
    const res = await create({ ...valid, email: 'KARI@test.example' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('finnes allerede en representant');
    expect(res.text).to.contain(`href="/representatives/${existing}"`);
  });

  it('allows the same e-mail in another organisation', async () => {
    await buildRepresentative(t.db, await buildOrganisation(t.db), { email: 'kari@test.example' });
    expect((await create(valid)).status).to.equal(303);
  });

  it('edits a representative and audits it', async () => {
    const id = await buildRepresentative(t.db, orgId, { name: 'Old Name' });
    const res = await submitForm(agent, `/representatives/${id}/edit`, `/representatives/${id}/edit`, {
      ...valid,
      name: 'New Name',
    } as unknown as Record<string, string>);
    expect(res.status).to.equal(303);
    expect((await table(t.db, 'representatives').where({ id }).first())!.name).to.equal('New Name');
    expect(
      await table(t.db, 'audit_events').where({ action: 'representative.updated', entity_id: id }).first(),
    ).to.not.equal(undefined);
  });

  it('audits every view of a profile and shows who viewed and changed it', async () => {
    const id = await buildRepresentative(t.db, orgId);
    await agent.get(`/representatives/${id}`).expect(200);
    const second = await agent.get(`/representatives/${id}`).expect(200);
    const views = await table(t.db, 'audit_events').where({ action: 'representative.viewed', entity_id: id });
    expect(views).to.have.length(2);
    expect(views[0]!.actor_user_id).to.equal(facilitator.id);
    expect(second.text).to.contain('Profil vist');
    expect(second.text).to.contain(facilitator.name);
  });
});

describe('skills, status and consents on a profile', () => {
  let t: TestApp;
  let orgId: number;
  let agent: Agent;
  let rep: number;
  let competence: number;
  let lived: number;
  let training: number;
  beforeEach(async () => {
    ({ t, orgId, agent } = await signedInApp('facilitator'));
    competence = await buildSkill(t.db, orgId, { category: 'competence' });
    lived = await buildSkill(t.db, orgId, { category: 'lived_experience', nameNb: 'Demens som pårørende' });
    training = await buildSkill(t.db, orgId, { category: 'training' });
    rep = await buildRepresentative(t.db, orgId, { consents: ['roster'] });
  });
  afterEach(() => t.close());

  const post = (action: string, fields: Record<string, string>) =>
    submitForm(agent, `/representatives/${rep}`, `/representatives/${rep}${action}`, fields);

  it('records a skill with a level, and changes the level', async () => {
    expect((await post('/skills', { skillId: String(competence), level: '2' })).status).to.equal(303);
    expect((await post('/skills', { skillId: String(competence), level: '3' })).status).to.equal(303);
    const rows = await table(t.db, 'representative_skills').where({ representative_id: rep });
    expect(rows.map((r) => [r.skill_id, r.level])).to.deep.equal([[competence, 3]]);
  });

  it('refuses a level outside 1–3, an unknown or archived skill, and an expiry on anything but training', async () => {
    const archived = await buildSkill(t.db, orgId, { archived: true });
    const otherOrg = await buildSkill(t.db, await buildOrganisation(t.db));
    for (const [fields, message] of [
      [{ skillId: String(competence), level: '4' }, 'Velg nivå 1, 2 eller 3'],
      [{ skillId: '999999', level: '1' }, 'Velg en kompetanse fra listen'],
      [{ skillId: String(archived), level: '1' }, 'Velg en kompetanse fra listen'],
      [{ skillId: String(otherOrg), level: '1' }, 'Velg en kompetanse fra listen'],
      [{ skillId: String(competence), level: '1', expiresOn: '2027-01-01' }, 'Bare kurs kan ha en gyldighetsdato'],
      [
        { skillId: String(training), level: '1', since: '2027-01-01', expiresOn: '2026-01-01' },
        'kan ikke være før fra-datoen',
      ],
    ] as const) {
      const res = await post('/skills', fields);
      expect(res.status, message).to.equal(422);
      expect(res.text).to.contain(message);
    }
    expect(await table(t.db, 'representative_skills').where({ representative_id: rep })).to.have.length(0);
  });

  it('refuses lived experience without the health-experience consent, and accepts it once given', async () => {
    const refused = await post('/skills', { skillId: String(lived), level: '2' });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('krever samtykke til å lagre helserelatert erfaring');
    expect((await post('/consents', { purpose: 'health_experience', method: 'verbal' })).status).to.equal(303);
    expect((await post('/skills', { skillId: String(lived), level: '2' })).status).to.equal(303);
  });

  it('removes the lived-experience skills after a confirmation when that consent is withdrawn', async () => {
    await post('/consents', { purpose: 'health_experience', method: 'written' });
    await post('/skills', { skillId: String(lived), level: '2' });
    await post('/skills', { skillId: String(competence), level: '1' });
    const ask = await post('/consents/withdraw', { purpose: 'health_experience' });
    expect(ask.status).to.equal(200);
    expect(ask.text).to.contain('Demens som pårørende');
    expect(await table(t.db, 'representative_skills').where({ representative_id: rep })).to.have.length(2);
    const done = await post('/consents/withdraw', { purpose: 'health_experience', confirm: 'yes' });
    expect(done.status).to.equal(303);
    const left = await table(t.db, 'representative_skills').where({ representative_id: rep });
    expect(left.map((r) => r.skill_id)).to.deep.equal([competence]);
    const consent = await one(
      table(t.db, 'consents').where({ representative_id: rep, purpose: 'health_experience' }).first(),
    );
    expect(consent.withdrawn_at).to.not.equal(null);
    const audit = await one(table(t.db, 'audit_events').where({ action: 'representative.consent_withdrawn' }).first());
    expect(JSON.parse(audit.details)).to.deep.equal({ purpose: 'health_experience', skillsRemoved: 1 });
  });

  it('keeps the consent history when a consent is withdrawn and given again', async () => {
    await post('/consents', { purpose: 'email_contact', method: 'email' });
    await post('/consents/withdraw', { purpose: 'email_contact' });
    await post('/consents', { purpose: 'email_contact', method: 'verbal' });
    const rows = await table(t.db, 'consents')
      .where({ representative_id: rep, purpose: 'email_contact' })
      .orderBy('id');
    expect(rows.map((r) => [r.method, r.withdrawn_at === null])).to.deep.equal([
      ['email', false],
      ['verbal', true],
    ]);
    const again = await post('/consents', { purpose: 'email_contact', method: 'verbal' });
    expect(again.status).to.equal(422);
  });

  it('pauses until a date after today, with the reason and who kept in the history', async () => {
    const res = await post('/status', { status: 'paused', pausedUntil: '2099-01-31', reason: 'Sykdom i familien' });
    expect(res.status).to.equal(303);
    const row = await one(table(t.db, 'representatives').where({ id: rep }).first());
    expect(row.status).to.equal('paused');
    expect(String(row.paused_until).slice(0, 10)).to.equal('2099-01-31');
    const change = await one(
      table(t.db, 'representative_status_changes').where({ representative_id: rep }).orderBy('id', 'desc').first(),
    );
    expect(change).to.include({ from_status: 'active', to_status: 'paused', reason: 'Sykdom i familien' });
    expect(change.changed_by_user_id).to.be.a('number');
  });

  it('refuses a pause that ends before it starts, a pause without an end, and an impossible change', async () => {
    const past = await post('/status', { status: 'paused', pausedUntil: '2020-01-01', reason: 'x' });
    expect(past.status).to.equal(422);
    expect(past.text).to.contain('må slutte etter i dag');
    expect(past.text).to.contain('value="x"');
    const open = await post('/status', { status: 'paused', pausedUntil: '' });
    expect(open.status).to.equal(422);
    expect(open.text).to.contain('Skriv inn når pausen slutter');
    const prospective = await buildRepresentative(t.db, orgId, { status: 'prospective' });
    const impossible = await submitForm(
      agent,
      `/representatives/${prospective}`,
      `/representatives/${prospective}/status`,
      { status: 'paused', pausedUntil: '2099-01-01' },
    );
    expect(impossible.status).to.equal(422);
    expect((await table(t.db, 'representatives').where({ id: rep }).first())!.status).to.equal('active');
  });
});

describe('the skills taxonomy', () => {
  let t: TestApp;
  let orgId: number;
  let agent: Agent;
  beforeEach(async () => {
    ({ t, orgId, agent } = await signedInApp('admin'));
  });
  afterEach(() => t.close());

  it('adds a skill with names in both languages, and refuses empty or duplicate names with 422', async () => {
    const res = await submitForm(agent, '/skills', '/skills', {
      nameNb: 'Tegnspråk',
      nameEn: 'Sign language',
      category: 'language',
    });
    expect(res.status).to.equal(303);
    const list = await agent.get('/skills').expect(200);
    expect(list.text).to.contain('Tegnspråk');
    const dup = await submitForm(agent, '/skills', '/skills', {
      nameNb: 'tegnspråk',
      nameEn: 'Other',
      category: 'language',
    });
    expect(dup.status).to.equal(422);
    expect(dup.text).to.contain('finnes allerede');
    const empty = await submitForm(agent, '/skills', '/skills', {
      nameNb: '',
      nameEn: 'Something',
      category: 'nonsense',
    });
    expect(empty.status).to.equal(422);
    expect(empty.text).to.contain('Skriv inn navnet på bokmål');
    expect(empty.text).to.contain('Velg en kategori');
    expect(empty.text).to.contain('value="Something"');
  });

  it('archives instead of deleting, and restores', async () => {
    const id = await buildSkill(t.db, orgId, { nameNb: 'Gammel' });
    const rep = await buildRepresentative(t.db, orgId, { skills: [{ skillId: id, level: 1 }] });
    expect((await submitForm(agent, '/skills', `/skills/${id}/archive`, {})).status).to.equal(303);
    expect(Boolean((await table(t.db, 'skills').where({ id }).first())!.archived)).to.equal(true);
    expect(await table(t.db, 'representative_skills').where({ representative_id: rep })).to.have.length(1);
    const roster = await agent.get('/representatives').expect(200);
    expect(roster.text).to.not.match(new RegExp(`name="skill" value="${id}"`));
    await submitForm(agent, '/skills', `/skills/${id}/restore`, {});
    expect(Boolean((await table(t.db, 'skills').where({ id }).first())!.archived)).to.equal(false);
  });

  it('keeps the category fixed once created', async () => {
    const id = await buildSkill(t.db, orgId, { category: 'competence' });
    const res = await submitForm(agent, `/skills/${id}/edit`, `/skills/${id}/edit`, {
      nameNb: 'Ny',
      nameEn: 'New',
      category: 'lived_experience',
    });
    expect(res.status).to.equal(422);
  });
});
