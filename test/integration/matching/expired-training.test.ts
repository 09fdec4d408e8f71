import { expect } from 'chai';
import { ManualClock } from '../../../src/lib/clock.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildSkill,
  buildUser,
  type BuiltUser,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';
import { buildRequirements } from '../../helpers/record-builders.js';
import { table } from '../../helpers/rows.js';

// Issue 18: expired training is a rule applied when matching runs, not a job that deletes skills. Training valid
// until 2 March 2026 counts through that day in the organisation's zone (Europe/Oslo) and not after: at 23:30 UTC on
// 2 March it is already 3 March in Oslo, so the same training that scored at noon scores nothing, a must-have it met
// is unmet, the reasons say when it expired, and the profile still lists it, marked expired.
describe('matching: expired training on the matches page (issue 18)', () => {
  const clock = new ManualClock('2026-03-02T11:00:00Z');
  let t: TestApp;
  let nbUser: BuiltUser;
  let enUser: BuiltUser;
  let project: number;
  let anne: number;
  let berit: number;

  before(async () => {
    t = await buildTestApp({}, { clock });
    const org = await buildOrganisation(t.db);
    nbUser = await buildUser(t.db, org, { role: 'facilitator' });
    enUser = await buildUser(t.db, org, { role: 'facilitator', locale: 'en' });
    const confidentiality = await buildSkill(t.db, org, {
      nameNb: 'Taushetsplikt',
      nameEn: 'Confidentiality',
      category: 'training',
    });
    const firstAid = await buildSkill(t.db, org, { nameNb: 'Førstehjelp', nameEn: 'First aid', category: 'training' });
    project = await buildProject(t.db, org, {
      title: 'Trygg utskriving',
      startsOn: '2026-06-01',
      endsOn: '2026-12-31',
    });
    await buildRequirements(t.db, project, [
      { skillId: confidentiality, must: true, minLevel: 1 },
      { skillId: firstAid, must: false, minLevel: 2 },
    ]);
    // Anne's first aid expires; Berit's confidentiality, the must-have, does
    anne = await buildRepresentative(t.db, org, {
      name: 'Anne Kurs',
      skills: [
        { skillId: confidentiality, level: 1 },
        { skillId: firstAid, level: 3 },
      ],
    });
    berit = await buildRepresentative(t.db, org, {
      name: 'Berit Taus',
      skills: [
        { skillId: confidentiality, level: 2 },
        { skillId: firstAid, level: 3 },
      ],
    });
    await table(t.db, 'representative_skills')
      .where({ representative_id: anne, skill_id: firstAid })
      .update({ expires_on: '2026-03-02' });
    await table(t.db, 'representative_skills')
      .where({ representative_id: berit, skill_id: confidentiality })
      .update({ expires_on: '2026-03-02' });
    await t.db('organisations').where({ id: org }).increment('roster_version', 1);
  });
  after(() => t.close());

  // the session's idle limit runs on the same clock: sign in anew at each moment
  const agentFor = async (user: BuiltUser): Promise<Agent> => (await signIn(t.app, user.email, user.password)).agent;
  const matches = async (agent: Agent, q = '') =>
    (await agent.get(`/projects/${project}/matches${q ? `?q=${encodeURIComponent(q)}` : ''}`).expect(200)).text;
  /** The part of the ranked list about one person ('' when they are not ranked). */
  const rankedEntry = (html: string, id: number) => {
    const start = html.indexOf(`id="candidate-${id}"`);
    if (start < 0) return '';
    const end = html.indexOf('class="app-candidate"', start + 1);
    return html.slice(start, end < 0 ? html.indexOf('</ol>', start) : end);
  };
  const fitOf = (entry: string) => Number(/<meter[^>]*value="(\d+)"/.exec(entry)?.[1]);

  let fitOnTheDay = 0;

  it('counts training on its last valid day: both are ranked, no expiry named', async () => {
    clock.set('2026-03-02T11:00:00Z');
    const html = await matches(await agentFor(nbUser));
    const anneEntry = rankedEntry(html, anne);
    expect(anneEntry).to.contain('Har: Førstehjelp (ekspert)');
    expect(anneEntry).not.to.contain('gikk ut');
    expect(rankedEntry(html, berit)).to.contain('Berit Taus');
    fitOnTheDay = fitOf(anneEntry);
    expect(fitOnTheDay).to.be.greaterThan(0);
  });

  it('ignores the training from the next day in the organisation’s zone: no points, and the reason says so', async () => {
    clock.set('2026-03-02T23:30:00Z'); // 00:30 on 3 March in Oslo
    const html = await matches(await agentFor(nbUser));
    const anneEntry = rankedEntry(html, anne);
    expect(anneEntry).to.contain('Har 0 av 1 ønskede ferdigheter');
    expect(anneEntry).to.contain('Mangler: Førstehjelp (minst erfaren)');
    expect(anneEntry).to.contain('Førstehjelp: kurset gikk ut 2. mars 2026 og teller ikke lenger');
    expect(fitOf(anneEntry)).to.be.lessThan(fitOnTheDay);
    const enHtml = await matches(await agentFor(enUser));
    expect(rankedEntry(enHtml, anne)).to.contain('First aid: training expired on 2 March 2026 and no longer counts');
  });

  it('leaves out a person whose must-have was met only by the expired training, and says why', async () => {
    const agent = await agentFor(nbUser);
    const html = await matches(agent);
    expect(rankedEntry(html, berit)).to.equal('');
    expect(html).to.contain('Mangler Taushetsplikt (minst grunnleggende): 1');
    const lookedUp = await matches(agent, 'Berit');
    expect(lookedUp).to.contain('Mangler Taushetsplikt (minst grunnleggende), som prosjektet må ha');
    expect(lookedUp).to.contain('Taushetsplikt: kurset gikk ut 2. mars 2026 og teller ikke lenger');
    const enLookedUp = await matches(await agentFor(enUser), 'Berit');
    expect(enLookedUp).to.contain('Confidentiality: training expired on 2 March 2026 and no longer counts');
    // and she cannot be shortlisted: the shortlist asks the same matching
    const res = await agent
      .post(`/projects/${project}/shortlist`)
      .type('form')
      .send({ _csrf: csrfFrom(html), representativeId: String(berit) });
    expect(res.status).to.equal(422);
    expect(await table(t.db, 'invitations').where({ project_id: project, representative_id: berit })).to.have.length(0);
  });

  it('keeps the expired training on the record, marked expired on the profile', async () => {
    const rows = await table(t.db, 'representative_skills').whereIn('representative_id', [anne, berit]);
    expect(rows).to.have.length(4);
    const profile = (await (await agentFor(nbUser)).get(`/representatives/${anne}`).expect(200)).text;
    expect(profile).to.contain('Gikk ut 2. mars 2026');
    expect(profile).not.to.contain('gyldig til 2. mars 2026');
  });

  it('shows the training as valid until its date while it still counts', async () => {
    clock.set('2026-03-02T11:00:00Z');
    const agent = await agentFor(nbUser);
    const profile = (await agent.get(`/representatives/${anne}`).expect(200)).text;
    expect(profile).to.contain('gyldig til 2. mars 2026');
    expect(profile).not.to.contain('Gikk ut');
    // moving the clock back counts the training again (nothing was deleted)
    expect(rankedEntry(await matches(agent), berit)).to.contain('Berit Taus');
  });
});
