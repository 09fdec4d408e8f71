import { expect } from 'chai';
import type { TestApp } from '../../helpers/app.js';
import { buildInvitation, buildOrganisation, buildProject, buildRepresentative } from '../../helpers/builders.js';
import { signedInApp, submitForm, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';

// Issue 20, item 4: "repeat every N weeks until a day" on the add-meeting form — one transaction, one series id, the
// same local time across summer time, the project's place by default, and whole-series refusals with nothing created.

const iso = (v: string | Date) => new Date(v).toISOString();

describe('recurring meeting series (issue 20)', () => {
  let t: TestApp;
  let orgId: number;
  let agent: Agent;
  let projectId: number;
  beforeEach(async () => {
    ({ t, orgId, agent } = await signedInApp('facilitator'));
    t.clock.set('2026-12-01T09:00:00Z');
    projectId = await buildProject(t.db, orgId, { startsOn: '2027-01-01', endsOn: '2027-12-31' });
    await table(t.db, 'projects').where({ id: projectId }).update({ location: 'Solheim bo- og servicesenter' });
  });
  afterEach(() => t.close());

  const addMeetings = (fields: Record<string, string>) =>
    submitForm(agent, `/projects/${projectId}`, `/projects/${projectId}/meetings`, {
      date: '2027-03-15',
      startTime: '18:00',
      endTime: '20:00',
      place: 'Solheim bo- og servicesenter',
      agenda: 'Fast samling',
      ...fields,
    });
  const meetingCount = async () => (await table(t.db, 'meetings').where({ project_id: projectId })).length;

  it('offers the project’s place as the new meeting’s place', async () => {
    const page = await agent.get(`/projects/${projectId}`).expect(200);
    expect(page.text).to.match(/name="place" type="text" value="Solheim bo- og servicesenter"/);
    expect(page.text).to.contain('<option value="2">Hver 2. uke</option>');
  });

  it('adds every meeting of a series in one go, at 18:00 Oslo time on each side of summer time', async () => {
    const res = await addMeetings({ repeatWeeks: '2', repeatUntil: '2027-04-26' });
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    const meetings = await table(t.db, 'meetings').where({ project_id: projectId }).orderBy('starts_at');
    expect(meetings.map((m) => iso(m.starts_at))).to.deep.equal([
      '2027-03-15T17:00:00.000Z',
      // summer time from 28 March: 18:00 in Oslo is 16:00 UTC
      '2027-03-29T16:00:00.000Z',
      '2027-04-12T16:00:00.000Z',
      '2027-04-26T16:00:00.000Z',
    ]);
    const seriesIds = new Set(meetings.map((m) => m.series_id));
    expect(seriesIds.size).to.equal(1);
    expect([...seriesIds][0]).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(meetings.every((m) => m.series_every_weeks === 2 && m.agenda === 'Fast samling')).to.equal(true);
    expect(meetings.every((m) => m.place === 'Solheim bo- og servicesenter')).to.equal(true);
    const audit = await one(table(t.db, 'audit_events').where({ action: 'project.meeting_series_added' }).first());
    expect(JSON.parse(audit.details)).to.include({ everyWeeks: 2, meetings: 4 });

    const page = await agent.get(`/projects/${projectId}`).expect(200);
    expect(page.text.match(/del av en serie, hver 2\. uke/g)).to.have.length(4);
    expect(page.text).to.contain('Møteserien er lagt til.');
  });

  it('adds a single meeting as before when no repeat is chosen', async () => {
    const res = await addMeetings({ repeatWeeks: '', repeatUntil: '' });
    expect(res.status).to.equal(303);
    const [meeting] = await table(t.db, 'meetings').where({ project_id: projectId });
    expect(meeting!.series_id).to.equal(null);
  });

  it('cancels one meeting of a series and keeps the others in it', async () => {
    await addMeetings({ repeatWeeks: '1', repeatUntil: '2027-03-29' });
    const [first, ...rest] = await table(t.db, 'meetings').where({ project_id: projectId }).orderBy('starts_at');
    const res = await submitForm(
      agent,
      `/projects/${projectId}/meetings/${first!.id}/cancel`,
      `/projects/${projectId}/meetings/${first!.id}/remove`,
      {},
    );
    expect(res.status).to.equal(303);
    const left = await table(t.db, 'meetings').where({ project_id: projectId }).orderBy('starts_at');
    expect(left.map((m) => m.id)).to.deep.equal(rest.map((m) => m.id));
    const page = await agent.get(`/projects/${projectId}`).expect(200);
    expect(page.text.match(/del av en serie, hver uke/g)).to.have.length(2);
  });

  it('cancels a meeting and the later ones of its series after asking, telling the team about each', async () => {
    const kari = await buildRepresentative(t.db, orgId, { name: 'Kari Nordmann', email: 'kari@test.example' });
    const now = t.clock.now().toISO()!;
    await buildInvitation(
      t.db,
      orgId,
      { projectId, representativeId: kari, status: 'accepted' },
      { channel: 'email', sentAt: now, respondedAt: now, createdAt: now },
    );
    await addMeetings({ repeatWeeks: '1', repeatUntil: '2027-04-05' });
    const [first, second, ...later] = await table(t.db, 'meetings')
      .where({ project_id: projectId })
      .orderBy('starts_at');
    const single = await agent.get(`/projects/${projectId}/meetings/${second!.id}/cancel`).expect(200);
    expect(single.text).to.contain(`href="/projects/${projectId}/meetings/${second!.id}/cancel-series"`);

    const confirm = await agent.get(`/projects/${projectId}/meetings/${second!.id}/cancel-series`).expect(200);
    expect(confirm.text).to.contain('3 møter avlyses');
    expect(confirm.text).to.contain('Kari Nordmann');
    expect(confirm.text).to.match(/data-color="danger"[^>]*>\s*Avlys 3 møter og gi beskjed/);
    expect(await table(t.db, 'outbox_messages')).to.have.length(0);

    const res = await submitForm(
      agent,
      `/projects/${projectId}/meetings/${second!.id}/cancel-series`,
      `/projects/${projectId}/meetings/${second!.id}/remove-series`,
      {},
    );
    expect(res.status).to.equal(303);
    const left = await table(t.db, 'meetings').where({ project_id: projectId });
    expect(left.map((m) => m.id)).to.deep.equal([first!.id]);
    const sent = await table(t.db, 'outbox_messages').where({ kind: 'meeting_cancelled' });
    expect(sent.map((m) => m.to_address)).to.deep.equal(Array(3).fill('kari@test.example'));
    const cancelledIds = [second!, ...later].map((m) => `UID:meeting-${m.id}@`);
    for (const uid of cancelledIds)
      expect(
        sent.some((m) => m.attachments!.includes(uid)),
        uid,
      ).to.equal(true);
    const audit = await one(table(t.db, 'audit_events').where({ action: 'project.meeting_series_removed' }).first());
    expect(JSON.parse(audit.details)).to.include({ fromMeetingId: second!.id, meetings: 3 });
    const page = await agent.get(`/projects/${projectId}`).expect(200);
    expect(page.text).to.contain('3 møter i serien er avlyst.');
  });

  it('answers 404 for cancelling "the rest of the series" of a single meeting', async () => {
    await addMeetings({});
    const [meeting] = await table(t.db, 'meetings').where({ project_id: projectId });
    await agent.get(`/projects/${projectId}/meetings/${meeting!.id}/cancel-series`).expect(404);
    const res = await submitForm(
      agent,
      `/projects/${projectId}`,
      `/projects/${projectId}/meetings/${meeting!.id}/remove-series`,
      {},
    );
    expect(res.status).to.equal(404);
    expect(await meetingCount()).to.equal(1);
  });

  const refusals: Array<{ name: string; fields: Record<string, string>; message: string }> = [
    { name: 'no end', fields: { repeatWeeks: '2', repeatUntil: '' }, message: 'Skriv inn siste dag for serien.' },
    {
      name: 'an end before the first meeting',
      fields: { repeatWeeks: '2', repeatUntil: '2027-03-01' },
      message: 'Serien må slutte samme dag som det første møtet eller senere.',
    },
    {
      name: 'more than 100 meetings',
      fields: { repeatWeeks: '1', repeatUntil: '2029-03-15' },
      message: 'Serien ville gi 105 møter; høyst 100 kan legges til om gangen.',
    },
    {
      name: 'an end after the project’s end',
      fields: { repeatWeeks: '4', repeatUntil: '2028-03-01' },
      message: 'Serien går forbi prosjektets sluttdato.',
    },
    {
      name: 'an end without an interval',
      fields: { repeatWeeks: '', repeatUntil: '2027-05-01' },
      message: 'Velg hvor ofte møtet gjentas',
    },
    {
      name: 'an interval of 9 weeks',
      fields: { repeatWeeks: '9', repeatUntil: '2027-05-01' },
      message: 'Velg hvor ofte: fra hver uke til hver 8. uke.',
    },
  ];
  for (const c of refusals) {
    it(`refuses a series with ${c.name}: 422, the message by the field, what was typed kept, nothing created`, async () => {
      const res = await addMeetings({ ...c.fields, agenda: 'Skrevet inn' });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('id="error-summary"');
      expect(res.text).to.contain(c.message);
      expect(res.text).to.contain('>Skrevet inn</textarea>');
      if (c.fields.repeatUntil) expect(res.text).to.contain(`value="${c.fields.repeatUntil}"`);
      // the meeting form's section comes back open
      expect(res.text).to.match(/<details[^>]*id="new-meeting"[^>]*\sopen/);
      expect(await meetingCount()).to.equal(0);
      expect(await table(t.db, 'audit_events').where({ action: 'project.meeting_series_added' })).to.have.length(0);
    });
  }

  it('answers 404 for a series on another organisation’s project', async () => {
    const otherOrg = await buildOrganisation(t.db, { name: 'Annen kommune' });
    const theirs = await buildProject(t.db, otherOrg);
    const res = await submitForm(agent, `/projects/${projectId}`, `/projects/${theirs}/meetings`, {
      date: '2027-03-15',
      startTime: '18:00',
      endTime: '20:00',
      repeatWeeks: '1',
      repeatUntil: '2027-04-01',
    });
    expect(res.status).to.equal(404);
    expect(await table(t.db, 'meetings').where({ project_id: theirs })).to.have.length(0);
  });
});
