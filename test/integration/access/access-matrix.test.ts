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
  buildInvitation,
  buildRepresentativeRequest,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';

import { ROUTES, expected, type Ids, type Who } from './routes.js';
import { table, one } from '../../helpers/rows.js';
import { walkIds } from '../../helpers/supervisor-walk.js';

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
      ids[key] = await buildRepresentativeRequest(t.db, orgId, rep);
    }
    for (const [key, orgId, project, rep] of [
      ['ownInvitation', own, ids.ownProject, ids.ownRep],
      ['otherInvitation', other, ids.otherProject, ids.otherRep],
    ] as const) {
      ids[key] = await buildInvitation(
        t.db,
        orgId,
        { projectId: project, representativeId: rep, status: 'sent' },
        { channel: 'phone' },
      );
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
      const label = route.path(walkIds(0)).replace(/\/0(?=\/|$)/g, '/:id');
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
    const row = await one(table(t.db, 'users').where({ id: otherTarget.id }).first());
    expect(row.name).to.equal(otherTarget.name);
    expect(Boolean(row.active)).to.equal(true);
    const rep = await one(table(t.db, 'representatives').where({ id: ids.otherRep }).first());
    expect(rep).to.include({ name: 'Other Person', status: 'active' });
    expect(rep.erased_at).to.equal(null);
    expect(
      await table(t.db, 'consents').where({ representative_id: ids.otherRep }).whereNotNull('withdrawn_at'),
    ).to.have.length(0);
    const project = await table(t.db, 'projects').where({ id: ids.otherProject }).first();
    expect(project).to.include({ title: 'Their project', phase: 'idea' });
    const theirs = await table(t.db, 'invitations').where({ project_id: ids.otherProject });
    expect(theirs.map((i: { status: string }) => i.status)).to.deep.equal(['sent']);
    expect(await table(t.db, 'meetings').where({ project_id: ids.otherProject })).to.have.length(0);
    expect(await table(t.db, 'contact_notes').where({ contact_id: ids.otherContact })).to.have.length(0);
    const failed = await one(table(t.db, 'outbox_messages').where({ id: ids.otherFailed }).first());
    expect(failed.status).to.equal('failed');
    const skill = await one(table(t.db, 'skills').where({ id: ids.otherSkill }).first());
    expect(skill.name_nb).to.equal('Their skill');
    expect(Boolean(skill.archived)).to.equal(false);
  });
});
