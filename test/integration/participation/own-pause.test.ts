import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
  buildInvitation,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';
import { formatDate } from '../../../src/lib/i18n.js';
import { transactor } from '../../../src/db.js';

describe("a representative's own pause (issue 14, item 6)", () => {
  let t: TestApp;
  let org: number;
  let facilitator: BuiltUser;
  let admin: BuiltUser;
  let agent: Agent;
  let project: number;
  let rep: number;
  let me: string;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db);
    facilitator = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    admin = await buildUser(t.db, org, { role: 'admin', name: 'Ada Admin' });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 2 });
    await t.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
    rep = await buildRepresentative(t.db, org, { name: 'Ola Nordmann', email: 'ola@test.example' });
    const now = new Date().toISOString();
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: rep, status: 'accepted' },
      { sentAt: now, respondedAt: now, createdAt: now },
    );
    const url = await transactor(t.db)((tx) => t.services.invitationsService.participationLink(org, rep, tx));
    me = new URL(url).pathname;
  });
  afterEach(() => t.close());

  async function pauseOnOwnPage(until: string) {
    const who = request.agent(t.app);
    const page = await who.get(me).expect(200);
    await who
      .post(`${me}/pause`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), pausedUntil: until })
      .expect(303);
  }
  const until = () => t.clock.now().setZone('Europe/Oslo').plus({ months: 2 }).toISODate()!;

  it('shows the change in the status history as made by the representative on their own page, not by nobody', async () => {
    await pauseOnOwnPage(until());
    const profile = await agent.get(`/representatives/${rep}`).expect(200);
    const history = profile.text.slice(profile.text.indexOf('id="section-status"'));
    const row = /<tbody>\s*<tr>(.*?)<\/tr>/s.exec(history)![1]!;
    expect(row).to.contain('Pause');
    expect(row).to.contain('Representanten selv (egen side)');
    expect(row).not.to.match(/<td[^>]*>–<\/td>$/);
  });

  it('names the representative’s own page as the actor in the audit log and the profile’s access log', async () => {
    await pauseOnOwnPage(until());
    const adminAgent = (await signIn(t.app, admin.email, admin.password)).agent;
    const audit = await adminAgent.get('/admin/audit').expect(200);
    expect(audit.text).to.contain('Representanten selv (egen side)');
    const profile = await agent.get(`/representatives/${rep}`).expect(200);
    const access = profile.text.slice(profile.text.indexOf('id="section-access"'));
    expect(access).to.contain('Representanten selv (egen side)');
  });

  it('shows a paused team member on the project page and on the facilitator’s dashboard', async () => {
    const date = until();
    await pauseOnOwnPage(date);
    const shown = formatDate(date, 'nb');
    const projectPage = await agent.get(`/projects/${project}`).expect(200);
    const team = projectPage.text.slice(projectPage.text.indexOf('id="section-team"'));
    expect(team.slice(0, team.indexOf('</section>'))).to.contain(`har pause til ${shown}`);

    const dashboard = await agent.get('/').expect(200);
    // the worklist lists the paused team member, linking to the project
    expect(dashboard.text).to.contain('Trygg utskriving: Ola Nordmann har tatt pause');
    expect(dashboard.text).to.contain(`href="/projects/${project}"`);
  });
});
