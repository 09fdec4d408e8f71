import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildContact,
  buildOrganisation,
  buildOutboxMessage,
  buildProject,
  buildRepresentative,
  buildSkill,
  buildUser,
  type BuiltUser,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';

type Who = 'anonymous' | 'admin' | 'facilitator' | 'supervisor';
interface Ids {
  own: number;
  other: number;
  ownRep: number;
  otherRep: number;
  ownSkill: number;
  otherSkill: number;
  ownProject: number;
  otherProject: number;
  ownContact: number;
  otherContact: number;
  ownMail: number;
  otherMail: number;
  ownFailed: number;
  otherFailed: number;
  ownInvitation: number;
  otherInvitation: number;
  ownRequest: number;
  otherRequest: number;
}
const STAFF: Who[] = ['admin', 'facilitator'];
type Scope = 'own' | 'other' | 'none';

interface RouteCase {
  method: 'GET' | 'POST';
  path: (ids: Ids) => string;
  scope: Scope;
  /** Roles allowed; everyone else signed in gets 403, anonymous visitors go to /login. */
  roles: Who[] | 'public';
  /** What a signed-in user gets, where it differs (the sign-in page sends them to the dashboard). */
  signedIn?: number;
  /** What everyone gets from a public route, where it is not 200 (an unknown reset link is 404). */
  publicStatus?: number;
}

