import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildContact,
  buildImpact,
  buildInvitation,
  buildInvolvement,
  buildMeeting,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
} from '../../helpers/builders.js';
import { signIn, type Agent } from '../../helpers/forms.js';
import { ManualClock } from '../../../src/lib/clock.js';

// Issue 21, item 1: a project's results page. What the project set out to do, meetings held, hours, the level
// promised against delivered, the team by the supervisors' rules, and what was said and changed; the same page for
// staff and supervisors, with no contact detail, no health-related reason and no count of people under 5.

const NOW = '2026-12-01T09:00:00.000Z';

describe('a project’s results page (issue 21, item 1)', () => {
  let t: TestApp;
  let org: number;
  let project: number;
  let facilitator: Agent;
  let supervisor: Agent;
  let supervisorEn: Agent;

  before(async () => {
    t = await buildTestApp({}, { clock: new ManualClock(NOW) });
    org = await buildOrganisation(t.db);
    const kari = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    const owner = await buildContact(t.db, org, { name: 'Ingrid Eier', email: 'ingrid.eier@kommune.example' });
    await t.db('contacts').where({ id: owner }).update({ phone: '+47 912 34 567' });
    project = await buildProject(t.db, org, {
      title: 'Trygg utskriving',
      seats: 8,
      startsOn: '2026-09-01',
      endsOn: '2027-03-31',
      whatMatters: 'Å vite hvem man skal ringe etter utskriving',
    });
    await t.db('projects').where({ id: project }).update({
      purpose: 'Færre reinnleggelser etter utskriving',
      phase: 'evaluating',
      target_level: 'involve',
      owner_contact_id: owner,
      facilitator_user_id: kari.id,
    });
    // the team: one named (consented), five not; one declined for health, which must never show
    const named = await buildRepresentative(t.db, org, {
      name: 'Nora Navngitt',
      consents: ['roster', 'email_contact', 'named_in_reports'],
    });
    const team = [named];
    for (let i = 0; i < 5; i += 1) team.push(await buildRepresentative(t.db, org, { name: `Uten Navn ${i}` }));
    for (const rep of team)
      await buildInvitation(t.db, org, { projectId: project, representativeId: rep, status: 'accepted' });
    const declined = await buildRepresentative(t.db, org, { name: 'Syk Person' });
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: declined, status: 'declined' },
      { declineReason: 'health' },
    );
    // meetings: three held, one ahead, one cancelled
    for (const day of ['2026-09-15', '2026-10-15', '2026-11-15', '2027-01-15'])
      await buildMeeting(t.db, org, project, { startsAt: `${day}T09:00:00.000Z`, endsAt: `${day}T11:00:00.000Z` });
    await buildMeeting(t.db, org, project, {
      startsAt: '2026-10-01T09:00:00.000Z',
      endsAt: '2026-10-01T11:00:00.000Z',
      cancelledAt: '2026-09-20T09:00:00.000Z',
    });
    // six attended entries of two hours (one at collaborate), one absent
    for (const [i, rep] of team.entries())
      await buildInvolvement(
        t.db,
        org,
        { projectId: project, representativeId: rep, occurredOn: '2026-10-15' },
        { minutes: 120, preparationMinutes: 30, levelDelivered: i === 0 ? 'collaborate' : 'involve' },
      );
    await buildInvolvement(
      t.db,
      org,
      { projectId: project, representativeId: team[1]!, occurredOn: '2026-11-15' },
      { minutes: 0, attended: false },
    );
    await buildImpact(t.db, org, project, {
      whatSaid: 'Ingen visste hvem de skulle ringe',
      whatChanged: 'Et telefonnummer på utskrivingsbrevet',
      status: 'adopted',
      decidedOn: '2026-11-20',
      fedBackAt: '2026-11-25T10:00:00.000Z',
    });
    await buildImpact(t.db, org, project, {
      whatSaid: 'Ønsker hjemmebesøk dagen etter',
      status: 'rejected',
      rejectedReason: 'Ikke kapasitet i hjemmetjenesten i år',
      decidedOn: '2026-11-21',
    });
    facilitator = (await signIn(t.app, kari.email, kari.password)).agent;
    const boss = await buildUser(t.db, org, { role: 'supervisor' });
    supervisor = (await signIn(t.app, boss.email, boss.password)).agent;
    const bossEn = await buildUser(t.db, org, { role: 'supervisor', locale: 'en' });
    supervisorEn = (await signIn(t.app, bossEn.email, bossEn.password)).agent;
  });
  after(() => t.close());

  const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  const text = (html: string) =>
    main(html)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');

  it('when a facilitator opens it, then it shows purpose, meetings, hours, levels, the team and what changed', async () => {
    const page = text((await facilitator.get(`/projects/${project}/results`).expect(200)).text);
    expect(page).to.contain('Resultater: Trygg utskriving');
    expect(page).to.contain('Færre reinnleggelser etter utskriving');
    expect(page).to.contain('Å vite hvem man skal ringe etter utskriving');
    expect(page).to.contain('Møter holdt 3 (1 møte planlagt)');
    expect(page).to.contain('Timer 12'); // six entries of two hours; the absent one counts nothing
    expect(page).to.contain('Timer til forberedelse 3');
    expect(page).to.contain('Representanter som deltok 6');
    expect(page).to.contain('Medvirkningsnivå lovet Involvere');
    expect(page).to.contain('Høyeste nivå levert Samarbeide');
    expect(page).to.contain('Prosjektet nådde et høyere nivå (Samarbeide) enn det lovet (Involvere).');
    expect(page).to.contain('Nora Navngitt');
    expect(page).to.contain('og 5 andre representanter');
    expect(page).to.contain('Ingrid Eier');
    expect(page).to.contain('Kari Tilrettelegger');
    expect(page).to.contain('Et telefonnummer på utskrivingsbrevet');
    expect(page).to.contain('Tatt i bruk');
    expect(page).to.contain('tilbakemeldt til representantene');
    expect(page).to.contain('Ikke kapasitet i hjemmetjenesten i år');
  });

  it('when a supervisor opens it, then the page’s content is the facilitator’s: no names without consent, no contact details', async () => {
    // the page's content (its forms carry each user's own CSRF token, and the 'as of' line the time)
    const content = (html: string) =>
      html.slice(html.indexOf('<div id="shared-content">'), html.indexOf('<!-- /shared-content -->'));
    const asFacilitator = content((await facilitator.get(`/projects/${project}/results`).expect(200)).text);
    const asSupervisor = content((await supervisor.get(`/projects/${project}/results`).expect(200)).text);
    expect(asSupervisor.length).to.be.above(1000);
    expect(asSupervisor).to.equal(asFacilitator);
    for (const hidden of ['Uten Navn', 'Syk Person', 'ingrid.eier@kommune.example', '912 34 567', 'Helse'])
      expect(asSupervisor).not.to.contain(hidden);
  });

  it('when the reader’s language is English, then the page is in English', async () => {
    const page = text((await supervisorEn.get(`/projects/${project}/results`).expect(200)).text);
    expect(page).to.contain('Results: Trygg utskriving');
    expect(page).to.contain('Meetings held 3 (1 meeting planned)');
    expect(page).to.contain('Highest level delivered Collaborate');
    expect(page).to.contain('and 5 other representatives');
  });

  it('when the team is small, then its counts read “fewer than 5”', async () => {
    const small = await buildProject(t.db, org, { title: 'Lite prosjekt', seats: 3 });
    for (let i = 0; i < 2; i += 1) {
      const rep = await buildRepresentative(t.db, org);
      await buildInvitation(t.db, org, { projectId: small, representativeId: rep, status: 'accepted' });
      await buildInvolvement(t.db, org, { projectId: small, representativeId: rep, occurredOn: '2026-11-01' });
    }
    const page = text((await supervisor.get(`/projects/${small}/results`).expect(200)).text);
    expect(page).to.contain('Representanter som deltok færre enn 5');
    expect(page).to.not.match(/Representanter som deltok \d/);
    expect(page).to.contain('Ingen innspill er registrert ennå.');
  });

  it('when the project is another organisation’s, then 404', async () => {
    const other = await buildOrganisation(t.db);
    const theirs = await buildProject(t.db, other, { title: 'Deres prosjekt' });
    const res = await supervisor.get(`/projects/${theirs}/results`).expect(404);
    expect(res.text).not.to.contain('Deres prosjekt');
  });

  it('when the project page is open, then it links to the results', async () => {
    const page = (await facilitator.get(`/projects/${project}`).expect(200)).text;
    expect(page).to.contain(`href="/projects/${project}/results"`);
  });
});
