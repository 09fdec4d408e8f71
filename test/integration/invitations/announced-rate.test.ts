import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  buildMeeting,
  buildInvitation,
  buildHonorariumRuleVersions,
} from '../../helpers/builders.js';
import { csrfFrom, signIn } from '../../helpers/forms.js';
import { table, one } from '../../helpers/rows.js';

describe('the hourly rate an invitation announces', () => {
  let t: TestApp;
  let org: number;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    // 300 kr until the end of February 2027, 350 kr from 1 March (decided in advance)
    await buildHonorariumRuleVersions(t.db, org, [
      { version: 1, validFrom: '1900-01-01', hourlyRateOre: 30000 },
      { version: 2, validFrom: '2027-03-01', hourlyRateOre: 35000 },
    ]);
  });
  afterEach(() => t.close());

  async function invitationTextFor(meetingStartsAt: string): Promise<string> {
    const facilitator = await buildUser(t.db, org, { role: 'facilitator' });
    const project = await buildProject(t.db, org, { seats: 2 });
    await t.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
    const ends = new Date(Date.parse(meetingStartsAt) + 2 * 3600_000).toISOString();
    await buildMeeting(t.db, org, project, { startsAt: meetingStartsAt, endsAt: ends });
    const rep = await buildRepresentative(t.db, org, { email: `p${project}@test.example` });
    const now = new Date().toISOString();
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: rep, status: 'draft' },
      { createdAt: now },
    );
    t.clock.set('2027-01-20T09:00:00.000Z');
    const { agent } = await signIn(t.app, facilitator.email, facilitator.password);
    const page = await agent.get(`/projects/${project}/invitations`).expect(200);
    await agent
      .post(`/projects/${project}/invitations/send`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    const mail = await one(
      table(t.db, 'outbox_messages').where({ kind: 'invitation', representative_id: rep }).first(),
    );
    return mail.text_body as string;
  }

  it('announces the rate valid when the work starts, not a change dated after it', async () => {
    const text = await invitationTextFor('2027-02-11T09:00:00.000Z');
    expect(text).to.contain('300 kroner i timen');
    // the rate, not a number in a builder's name ("Test facilitator 350")
    expect(text).not.to.contain('350 kroner');
  });

  it('announces the new rate when the first meeting is after the change', async () => {
    const text = await invitationTextFor('2027-03-15T09:00:00.000Z');
    expect(text).to.contain('350 kroner i timen');
  });
});
