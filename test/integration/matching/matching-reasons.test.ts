import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildSkill,
  buildUser,
  buildRequirements,
} from '../../helpers/builders.js';
import { signIn, type Agent } from '../../helpers/forms.js';

// Issue 14 item 5: the matches page names what is missing (skill and level, consent, address or phone) and which
// wished skills a candidate holds and which not, in both languages; a looked-up name links to the profile.
describe('matching reasons on the matches page (issue 14 item 5)', () => {
  let t: TestApp;
  let nb: Agent;
  let en: Agent;
  let project: number;
  const people: Record<string, number> = {};

  before(async () => {
    t = await buildTestApp();
    const org = await buildOrganisation(t.db);
    nb = (await signIn(t.app, ...creds(await buildUser(t.db, org, { role: 'facilitator' })))).agent;
    en = (await signIn(t.app, ...creds(await buildUser(t.db, org, { role: 'facilitator', locale: 'en' })))).agent;
    const interpreting = await buildSkill(t.db, org, { nameNb: 'Tolking', nameEn: 'Interpreting' });
    const statistics = await buildSkill(t.db, org, { nameNb: 'Statistikk', nameEn: 'Statistics' });
    const writing = await buildSkill(t.db, org, { nameNb: 'Klarspråk', nameEn: 'Plain language' });
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 3 });
    await buildRequirements(t.db, project, [
      { skillId: interpreting, must: true, minLevel: 2 },
      { skillId: statistics, must: false, minLevel: 1 },
      { skillId: writing, must: false, minLevel: 3 },
    ]);
    people.lacking = await buildRepresentative(t.db, org, {
      name: 'Kari Mangler',
      skills: [{ skillId: interpreting, level: 1 }],
    });
    people.noConsent = await buildRepresentative(t.db, org, {
      name: 'Ola Utensamtykke',
      consents: ['roster'],
      skills: [{ skillId: interpreting, level: 2 }],
    });
    people.noPhone = await buildRepresentative(t.db, org, {
      name: 'Per Utentelefon',
      skills: [{ skillId: interpreting, level: 2 }],
    });
    people.noAddress = await buildRepresentative(t.db, org, {
      name: 'Liv Utenadresse',
      skills: [{ skillId: interpreting, level: 2 }],
    });
    await t.db('representatives').where({ id: people.noPhone }).update({ preferred_contact: 'phone' });
    await t.db('representatives').where({ id: people.noAddress }).update({ preferred_contact: 'letter' });
    people.candidate = await buildRepresentative(t.db, org, {
      name: 'Anne Kandidat',
      skills: [
        { skillId: interpreting, level: 3 },
        { skillId: statistics, level: 1 },
        { skillId: writing, level: 2 },
      ],
    });
    await t.db('organisations').where({ id: org }).increment('roster_version', 1);
  });
  after(() => t.close());

  const creds = (u: { email: string; password: string }) => [u.email, u.password] as const;
  const page = async (agent: Agent, q = '') =>
    (await agent.get(`/projects/${project}/matches${q ? `?q=${encodeURIComponent(q)}` : ''}`).expect(200)).text;

  it('names the must-have skill and level a looked-up person lacks, with a link to the profile (nb)', async () => {
    const html = await page(nb, 'Kari');
    expect(html).to.contain(`<a class="ds-link" href="/representatives/${people.lacking}">Kari Mangler</a>`);
    expect(html).to.contain('Mangler Tolking (minst erfaren, har grunnleggende), som prosjektet må ha');
  });

  it('names the must-have skill and level a looked-up person lacks (en)', async () => {
    const html = await page(en, 'Kari');
    expect(html).to.contain('Lacks Interpreting (at least experienced, has basic), which the project must have');
  });

  it('names the missing e-mail consent, phone number or postal address (nb and en)', async () => {
    const nbHtml = await page(nb, 'Uten');
    expect(nbHtml).to.contain('Vil bli kontaktet på e-post, men har ikke samtykket til det');
    expect(nbHtml).to.contain('Vil bli ringt, men har ikke noe telefonnummer');
    expect(nbHtml).to.contain('Vil ha brev, men har ingen postadresse');
    expect(nbHtml).to.contain(`href="/representatives/${people.noPhone}"`);
    const enHtml = await page(en, 'Uten');
    expect(enHtml).to.contain('Wants e-mail but has not consented to it');
    expect(enHtml).to.contain('Wants phone calls but has no phone number');
    expect(enHtml).to.contain('Wants letters but has no postal address');
  });

  it('breaks the reasons for leaving people out down by skill and by consent or detail (nb and en)', async () => {
    const nbHtml = await page(nb);
    expect(nbHtml).to.contain('Mangler Tolking (minst erfaren): 1');
    expect(nbHtml).to.contain('Mangler samtykke til e-post: 1');
    expect(nbHtml).to.contain('Mangler telefonnummer: 1');
    expect(nbHtml).to.contain('Mangler postadresse: 1');
    const enHtml = await page(en);
    expect(enHtml).to.contain('Lacks Interpreting (at least experienced): 1');
    expect(enHtml).to.contain('No consent to e-mail: 1');
    expect(enHtml).to.contain('No phone number: 1');
    expect(enHtml).to.contain('No postal address: 1');
  });

  it('says which wished skills a candidate holds and which they lack (nb and en)', async () => {
    const nbHtml = await page(nb);
    expect(nbHtml).to.contain('Har 1 av 2 ønskede ferdigheter');
    expect(nbHtml).to.contain('Har: Statistikk (grunnleggende)');
    expect(nbHtml).to.contain('Mangler: Klarspråk (minst ekspert, har erfaren)');
    const enHtml = await page(en);
    expect(enHtml).to.contain('Has 1 of 2 wished skills');
    expect(enHtml).to.contain('Holds: Statistics (basic)');
    expect(enHtml).to.contain('Lacks: Plain language (at least expert, has experienced)');
  });

  it('links a looked-up candidate who is suggested to the profile too', async () => {
    const full = await page(nb, 'Anne');
    const html = full.slice(full.indexOf('id="lookup-heading"'), full.indexOf('id="ranked-heading"'));
    expect(html).to.contain(`<a class="ds-link" href="/representatives/${people.candidate}">Anne Kandidat</a>`);
    expect(html).to.contain('foreslått som nummer 1');
  });
});
