import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  buildInvitation,
} from '../../helpers/builders.js';
import type { InvitationStatus } from '../../helpers/builders.js';
import { signIn, type Agent } from '../../helpers/forms.js';

// Issue 14 item 8: on a supervisor's project page, named members (with the named-in-reports consent) appear by
// name only, everyone else as one line without kinds, "and N other representatives", N "fewer than 5" under 5.
describe('the team on a supervisor’s project page (issue 14 item 8)', () => {
  let t: TestApp;
  let org: number;
  let nb: Agent;
  let en: Agent;

  before(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db);
    const supervisorNb = await buildUser(t.db, org, { role: 'supervisor' });
    const supervisorEn = await buildUser(t.db, org, { role: 'supervisor', locale: 'en' });
    nb = (await signIn(t.app, supervisorNb.email, supervisorNb.password)).agent;
    en = (await signIn(t.app, supervisorEn.email, supervisorEn.password)).agent;
  });
  after(() => t.close());

  const NAMED = ['roster', 'email_contact', 'named_in_reports'];

  /** A project with these members (accepted unless a status is given). */
  async function projectWith(
    members: Array<{ name: string; named?: boolean; kind?: string; status?: InvitationStatus }>,
  ) {
    const project = await buildProject(t.db, org, { seats: 12 });
    const now = new Date().toISOString();
    for (const m of members) {
      const rep = await buildRepresentative(t.db, org, {
        name: m.name,
        kind: m.kind ?? 'patient',
        consents: m.named ? NAMED : undefined,
      });
      await buildInvitation(
        t.db,
        org,
        { projectId: project, representativeId: rep, status: m.status ?? 'accepted' },
        { createdAt: now },
      );
    }
    return project;
  }
  const teamSection = (html: string) => {
    const start = html.indexOf('>', html.indexOf('id="section-team"')) + 1;
    return html.slice(start, html.indexOf('</section>', start));
  };
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();

  it('shows a named member by name only and the unnamed one as "and fewer than 5 other representatives"', async () => {
    const project = await projectWith([
      { name: 'Åse Navngitt', named: true },
      { name: 'Hemmelig Person', kind: 'next_of_kin' },
    ]);
    const html = (await nb.get(`/projects/${project}`).expect(200)).text;
    const team = text(teamSection(html));
    expect(team).to.equal('Representanter Åse Navngitt og færre enn 5 andre representanter');
    expect(html).to.not.contain('Hemmelig Person');
    expect(html).to.not.contain('Pårørenderepresentant');
    expect(html).to.not.contain('Brukerrepresentant');
  });

  it('shows the number of other representatives from 5 up, and leaves out those not on the team', async () => {
    const project = await projectWith([
      { name: 'Åse Navngitt', named: true },
      { name: 'Bjørn Navngitt', named: true },
      ...['A', 'B', 'C', 'D', 'E', 'F'].map((n) => ({
        name: `Anonym ${n}`,
        kind: n < 'C' ? 'next_of_kin' : 'patient',
      })),
      { name: 'Invitert Ennå', status: 'sent' },
      { name: 'Kortliste Person', status: 'draft', named: true },
    ]);
    const team = text(teamSection((await nb.get(`/projects/${project}`).expect(200)).text));
    expect(team).to.equal('Representanter Bjørn Navngitt Åse Navngitt og 6 andre representanter');
  });

  it('shows only the line, without "and", when nobody on the team is named', async () => {
    const project = await projectWith([{ name: 'Anonym En' }, { name: 'Anonym To', kind: 'user_organisation' }]);
    const team = text(teamSection((await nb.get(`/projects/${project}`).expect(200)).text));
    expect(team).to.equal('Representanter Færre enn 5 representanter');
  });

  it('says the same in English', async () => {
    const project = await projectWith([
      { name: 'Åse Navngitt', named: true },
      { name: 'Hemmelig Person', kind: 'next_of_kin' },
    ]);
    expect(text(teamSection((await en.get(`/projects/${project}`).expect(200)).text))).to.equal(
      'Representatives Åse Navngitt and fewer than 5 other representatives',
    );
    const many = await projectWith(['A', 'B', 'C', 'D', 'E'].map((n) => ({ name: `Anonym ${n}` })));
    expect(text(teamSection((await en.get(`/projects/${many}`).expect(200)).text))).to.equal(
      'Representatives 5 representatives',
    );
  });
});
