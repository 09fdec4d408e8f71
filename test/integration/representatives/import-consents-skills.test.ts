import { expect } from 'chai';
import type { TestApp } from '../../helpers/app.js';
import { buildProject, buildRepresentative, buildSkill, buildRequirements } from '../../helpers/builders.js';
import { csrfFrom, signedInApp, type Agent } from '../../helpers/forms.js';
import { table } from '../../helpers/rows.js';

// Issue 14, item 9: an imported file carries consents and skills, so that imported people can be invited; and the
// import part of "Bad input": bad consent values, unknown skills and levels outside 1–3 are refused with 422.
describe('CSV import with consents and skills', () => {
  let t: TestApp;
  let orgId: number;
  let agent: Agent;
  let projectWork: number;
  let diabetes: number;
  beforeEach(async () => {
    ({ t, orgId, agent } = await signedInApp('facilitator'));
    projectWork = await buildSkill(t.db, orgId, { nameNb: 'Prosjektarbeid', nameEn: 'Project work' });
    diabetes = await buildSkill(t.db, orgId, { nameNb: 'Diabetes', nameEn: 'Diabetes', category: 'lived_experience' });
    await buildSkill(t.db, orgId, {
      nameNb: 'Diabetes type 2',
      nameEn: 'Type 2 diabetes',
      category: 'lived_experience',
    });
  });
  afterEach(() => t.close());

  const upload = async (content: string) => {
    const page = await agent.get('/representatives/import');
    const res = await agent
      .post(`/representatives/import?_csrf=${encodeURIComponent(csrfFrom(page.text))}`)
      .attach('file', Buffer.from(content, 'utf8'), 'roster.csv');
    expect(res.status).to.equal(303);
    return res.headers.location as string;
  };
  const post = async (batchUrl: string, action: string, fields: Record<string, string>) => {
    const page = await agent.get(batchUrl);
    return agent
      .post(`${batchUrl}/${action}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields });
  };
  const people = async () =>
    (await table(t.db, 'representatives').where({ organisation_id: orgId }).orderBy('id')) as Array<{
      id: number;
      name: string;
      languages: string;
      status: string;
    }>;
  const consentsOf = async (id: number) =>
    (
      (await table(t.db, 'consents').where({ representative_id: id }).orderBy('purpose')) as Array<{
        purpose: string;
        method: string;
        recorded_by_user_id: number;
      }>
    ).map((c) => `${c.purpose}:${c.method}`);
  const skillsOf = async (id: number) =>
    (
      (await table(t.db, 'representative_skills').where({ representative_id: id }).orderBy('skill_id')) as Array<{
        skill_id: number;
        level: number;
      }>
    ).map((s) => [Number(s.skill_id), Number(s.level)]);

  const GOOD_FILE = [
    'Navn;E-post;Språk;Samtykke e-post;Samtykke helse;Samtykke navn;Kompetanse;Erfaring',
    'Kari Import;kari@example.no;bokmål, English;ja;ja;Ja;Prosjektarbeid (2);Diabetes: 3',
    'Ola Import;ola@example.no;NYNORSK;nei;;nei;project work;',
    'Per Import;per@example.no;arabisk og somali;yes;no;no;;',
  ].join('\r\n');

  it('guesses the consent and skill columns, records the consents as confirmed once, the skills with their levels, and lists who still cannot be invited', async () => {
    const batchUrl = await upload(GOOD_FILE);
    const preview = await agent.get(batchUrl).expect(200);
    expect(preview.text).to.contain('Klare til import: 3 · Med feil: 0');

    const refused = await post(batchUrl, 'confirm', { status: 'active', rosterConsent: 'yes' });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('Velg hvordan samtykkene ble registrert');
    expect(await people()).to.have.length(0);

    const done = await post(batchUrl, 'confirm', { status: 'active', rosterConsent: 'yes', consentMethod: 'written' });
    expect(done.status).to.equal(303);
    const resultUrl = done.headers.location as string;
    expect(resultUrl).to.match(/^\/representatives\/import\/\d+\/result$/);

    const [kari, ola, per] = await people();
    expect(kari).to.include({ name: 'Kari Import', status: 'active', languages: 'nb,en' });
    expect(ola!.languages).to.equal('nn');
    expect(per!.languages).to.equal('ar,so');
    expect(await consentsOf(kari!.id)).to.deep.equal([
      'email_contact:written',
      'health_experience:written',
      'named_in_reports:written',
      'roster:written',
    ]);
    expect(await consentsOf(ola!.id)).to.deep.equal(['roster:written']);
    expect(await consentsOf(per!.id)).to.deep.equal(['email_contact:written', 'roster:written']);
    const recordedBy = await table(t.db, 'consents')
      .where({ representative_id: kari!.id })
      .pluck('recorded_by_user_id');
    expect(new Set(recordedBy.map(Number)).size).to.equal(1);
    expect(recordedBy[0]).to.not.equal(null);
    expect(await skillsOf(kari!.id)).to.deep.equal([
      [projectWork, 2],
      [diabetes, 3],
    ]);
    expect(await skillsOf(ola!.id)).to.deep.equal([[projectWork, 1]]);

    const result = await agent.get(resultUrl).expect(200);
    expect(result.text).to.contain('Importert: 3 · Kan inviteres nå: 2 · Kan ikke inviteres ennå: 1');
    expect(result.text).to.contain(`href="/representatives/${ola!.id}"`);
    expect(result.text).to.contain('Vil bli kontaktet på e-post, men har ikke samtykket til det');
    expect(result.text).to.not.contain(`href="/representatives/${kari!.id}"`);
    // the batch is done: its page and its confirmation lead to the result, and nothing is imported twice
    const again = await agent.get(batchUrl);
    expect(again.status).to.equal(303);
    expect(again.headers.location).to.equal(resultUrl);
    expect(await people()).to.have.length(3);

    // a fully consented imported person is a candidate for a project that needs what she has
    const project = await buildProject(t.db, orgId);
    await buildRequirements(t.db, project, [{ skillId: projectWork, must: true, minLevel: 2 }]);
    const matches = await agent.get(`/projects/${project}/matches`).expect(200);
    expect(matches.text).to.contain(`href="/representatives/${kari!.id}">Kari Import</a>`);
    expect(matches.text).to.not.contain('>Ola Import<');
  });

  it('lists everyone imported as prospective as not yet invitable, with the reason', async () => {
    const batchUrl = await upload(GOOD_FILE);
    const done = await post(batchUrl, 'confirm', {
      status: 'prospective',
      rosterConsent: 'yes',
      consentMethod: 'verbal',
    });
    const result = await agent.get(done.headers.location as string).expect(200);
    expect(result.text).to.contain('Kan inviteres nå: 0 · Kan ikke inviteres ennå: 3');
    expect(result.text.match(/Status er «Ny, ikke klar», ikke «Aktiv»/g)).to.have.length(3);
  });

  it('shows who cannot be invited in English for an English-speaking user', async () => {
    await t.db('users').where({ organisation_id: orgId }).update({ locale: 'en' });
    const batchUrl = await upload(GOOD_FILE);
    const done = await post(batchUrl, 'confirm', { status: 'active', rosterConsent: 'yes', consentMethod: 'email' });
    const result = await agent.get(done.headers.location as string).expect(200);
    expect(result.text).to.contain('Imported: 3 · Can be invited now: 2 · Cannot be invited yet: 1');
    expect(result.text).to.contain('Wants e-mail but has not consented to it');
  });

  it('refuses a bad consent value, an unknown skill (with the closest names), a level outside 1–3 and lived experience without health consent: 422, nothing written, every choice kept', async () => {
    await buildRepresentative(t.db, orgId, { name: 'Already There' });
    const before = (await people()).length;
    const batchUrl = await upload(
      [
        'Navn;E-post;Samtykke e-post;Samtykke helse;Kompetanse;Notat',
        'God Rad;god@example.no;ja;ja;Diabetes (2);',
        'Kanskje Rad;kanskje@example.no;kanskje;;;',
        'Skrivefeil Rad;skrive@example.no;ja;;Diabetis;',
        'Nivå Rad;niva@example.no;ja;;Prosjektarbeid (4);',
        'Helse Rad;helse@example.no;ja;nei;Prosjektarbeid, Diabetes type 2;',
      ].join('\n'),
    );
    const preview = await agent.get(batchUrl).expect(200);
    expect(preview.text).to.contain('Klare til import: 1 · Med feil: 4');
    expect(preview.text).to.contain('«kanskje» er verken ja eller nei');
    expect(preview.text).to.contain(
      '«Diabetis» finnes ikke i kompetanselisten. Mente du «Diabetes» eller «Diabetes type 2»?',
    );
    expect(preview.text).to.contain('Nivået for «Prosjektarbeid» må være 1, 2 eller 3 (står «4»)');
    expect(preview.text).to.contain('«Diabetes type 2» er erfaringskompetanse');

    // the facilitator also changed the mapping on the same page (the note column is now skipped) before confirming
    const refused = await post(batchUrl, 'confirm', {
      status: 'active',
      consentMethod: 'email',
      rosterConsent: 'yes',
      column_0: 'name',
      column_1: 'email',
      column_2: 'consentEmail',
      column_3: 'consentHealth',
      column_4: 'skills',
      column_5: '',
    });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('id="error-summary"');
    expect(refused.text).to.contain('4 rader har feil');
    expect(refused.text).to.contain('href="#line-3"');
    expect(refused.text).to.match(/Linje 4: Kompetanse: «Diabetis» finnes ikke i kompetanselisten/);
    expect((await people()).length).to.equal(before);
    expect(await table(t.db, 'consents').where({ organisation_id: orgId, method: 'email' })).to.have.length(0);
    // every choice stays as chosen
    expect(refused.text).to.match(/value="active" checked/);
    expect(refused.text).to.match(/value="email" checked/);
    expect(refused.text).to.match(/name="rosterConsent" value="yes" checked/);
    const selects = [...refused.text.matchAll(/<select[^>]*id="([^"]+)"[\s\S]*?<\/select>/g)];
    const chosen = new Map(selects.map((m) => [m[1], /<option value="([^"]*)" selected>/.exec(m[0])?.[1]]));
    expect(chosen.get('column_4')).to.equal('skills');
    expect(chosen.get('column_5')).to.equal('');
    expect((await table(t.db, 'import_batches').first())!.mapping).to.contain('"Notat":""');

    // choosing to skip the rows with errors imports the good one only
    const done = await post(batchUrl, 'confirm', {
      status: 'active',
      consentMethod: 'email',
      rosterConsent: 'yes',
      skipErrors: 'yes',
    });
    expect(done.status).to.equal(303);
    const added = (await people()).filter((p) => p.name !== 'Already There');
    expect(added.map((p) => p.name)).to.deep.equal(['God Rad']);
    expect(await skillsOf(added[0]!.id)).to.deep.equal([[diabetes, 2]]);
  });

  it('refuses a row whose roster consent is no', async () => {
    const batchUrl = await upload(
      'Navn;E-post;Samtykke oversikt\nNei Takk;nei@example.no;nei\nJa Takk;ja@example.no;ja\n',
    );
    const preview = await agent.get(batchUrl).expect(200);
    expect(preview.text).to.contain('Klare til import: 1 · Med feil: 1');
    expect(preview.text).to.contain('har ikke samtykket til å stå i oversikten');
  });

  it('strips control characters from imported cells, the same on both engines', async () => {
    // a NUL past the first 4000 characters is not caught by the binary-file check; PostgreSQL refuses it (22021)
    const batchUrl = await upload(
      `Navn;E-post;Notat\nKontroll\u0001 Tegn;kontroll@example.no;linje 1\u000b\nLang Rad;lang@example.no;${'x'.repeat(4100)}\nNull\u0000 Byte;null@example.no;a\u0000b\n`,
    );
    const done = await post(batchUrl, 'confirm', { status: 'active', rosterConsent: 'yes', consentMethod: 'written' });
    expect(done.status).to.equal(303);
    const people = (await table(t.db, 'representatives').where({ organisation_id: orgId }).orderBy('id')) as Array<{
      name: string;
      notes: string;
    }>;
    expect(people.map((p) => p.name)).to.deep.equal(['Kontroll Tegn', 'Lang Rad', 'Null Byte']);
    expect(people[0]!.notes).to.equal('linje 1');
    expect(people[2]!.notes).to.equal('ab');
  });
});
