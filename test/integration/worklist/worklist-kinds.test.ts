import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildContact,
  buildImpact,
  buildInvitation,
  buildInvolvement,
  buildMeeting,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildRepresentativeRequest,
  buildUser,
  type BuiltUser,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';
import { ManualClock } from '../../../src/lib/clock.js';

// Issue 20, item 1: each kind of item the worklist promises, created by its situation, seen on `/`, then gone when
// the situation is resolved (through the page where it is done, where that is a form) or the item is marked done.

const NOW = '2026-12-01T09:00:00.000Z'; // 10:00 in Oslo, a Tuesday
const hoursFromNow = (h: number) => new Date(Date.parse(NOW) + h * 3_600_000).toISOString();

describe('the worklist: each kind of item comes and goes with its situation (issue 20, item 1)', () => {
  let t: TestApp;
  let org: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  let project: number;

  beforeEach(async () => {
    t = await buildTestApp({}, { clock: new ManualClock(NOW) });
    org = await buildOrganisation(t.db);
    facilitator = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 1 });
    await t.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
  });
  afterEach(() => t.close());

  const worklist = async () => (await agent.get('/?view=mine').expect(200)).text;
  /** Marks the item done through its button on the page, as the facilitator would. */
  const markDone = async (key: string) => {
    const page = await worklist();
    expect(page).to.contain(`value="${key}"`);
    await agent
      .post('/worklist/done')
      .type('form')
      .send({ _csrf: csrfFrom(page), key, view: 'mine' })
      .expect(303);
  };
  const person = (name: string, extra: Record<string, unknown> = {}) =>
    buildRepresentative(t.db, org, { name }).then(async (id) => {
      if (Object.keys(extra).length) await t.db('representatives').where({ id }).update(extra);
      return id;
    });
  const invite = (rep: number, status: Parameters<typeof buildInvitation>[2]['status'], o = {}) =>
    buildInvitation(t.db, org, { projectId: project, representativeId: rep, status }, o);

  it('when an invitation was refused by the mail server, then it is listed until someone marks it done', async () => {
    const id = await invite(await person('Per Borte'), 'undeliverable');
    expect(await worklist()).to.contain('Trygg utskriving: invitasjonen til Per Borte kom ikke fram');
    await markDone(`undeliverable:${id}`);
    const after = await worklist();
    expect(after).to.not.contain(`data-item="undeliverable:${id}"`);
    expect(after).to.contain('gjort av Kari Tilrettelegger');
  });

  it('when someone answered in the last 14 days, then the answer is to read until marked done; a changed answer comes back', async () => {
    const id = await invite(await person('Anne Svar'), 'accepted', { respondedAt: hoursFromNow(-2) });
    expect(await worklist()).to.contain('Trygg utskriving: Anne Svar – ');
    await markDone(`answer:${id}:accepted`);
    expect(await worklist()).to.not.contain(`data-item="answer:${id}:accepted"`);
    await t.db('invitations').where({ id }).update({ status: 'declined' });
    expect(await worklist()).to.contain(`data-item="answer:${id}:declined"`);
  });

  it('when an unanswered invitation’s deadline is within three days, then it is listed until the person answers', async () => {
    const id = await invite(await person('Siri Sen'), 'sent', {
      sentAt: hoursFromNow(-100),
      expiresAt: hoursFromNow(30),
    });
    expect(await worklist()).to.contain('Trygg utskriving: Siri Sen har ikke svart, og fristen er');
    await t.db('invitations').where({ id }).update({ status: 'accepted', responded_at: NOW });
    expect(await worklist()).to.not.contain(`data-item="deadline:${id}"`);
  });

  it('when a phone invitation waits for its answer, then it is listed until the facilitator records the answer', async () => {
    const rep = await person('Ola Telefon', { phone: '+47 900 00 000', preferred_contact: 'phone' });
    const id = await invite(rep, 'sent', {
      channel: 'phone',
      sentAt: hoursFromNow(-48),
      expiresAt: hoursFromNow(24 * 10),
    });
    const page = await worklist();
    expect(page).to.contain('Trygg utskriving: svaret fra Ola Telefon (på telefon) er ikke ført inn');
    await agent
      .post(`/projects/${project}/invitations/${id}/answer`)
      .type('form')
      .send({ _csrf: csrfFrom(page), answer: 'accept' })
      .expect(303);
    expect(await worklist()).to.not.contain(`data-item="record:${id}"`);
  });

  it('when the shortlist went out and one person is to be phoned, then they are listed until the contact is recorded', async () => {
    await invite(await person('Eva Epost'), 'sent', { sentAt: hoursFromNow(-1), expiresAt: hoursFromNow(24 * 10) });
    const rep = await person('Tor Ring', { phone: '+47 911 11 111', preferred_contact: 'phone' });
    const id = await invite(rep, 'draft');
    const page = await worklist();
    expect(page).to.contain('Trygg utskriving: Tor Ring skal kontaktes på telefon');
    await agent
      .post(`/projects/${project}/invitations/${id}/contacted`)
      .type('form')
      .send({ _csrf: csrfFrom(page), channel: 'phone' })
      .expect(303);
    const after = await worklist();
    expect(after).to.not.contain(`data-item="contact:${id}"`);
    expect(after).to.contain(`data-item="record:${id}"`);
  });

  it('when a shortlist was never sent, then it is listed until it is sent', async () => {
    const id = await invite(await person('Liv Liste'), 'draft');
    expect(await worklist()).to.contain('Trygg utskriving: kortlista med 1 person er ikke sendt');
    await t
      .db('invitations')
      .where({ id })
      .update({ status: 'sent', sent_at: NOW, expires_at: hoursFromNow(240) });
    expect(await worklist()).to.not.contain(`data-item="shortlist:${project}"`);
  });

  it('when a team member paused or withdrew, then they are listed until the pause ends or someone marks it done', async () => {
    const paused = await person('Pål Pause', { status: 'paused', paused_until: '2026-12-20' });
    await invite(paused, 'accepted', { respondedAt: hoursFromNow(-24 * 30) });
    const gone = await invite(await person('Vera Vekk'), 'withdrawn');
    await t
      .db('invitations')
      .where({ id: gone })
      .update({ withdrawn_at: hoursFromNow(-5) });
    const page = await worklist();
    expect(page).to.contain('Trygg utskriving: Pål Pause har tatt pause');
    expect(page).to.contain('Trygg utskriving: Vera Vekk har trukket seg');
    await t.db('representatives').where({ id: paused }).update({ status: 'active', paused_until: null });
    await markDone(`withdrawn:${gone}`);
    const after = await worklist();
    expect(after).to.not.contain('Pål Pause har tatt pause');
    expect(after).to.not.contain(`data-item="withdrawn:${gone}"`);
  });

  it('when a project is short of seats five days before its first meeting, then it is listed until the seats are filled', async () => {
    await buildMeeting(t.db, org, project, { startsAt: hoursFromNow(24 * 5), endsAt: hoursFromNow(24 * 5 + 2) });
    expect(await worklist()).to.contain('Trygg utskriving: 1 plass er ikke fylt, og første møte er');
    await invite(await person('Fyll Plass'), 'accepted', { respondedAt: hoursFromNow(-24 * 20) });
    expect(await worklist()).to.not.contain('plass er ikke fylt');
  });

  it('when a meeting is this week, then it is listed until it is cancelled', async () => {
    const meeting = await buildMeeting(t.db, org, project, { startsAt: hoursFromNow(50), endsAt: hoursFromNow(52) });
    expect(await worklist()).to.contain(`data-item="meeting:${meeting}:0"`);
    await t.db('meetings').where({ id: meeting }).update({ cancelled_at: NOW, sequence: 1 });
    expect(await worklist()).to.not.contain(`meeting:${meeting}:`);
  });

  it('when a past meeting of a team has no attendance logged, then it is listed until attendance is logged', async () => {
    const rep = await person('Møte Deltaker');
    await invite(rep, 'accepted', { respondedAt: hoursFromNow(-24 * 20) });
    const meeting = await buildMeeting(t.db, org, project, { startsAt: hoursFromNow(-26), endsAt: hoursFromNow(-24) });
    const page = await worklist();
    expect(page).to.contain('Trygg utskriving: oppmøtet fra møtet');
    expect(page).to.contain(`href="/projects/${project}/meetings/${meeting}/attendance"`);
    await buildInvolvement(
      t.db,
      org,
      { projectId: project, representativeId: rep, occurredOn: '2026-11-30' },
      { meetingId: meeting },
    );
    expect(await worklist()).to.not.contain(`data-item="attendance:${meeting}"`);
  });

  it('when an adopted impact is not fed back, then it is listed until it is fed back', async () => {
    const impact = await buildImpact(t.db, org, project, { status: 'adopted', whatChanged: 'Nytt brev' });
    expect(await worklist()).to.contain('Trygg utskriving: en vedtatt endring er ikke meldt tilbake');
    await t.db('impacts').where({ id: impact }).update({ fed_back_at: NOW });
    expect(await worklist()).to.not.contain(`data-item="feedback:${impact}"`);
  });

  it('when my representative’s term ends within 60 days, then it is listed until the term is renewed', async () => {
    const rep = await person('Tone Termin', { term_end: '2026-12-20', contact_user_id: facilitator.id });
    expect(await worklist()).to.contain('Tone Termin: oppnevningen slutter 20. desember 2026');
    await t.db('representatives').where({ id: rep }).update({ term_end: '2028-12-31' });
    expect(await worklist()).to.not.contain('Tone Termin: oppnevningen slutter');
  });

  it('when my representative asks for a copy, then the request is listed until it is marked handled', async () => {
    const rep = await person('Rita Rett', { contact_user_id: facilitator.id });
    const request = await buildRepresentativeRequest(t.db, org, rep, 'data_copy');
    const page = await worklist();
    expect(page).to.contain('Rita Rett ber om en kopi av opplysningene sine');
    await agent
      .post(`/representatives/requests/${request}/handled`)
      .type('form')
      .send({ _csrf: csrfFrom(page) })
      .expect(303);
    expect(await worklist()).to.not.contain('Rita Rett ber om en kopi');
  });

  it('when a follow-up with a professional is due, then it is listed until it is marked followed up', async () => {
    const contact = await buildContact(t.db, org, { name: 'Dr. Berg' });
    const contactPage = (await agent.get(`/contacts/${contact}`).expect(200)).text;
    await agent
      .post(`/contacts/${contact}/notes`)
      .type('form')
      .send({ _csrf: csrfFrom(contactPage), notedOn: '2026-11-20', discussed: 'Brukerpanel', followUpOn: '2026-12-03' })
      .expect(303);
    const page = await worklist();
    expect(page).to.contain('Følg opp Dr. Berg innen 3. desember 2026');
    const note = await t.db('contact_notes').where({ contact_id: contact }).first<{ id: number }>('id');
    await agent
      .post(`/contacts/${contact}/notes/${note.id}/done`)
      .type('form')
      .send({ _csrf: csrfFrom(page) })
      .expect(303);
    expect(await worklist()).to.not.contain('Følg opp Dr. Berg');
  });
});
