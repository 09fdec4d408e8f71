import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildInvitation,
  buildMeeting,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';
import { testEngine } from '../../helpers/db.js';
import { table } from '../../helpers/rows.js';
import { toNumber } from '../../../src/lib/db-values.js';
import type { CurrentUser } from '../../../src/features/users/users.types.js';

const N = 40;

// Issue 19, item 2(d): two sends of the same shortlist at the same moment (two instances on PostgreSQL) each sent,
// audited and linked every invitation, because the drafts were read before the transaction
describe(`two sends of the same shortlist at once (${testEngine})`, () => {
  const apps: TestApp[] = [];
  let a: TestApp;
  let b: TestApp;
  let org: number;
  let project: number;
  let facilitator: BuiltUser;

  beforeEach(async () => {
    a = await buildTestApp();
    // another instance: its own services and, on PostgreSQL, its own connection pool on the same database (on
    // SQLite one process has one connection, see test/helpers/app.ts)
    b = await buildTestApp({}, { sameDatabaseAs: a, clock: a.clock, shareDb: testEngine === 'sqlite' });
    apps.push(a, b);
    org = await buildOrganisation(a.db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(a.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    project = await buildProject(a.db, org, { title: 'Bedre hverdagsrehabilitering', seats: 5 });
    await a.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
    await buildMeeting(a.db, org, project, {
      startsAt: a.clock.now().plus({ days: 40 }).toISO()!,
      endsAt: a.clock.now().plus({ days: 40, hours: 2 }).toISO()!,
      place: 'Rådhuset',
      agenda: 'Oppstart',
    });
    for (let i = 0; i < N; i++) {
      const rep = await buildRepresentative(a.db, org, { name: `Person ${i}`, email: `person${i}@test.example` });
      await buildInvitation(a.db, org, { projectId: project, representativeId: rep, status: 'draft' });
    }
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  async function counts() {
    const invitations = await table(a.db, 'invitations').where({ project_id: project });
    const audits = await table(a.db, 'audit_events').where({ action: 'invitation.sent' });
    return {
      sent: invitations.filter((i) => i.status === 'sent').length,
      drafts: invitations.filter((i) => i.status === 'draft').length,
      audits: audits.length,
      audited: audits.reduce((sum, e) => sum + toNumber((JSON.parse(String(e.details)) as { count: number }).count), 0),
      links: (await table(a.db, 'participation_links').where({ organisation_id: org })).length,
      mail: (await table(a.db, 'outbox_messages').where({ kind: 'invitation' })).length,
    };
  }

  it('sends, audits and links each invitation once through the service; the second says nothing was sent', async () => {
    const user = await currentUserOf(a, facilitator);
    const results = await Promise.all([
      a.services.invitationsService.sendShortlist(user, project),
      b.services.invitationsService.sendShortlist(user, project),
    ]);
    const emailed = results.map((r) => r.emailed).sort((x, y) => x - y);
    expect(emailed).to.deep.equal([0, N]);
    expect(results.find((r) => r.emailed === 0)).to.include({ alreadySent: true });
    expect(results.find((r) => r.emailed === N)).not.to.have.property('alreadySent');
    expect(await counts()).to.deep.equal({ sent: N, drafts: 0, audits: 1, audited: N, links: N, mail: N });
  });

  it('answers two parallel HTTP sends on two instances: one sends all, the other says they were already sent', async () => {
    // the facilitator in Norwegian on one instance, an admin in English on the other
    const admin = await buildUser(a.db, org, { role: 'admin', name: 'Ada Admin' });
    await a.db('users').where({ id: admin.id }).update({ locale: 'en' });
    const agentA = (await signIn(a.app, facilitator.email, facilitator.password)).agent;
    const agentB = (await signIn(b.app, admin.email, admin.password)).agent;
    const sendFrom = async (agent: Agent) => {
      const page = await agent.get(`/projects/${project}/invitations`).expect(200);
      return () =>
        agent
          .post(`/projects/${project}/invitations/send`)
          .type('form')
          .send({ _csrf: csrfFrom(page.text) });
    };
    const [postA, postB] = [await sendFrom(agentA), await sendFrom(agentB)];
    const [resA, resB] = await Promise.all([postA(), postB()]);
    expect([resA.status, resB.status]).to.deep.equal([303, 303]);
    expect(await counts()).to.deep.equal({ sent: N, drafts: 0, audits: 1, audited: N, links: N, mail: N });

    const nb = (await agentA.get(`/projects/${project}/invitations`).expect(200)).text;
    const en = (await agentB.get(`/projects/${project}/invitations`).expect(200)).text;
    const said = {
      nbSent: nb.includes(`${N} invitasjoner er lagt i utboksen`),
      nbAlready: nb.includes('Disse invitasjonene var allerede sendt'),
      enSent: en.includes(`${N} invitations are in the outbox`),
      enAlready: en.includes('These invitations were already sent'),
    };
    // whichever came first sent all N; the other said so, in its reader's language
    expect([said.nbSent, said.enSent].filter(Boolean)).to.have.length(1);
    expect([said.nbAlready, said.enAlready].filter(Boolean)).to.have.length(1);
    expect(said.nbSent).to.equal(!said.nbAlready);
    expect(said.enSent).to.equal(!said.enAlready);
  });
});

/** The facilitator as the services see a signed-in user. */
async function currentUserOf(t: TestApp, user: BuiltUser): Promise<CurrentUser> {
  return {
    id: user.id,
    organisationId: user.organisationId,
    name: user.name,
    email: user.email,
    role: user.role,
    locale: 'nb',
    active: true,
    mustChangePassword: false,
    lastSignInAt: null,
    organisationName: 'Eksempel kommune',
    timeZone: 'Europe/Oslo',
    rosterVersion: toNumber(
      (await t.db('organisations').where({ id: user.organisationId }).first<{ roster_version: number }>())
        ?.roster_version ?? 0,
    ),
  };
}
