import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  buildInvitation,
} from '../../helpers/builders.js';
import { csrfFrom, signIn } from '../../helpers/forms.js';
import { table, one } from '../../helpers/rows.js';

const LINK = /\/i\/([A-Za-z0-9_-]{43})/;

describe('answering through the personal link (issue 16, item 4)', () => {
  let t: TestApp;
  let path: string;

  beforeEach(async () => {
    t = await buildTestApp();
    const org = await buildOrganisation(t.db);
    const facilitator = await buildUser(t.db, org, { role: 'facilitator' });
    const project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 1 });
    await t.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
    const rep = await buildRepresentative(t.db, org, { name: 'Kari Nordmann', email: 'kari@test.example' });
    await buildInvitation(t.db, org, { projectId: project, representativeId: rep, status: 'draft' });
    const { agent } = await signIn(t.app, facilitator.email, facilitator.password);
    const page = await agent.get(`/projects/${project}/invitations`).expect(200);
    await agent
      .post(`/projects/${project}/invitations/send`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    const mail = await one(table(t.db, 'outbox_messages').where({ to_address: 'kari@test.example' }).first());
    path = `/i/${LINK.exec(mail.text_body!)![1]}`;
  });
  afterEach(() => t.close());

  it('when the person accepts, then the project is read once for the whole request (not once per step)', async () => {
    const who = request.agent(t.app);
    const page = await who.get(path).expect(200);
    const projectReads: string[] = [];
    // the row lock taken on PostgreSQL (SELECT … FOR UPDATE) serialises answers; it is not a read of the project
    const listener = (query: { sql: string }) => {
      if (/from [`"]?projects[`"]?/i.test(query.sql) && !/for update/i.test(query.sql)) projectReads.push(query.sql);
    };
    t.db.on('query', listener);
    try {
      await who
        .post(path)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), answer: 'accept', note: '' })
        .expect(303);
    } finally {
      t.db.off('query', listener);
    }
    expect((await table(t.db, 'invitations').first())!.status).to.equal('accepted');
    expect(projectReads).to.have.length(1);
  });
});