// Every route of the app so far. Later features add their routes here.
const ROUTES: RouteCase[] = [
  { method: 'GET', path: () => '/privacy', scope: 'none', roles: 'public' },
  { method: 'GET', path: () => '/accessibility', scope: 'none', roles: 'public' },
  { method: 'GET', path: () => '/healthz', scope: 'none', roles: 'public' },
  { method: 'GET', path: () => '/login', scope: 'none', roles: 'public', signedIn: 303 },
  { method: 'GET', path: () => '/admin/users', scope: 'none', roles: ['admin'] },
  { method: 'GET', path: () => '/admin/users/new', scope: 'none', roles: ['admin'] },
  { method: 'GET', path: () => '/admin/audit', scope: 'none', roles: ['admin'] },
  { method: 'GET', path: () => '/password/change', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  { method: 'GET', path: (ids) => `/admin/users/${ids.own}`, scope: 'own', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/users/${ids.other}`, scope: 'other', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/users/${ids.own}/edit`, scope: 'own', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/users/${ids.other}/edit`, scope: 'other', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/users/${ids.other}/edit`, scope: 'other', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/users/${ids.other}/deactivate`, scope: 'other', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/users/${ids.other}/reactivate`, scope: 'other', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/users/${ids.other}/sign-out-everywhere`, scope: 'other', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/users/${ids.other}/reset-password`, scope: 'other', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/users/${ids.own}/sign-out-everywhere`, scope: 'own', roles: ['admin'] },
  // the roster and the taxonomy: facilitators and admins; supervisors never reach them
  { method: 'GET', path: () => '/representatives', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/representatives?skill=1&q=a', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/representatives/new', scope: 'none', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.ownRep}`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.otherRep}`, scope: 'other', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.ownRep}/edit`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.otherRep}/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/status`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/skills`, scope: 'other', roles: STAFF },
  {
    method: 'POST',
    path: (ids) => `/representatives/${ids.otherRep}/skills/${ids.otherSkill}/remove`,
    scope: 'other',
    roles: STAFF,
  },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/consents`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/consents/withdraw`, scope: 'other', roles: STAFF },
  { method: 'GET', path: () => '/skills', scope: 'none', roles: STAFF },
  { method: 'GET', path: (ids) => `/skills/${ids.ownSkill}/edit`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/skills/${ids.otherSkill}/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/skills/${ids.otherSkill}/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/skills/${ids.otherSkill}/archive`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/skills/${ids.otherSkill}/restore`, scope: 'other', roles: STAFF },
  // roster data in and out
  { method: 'GET', path: () => '/representatives/import', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/representatives/export.csv', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/representatives/review', scope: 'none', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.ownRep}/export.json`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.otherRep}/export.json`, scope: 'other', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.ownRep}/erase`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/representatives/${ids.otherRep}/erase`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/erase`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/${ids.otherRep}/reviewed`, scope: 'other', roles: STAFF },
  { method: 'GET', path: () => '/representatives/import/999999', scope: 'other', roles: STAFF },
  { method: 'GET', path: () => '/representatives/import/999999/result', scope: 'other', roles: STAFF },
  { method: 'GET', path: () => '/admin/settings', scope: 'none', roles: ['admin'] },
  // units, contacts, projects and matching
  { method: 'GET', path: () => '/units', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/contacts', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/contacts/new', scope: 'none', roles: STAFF },
  { method: 'GET', path: (ids) => `/contacts/${ids.ownContact}`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/contacts/${ids.otherContact}`, scope: 'other', roles: STAFF },
  { method: 'GET', path: (ids) => `/contacts/${ids.otherContact}/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/contacts/${ids.otherContact}/notes`, scope: 'other', roles: STAFF },
  // supervisors read the project list and a project's page (issue 14 item 11); every write below stays staff only
  { method: 'GET', path: () => '/projects', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  {
    method: 'GET',
    path: () => '/projects?phase=running&unit=1&needs=yes',
    scope: 'none',
    roles: ['admin', 'facilitator', 'supervisor'],
  },
  { method: 'GET', path: () => '/projects/new', scope: 'none', roles: STAFF },
  {
    method: 'GET',
    path: (ids) => `/projects/${ids.ownProject}`,
    scope: 'own',
    roles: ['admin', 'facilitator', 'supervisor'],
  },
  {
    method: 'GET',
    path: (ids) => `/projects/${ids.otherProject}`,
    scope: 'other',
    roles: ['admin', 'facilitator', 'supervisor'],
  },
  { method: 'GET', path: (ids) => `/projects/${ids.ownProject}/edit`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/edit`, scope: 'other', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.ownProject}/matches`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/matches`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/phase`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/requirements`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/meetings`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/shortlist`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/unshortlist`, scope: 'other', roles: STAFF },
  // password reset, the outbox and the development mailbox
  { method: 'GET', path: () => '/password/forgot', scope: 'none', roles: 'public' },
  { method: 'GET', path: () => `/password/reset/${'A'.repeat(43)}`, scope: 'none', roles: 'public', publicStatus: 404 },
  { method: 'GET', path: () => '/admin/outbox', scope: 'none', roles: ['admin'] },
  { method: 'GET', path: () => '/admin/outbox?status=failed', scope: 'none', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/outbox/${ids.ownFailed}/retry`, scope: 'own', roles: ['admin'] },
  { method: 'POST', path: (ids) => `/admin/outbox/${ids.otherFailed}/retry`, scope: 'other', roles: ['admin'] },
  { method: 'GET', path: () => '/admin/mailbox', scope: 'none', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/mailbox/${ids.ownMail}`, scope: 'own', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/mailbox/${ids.otherMail}`, scope: 'other', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/mailbox/${ids.ownMail}/html`, scope: 'own', roles: ['admin'] },
  { method: 'GET', path: (ids) => `/admin/mailbox/${ids.otherMail}/html`, scope: 'other', roles: ['admin'] },
  // invitations: staff of the project's organisation; the answer page is public and unknown tokens are 404
  { method: 'GET', path: (ids) => `/projects/${ids.ownProject}/invitations`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/invitations`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/invitations/send`, scope: 'other', roles: STAFF },
  {
    method: 'POST',
    path: (ids) => `/projects/${ids.otherProject}/invitations/${ids.otherInvitation}/withdraw`,
    scope: 'other',
    roles: STAFF,
  },
  {
    method: 'POST',
    path: (ids) => `/projects/${ids.otherProject}/invitations/${ids.otherInvitation}/contacted`,
    scope: 'other',
    roles: STAFF,
  },
  {
    method: 'POST',
    path: (ids) => `/projects/${ids.ownProject}/invitations/${ids.otherInvitation}/withdraw`,
    scope: 'other',
    roles: STAFF,
  },
  { method: 'GET', path: () => `/i/${'Q'.repeat(43)}`, scope: 'none', roles: 'public', publicStatus: 404 },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/meetings/1/edit`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/meetings/1/edit`, scope: 'other', roles: STAFF },
  // involvement, honoraria and impacts
  { method: 'GET', path: (ids) => `/projects/${ids.ownProject}/involvement`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/involvement`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/involvement`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/involvement/1/delete`, scope: 'other', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/meetings/1/attendance`, scope: 'other', roles: STAFF },
  {
    method: 'POST',
    path: (ids) => `/projects/${ids.otherProject}/meetings/1/attendance`,
    scope: 'other',
    roles: STAFF,
  },
  { method: 'GET', path: (ids) => `/projects/${ids.ownProject}/impacts`, scope: 'own', roles: STAFF },
  { method: 'GET', path: (ids) => `/projects/${ids.otherProject}/impacts`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/impacts`, scope: 'other', roles: STAFF },
  { method: 'POST', path: (ids) => `/projects/${ids.otherProject}/impacts/1/feedback`, scope: 'other', roles: STAFF },
  { method: 'GET', path: () => '/payments', scope: 'none', roles: STAFF },
  { method: 'GET', path: () => '/payments.csv?from=2026-01-01&to=2026-12-31', scope: 'none', roles: STAFF },
  // reports: everyone signed in; another organisation's project is unknown
  { method: 'GET', path: () => '/reports', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  { method: 'GET', path: () => '/reports/export.csv', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  {
    method: 'GET',
    path: (ids) => `/reports?project=${ids.otherProject}`,
    scope: 'other',
    roles: ['admin', 'facilitator', 'supervisor'],
  },
  { method: 'POST', path: () => '/account/digest', scope: 'none', roles: ['admin', 'facilitator', 'supervisor'] },
  { method: 'GET', path: () => `/me/${'Q'.repeat(43)}`, scope: 'none', roles: 'public', publicStatus: 404 },
  { method: 'POST', path: () => '/invitations/notify', scope: 'none', roles: STAFF },
  { method: 'POST', path: (ids) => `/representatives/requests/${ids.ownRequest}/handled`, scope: 'own', roles: STAFF },
  {
    method: 'POST',
    path: (ids) => `/representatives/requests/${ids.otherRequest}/handled`,
    scope: 'other',
    roles: STAFF,
  },
];

function expected(route: RouteCase, who: Who): number {
  if (route.roles === 'public')
    return who !== 'anonymous' && route.signedIn ? route.signedIn : (route.publicStatus ?? 200);
  if (who === 'anonymous') return 303;
  if (!route.roles.includes(who)) return 403;
  if (route.scope === 'other') return 404;
  return route.method === 'POST' ? 303 : 200;
}

describe('access matrix: every route × role × own/other organisation', () => {
  let t: TestApp;
  const agents = new Map<Who, Agent>();
  let ids: Ids;
  let ownTarget: BuiltUser;
  let otherTarget: BuiltUser;

  before(async () => {
    t = await buildTestApp();
    const own = await buildOrganisation(t.db);
    const other = await buildOrganisation(t.db);
    ownTarget = await buildUser(t.db, own, { role: 'facilitator' });
    otherTarget = await buildUser(t.db, other, { role: 'facilitator' });
    ids = {
      own: ownTarget.id,
      other: otherTarget.id,
      ownRep: await buildRepresentative(t.db, own, { name: 'Own Person' }),
      otherRep: await buildRepresentative(t.db, other, {
        name: 'Other Person',
        consents: ['roster', 'health_experience'],
      }),
      ownSkill: await buildSkill(t.db, own),
      otherSkill: await buildSkill(t.db, other, { nameNb: 'Their skill' }),
      ownProject: await buildProject(t.db, own),
      otherProject: await buildProject(t.db, other, { title: 'Their project' }),
      ownContact: await buildContact(t.db, own),
      otherContact: await buildContact(t.db, other, { name: 'Their contact' }),
      ownMail: await buildOutboxMessage(t.db, own),
      otherMail: await buildOutboxMessage(t.db, other),
      ownFailed: await buildOutboxMessage(t.db, own, { status: 'failed' }),
      otherFailed: await buildOutboxMessage(t.db, other, { status: 'failed' }),
      ownInvitation: 0,
      otherInvitation: 0,
      ownRequest: 0,
      otherRequest: 0,
    };
    for (const [key, orgId, rep] of [
      ['ownRequest', own, ids.ownRep],
      ['otherRequest', other, ids.otherRep],
    ] as const) {
      const [row] = await t
        .db('representative_requests')
        .insert({
          organisation_id: orgId,
          representative_id: rep,
          kind: 'data_copy',
          created_at: new Date().toISOString(),
        })
        .returning('id');
      ids[key] = Number(typeof row === 'object' ? row.id : row);
    }
    for (const [key, orgId, project, rep] of [
      ['ownInvitation', own, ids.ownProject, ids.ownRep],
      ['otherInvitation', other, ids.otherProject, ids.otherRep],
    ] as const) {
      const now = new Date().toISOString();
      const [row] = await t
        .db('invitations')
        .insert({
          organisation_id: orgId,
          project_id: project,
          representative_id: rep,
          status: 'sent',
          channel: 'phone',
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      ids[key] = Number(typeof row === 'object' ? row.id : row);
    }
    agents.set('anonymous', request.agent(t.app));
    for (const role of ['admin', 'facilitator', 'supervisor'] as const) {
      const user = await buildUser(t.db, own, { role });
      agents.set(role, (await signIn(t.app, user.email, user.password)).agent);
    }
    // the other organisation's admin exists too, so that its rows are real
    await buildUser(t.db, other, { role: 'admin' });
  });
  after(() => t.close());

  for (const route of ROUTES) {
    for (const who of ['anonymous', 'admin', 'facilitator', 'supervisor'] as const) {
      const status = expected(route, who);
      const label = route
        .path({
          own: 0,
          other: 0,
          ownRep: 0,
          otherRep: 0,
          ownSkill: 0,
          otherSkill: 0,
          ownProject: 0,
          otherProject: 0,
          ownContact: 0,
          otherContact: 0,
          ownMail: 0,
          otherMail: 0,
          ownFailed: 0,
          otherFailed: 0,
          ownInvitation: 0,
          otherInvitation: 0,
          ownRequest: 0,
          otherRequest: 0,
        })
        .replace(/\/0(?=\/|$)/g, '/:id');
      it(`${route.method} ${label} (${route.scope}) as ${who} → ${status}`, async () => {
        const agent = agents.get(who)!;
        const path = route.path(ids);
        let res;
        if (route.method === 'GET') {
          res = await agent.get(path);
        } else {
          const token = csrfFrom((await agent.get('/privacy')).text);
          res = await agent
            .post(path)
            .type('form')
            .send({ _csrf: token, name: 'X', email: 'x@test.example', role: 'admin', locale: 'nb' });
        }
        expect(res.status, path).to.equal(status);
        if (status === 303 && who === 'anonymous') expect(res.headers.location).to.match(/^\/login/);
      });
    }
  }

  it('left the other organisation’s records untouched', async () => {
    const row = await t.db('users').where({ id: otherTarget.id }).first();
    expect(row.name).to.equal(otherTarget.name);
    expect(Boolean(row.active)).to.equal(true);
    const rep = await t.db('representatives').where({ id: ids.otherRep }).first();
    expect(rep).to.include({ name: 'Other Person', status: 'active' });
    expect(rep.erased_at).to.equal(null);
    expect(
      await t.db('consents').where({ representative_id: ids.otherRep }).whereNotNull('withdrawn_at'),
    ).to.have.length(0);
    const project = await t.db('projects').where({ id: ids.otherProject }).first();
    expect(project).to.include({ title: 'Their project', phase: 'idea' });
    const theirs = await t.db('invitations').where({ project_id: ids.otherProject });
    expect(theirs.map((i: { status: string }) => i.status)).to.deep.equal(['sent']);
    expect(await t.db('meetings').where({ project_id: ids.otherProject })).to.have.length(0);
    expect(await t.db('contact_notes').where({ contact_id: ids.otherContact })).to.have.length(0);
    const failed = await t.db('outbox_messages').where({ id: ids.otherFailed }).first();
    expect(failed.status).to.equal('failed');
    const skill = await t.db('skills').where({ id: ids.otherSkill }).first();
    expect(skill.name_nb).to.equal('Their skill');
    expect(Boolean(skill.archived)).to.equal(false);
  });
});
