import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  buildInvitation,
  buildInvolvement,
} from '../../helpers/builders.js';
import { signIn, type Agent } from '../../helpers/forms.js';
import { insertReturningIds } from '../../../src/db.js';

// Issue 14 item 11: supervisors hit dead ends. They get a read-only project list (phase, unit, seats filled, no
// contact details), a dashboard with the latest headline figures and links, and every browser gets a favicon.
describe('supervisors without dead ends, and a favicon (issue 14 item 11)', () => {
  let t: TestApp;
  let org: number;
  let supervisor: Agent;
  let supervisorEn: Agent;
  let facilitator: Agent;
  let project: number;

  before(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db);
    const now = new Date().toISOString();
    const [unit] = await insertReturningIds(t.db, 'units', [
      { organisation_id: org, name: 'Hjemmetjenesten', kind: 'home_care', created_at: now },
    ]);
    const contact = (
      await insertReturningIds(t.db, 'contacts', [
        {
          organisation_id: org,
          name: 'Ingrid Haugen',
          email: 'ingrid@kommune.example',
          champion: false,
          created_at: now,
        },
      ])
    )[0]!;
    const today = t.clock.now().toISODate()!;
    project = await buildProject(t.db, org, {
      title: 'Trygg utskriving',
      seats: 2,
      startsOn: t.clock.now().minus({ months: 2 }).toISODate()!,
      endsOn: t.clock.now().plus({ months: 6 }).toISODate()!,
    });
    await t
      .db('projects')
      .where({ id: project })
      .update({ unit_id: unit, owner_contact_id: contact, phase: 'running' });
    const anne = await buildRepresentative(t.db, org, { name: 'Anne Aas', email: 'anne@test.example' });
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: anne, status: 'accepted' },
      { createdAt: now },
    );
    await buildInvolvement(
      t.db,
      org,
      { projectId: project, representativeId: anne, occurredOn: today },
      { minutes: 150, attended: true, honorariumOre: 75000, createdAt: now },
    );
    await t.db('organisations').where({ id: org }).increment('roster_version', 1);
    const sup = await buildUser(t.db, org, { role: 'supervisor' });
    const supEn = await buildUser(t.db, org, { role: 'supervisor', locale: 'en' });
    const fac = await buildUser(t.db, org, { role: 'facilitator' });
    supervisor = (await signIn(t.app, sup.email, sup.password)).agent;
    supervisorEn = (await signIn(t.app, supEn.email, supEn.password)).agent;
    facilitator = (await signIn(t.app, fac.email, fac.password)).agent;
  });
  after(() => t.close());

  it('gives a supervisor a read-only project list with phase, unit and seats filled, linking to the project page', async () => {
    const res = await supervisor.get('/projects').expect(200);
    expect(res.text).to.contain(`<a class="ds-link" href="/projects/${project}">Trygg utskriving</a>`);
    expect(res.text).to.contain('<td data-label="Fase">Pågår</td>');
    expect(res.text).to.contain('<td data-label="Enhet">Hjemmetjenesten</td>');
    // issue 15 finding 4: a team of one is no number a supervisor reads; the seats still show
    expect(res.text).to.contain('2 plasser');
    expect(res.text).to.not.contain('1 av 2 plasser besatt');
    expect(res.text).to.not.contain('href="/projects/new"');
    expect(res.text).to.not.contain('@');
    expect(res.text).to.not.contain('Ingrid Haugen');
    expect(res.text).to.not.contain('Anne Aas');
    expect(res.text).to.not.contain('/representatives/');
    await supervisor.get(`/projects/${project}`).expect(200);
  });

  it('keeps the facilitator’s project list as it was', async () => {
    const res = await facilitator.get('/projects').expect(200);
    expect(res.text).to.contain('href="/projects/new"');
    expect(res.text).to.contain('id="facilitator"');
    expect(res.text).to.contain(`<a class="ds-link" href="/projects/${project}">Trygg utskriving</a>`);
  });

  it('links a supervisor’s project page back to the list, and the navigation to the list', async () => {
    const res = await supervisor.get(`/projects/${project}`).expect(200);
    expect(res.text).to.contain('<a class="ds-link" href="/projects">Prosjekter</a>');
    expect(res.text).to.match(/<a class="ds-link app-nav__link" href="\/projects"[^>]*>Prosjekter<\/a>/);
  });

  it('shows a supervisor the latest headline figures with links to the report and the projects', async () => {
    const res = await supervisor.get('/').expect(200);
    expect(res.text).to.not.contain('kommer her');
    const figures = res.text.slice(res.text.indexOf('id="dash-figures"'));
    expect(figures).to.contain('Prosjekter med representanter');
    expect(figures).to.match(/1 \/ 1/);
    expect(figures).to.contain('Representanter som deltok');
    expect(figures).to.contain('færre enn 5');
    expect(figures).to.contain('2,5');
    expect(figures).to.contain('href="/reports"');
    expect(figures).to.contain('href="/projects"');
    expect(figures).to.not.contain('Anne Aas');
  });

  it('shows the same dashboard in English, with numbers in English format', async () => {
    const res = await supervisorEn.get('/').expect(200);
    expect(res.text).to.not.contain('will appear here');
    const figures = res.text.slice(res.text.indexOf('id="dash-figures"'));
    expect(figures).to.contain('Projects with representatives');
    expect(figures).to.contain('fewer than 5');
    expect(figures).to.contain('2.5');
  });

  it('refuses a supervisor every write on projects with 403', async () => {
    const page = await supervisor.get('/projects');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
    for (const path of [
      '/projects/new',
      `/projects/${project}/edit`,
      `/projects/${project}/phase`,
      `/projects/${project}/requirements`,
      `/projects/${project}/meetings`,
      `/projects/${project}/shortlist`,
    ]) {
      const res = await supervisor.post(path).type('form').send({ _csrf: csrf, title: 'x', phase: 'closed' });
      expect(res.status, path).to.equal(403);
    }
    await supervisor.get('/projects/new').expect(403);
    await supervisor.get(`/projects/${project}/matches`).expect(403);
  });

  it('answers /favicon.ico with an icon on every fresh browser, and links it from every page', async () => {
    const icon = await request(t.app).get('/favicon.ico').expect(200);
    expect(icon.headers['content-type']).to.match(/^image\//);
    expect(Number(icon.headers['content-length'] ?? (icon.body as Buffer).length)).to.be.greaterThan(0);
    const home = await request(t.app).get('/').expect(200);
    expect(home.text).to.contain('<link rel="icon" href="/favicon.ico" sizes="32x32">');
    expect(home.text).to.contain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">');
    const svg = await request(t.app).get('/assets/favicon.svg').expect(200);
    expect(svg.headers['content-type']).to.contain('image/svg+xml');
  });
});
