import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
  buildMeeting,
  buildInvitation,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';
import { table, one } from '../../helpers/rows.js';

const MEETING = '2027-02-11T09:00:00.000Z'; // 10:00 in Oslo

describe('the reply deadline of an invitation (issue 14, item 4)', () => {
  let t: TestApp;
  let org: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  let project: number;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(t.db, org, { role: 'facilitator' });
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 2 });
    await t.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
    await buildMeeting(t.db, org, project, {
      startsAt: MEETING,
      endsAt: '2027-02-11T11:00:00.000Z',
      agenda: 'Oppstart',
    });
    const rep = await buildRepresentative(t.db, org, { name: 'Kari Nordmann', email: 'kari@test.example' });
    const now = new Date().toISOString();
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: rep, status: 'draft' },
      { createdAt: now },
    );
  });
  afterEach(() => t.close());

  /** Moves the clock and signs in afresh (a session does not outlive a jump of weeks). */
  async function at(iso: string) {
    t.clock.set(iso);
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
  }
  const invitation = () => table(t.db, 'invitations').where({ project_id: project }).first();
  const instant = (value: unknown) => new Date(value as string).toISOString();
  async function send() {
    const page = await agent.get(`/projects/${project}/invitations`).expect(200);
    return agent
      .post(`/projects/${project}/invitations/send`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
  }

  it('sent 14 days before the first meeting, the deadline is 12:00 the day before it, shown in the preview and the e-mail', async () => {
    await at('2027-01-28T09:02:00.000Z');
    const preview = await agent.get(`/projects/${project}/invitations`).expect(200);
    expect(preview.text).to.contain('Svarfrist: 10. feb. 2027, 12:00');
    expect((await send()).status).to.equal(303);
    const row = (await invitation())!;
    expect(row.status).to.equal('sent');
    expect(instant(row.expires_at)).to.equal('2027-02-10T11:00:00.000Z');
    const mail = await one(table(t.db, 'outbox_messages').where({ kind: 'invitation' }).first());
    expect(mail.text_body).to.contain('10. feb. 2027, 12:00');
  });

  it('refuses to send with 422 and a message when less than 24 hours would be left to answer', async () => {
    // 11:30 in Oslo the day before: half an hour to the deadline
    await at('2027-02-10T10:30:00.000Z');
    const preview = await agent.get(`/projects/${project}/invitations`).expect(200);
    expect(preview.text).to.contain('mindre enn 24 timer');
    const res = await send();
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('ds-error-summary');
    expect(res.text).to.contain('mindre enn 24 timer');
    expect((await invitation())!.status).to.equal('draft');
    expect(await table(t.db, 'outbox_messages').where({ kind: 'invitation' })).to.have.length(0);
  });

  it('reminds halfway to a short deadline rather than at once, and at the lead time for a long one', async () => {
    // four days before the meeting: the deadline is three days away, the organisation's lead is three days
    await at('2027-02-07T09:00:00.000Z');
    expect((await send()).status).to.equal(303);
    expect(instant((await invitation())!.expires_at)).to.equal('2027-02-10T11:00:00.000Z');
    expect(await t.services.invitationJobsService.sendReminders()).to.equal(0);
    t.clock.set('2027-02-08T21:00:00.000Z');
    expect(await t.services.invitationJobsService.sendReminders()).to.equal(0);
    t.clock.set('2027-02-08T22:01:00.000Z');
    expect(await t.services.invitationJobsService.sendReminders()).to.equal(1);
  });
});
