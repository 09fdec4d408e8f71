import { expect } from 'chai';
import request from 'supertest';
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
import { toNumber } from '../../../src/lib/db-values.js';
import { one, table } from '../../helpers/rows.js';

const LINK = /\/i\/([A-Za-z0-9_-]{43})/;
const ME_LINK = /\/me\/([A-Za-z0-9_-]{43})/;

describe('invitations', () => {
  let t: TestApp;
  let org: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  let project: number;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
    project = await buildProject(t.db, org, { title: 'Bedre hverdagsrehabilitering', seats: 1 });
    await t.db('projects').where({ id: project }).update({
      facilitator_user_id: facilitator.id,
      purpose: 'Gjøre rehabiliteringen hjemme bedre',
      what_matters: 'At det passer inn i hverdagen',
      honorarium_applies: true,
    });
    await buildMeeting(t.db, org, project, {
      startsAt: '2027-01-12T09:00:00.000Z',
      endsAt: '2027-01-12T11:00:00.000Z',
      place: 'Rådhuset, møterom 2',
      agenda: 'Oppstart',
    });
  });
  afterEach(() => t.close());

  async function shortlist(
    overrides: Parameters<typeof buildRepresentative>[2] = {},
    update: Record<string, unknown> = {},
  ) {
    const rep = await buildRepresentative(t.db, org, overrides);
    if (Object.keys(update).length) await t.db('representatives').where({ id: rep }).update(update);
    const now = new Date().toISOString();
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: rep, status: 'draft' },
      { createdAt: now },
    );
    return rep;
  }
  const invitationOf = (rep: number) => one(table(t.db, 'invitations').where({ representative_id: rep }).first());
  const mailTo = (address: string) => table(t.db, 'outbox_messages').where({ to_address: address }).orderBy('id');
  async function send() {
    const page = await agent.get(`/projects/${project}/invitations`).expect(200);
    return agent
      .post(`/projects/${project}/invitations/send`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
  }
  async function linkFor(address: string): Promise<string> {
    const mail = (await mailTo(address))[0]!;
    return `/i/${LINK.exec(mail.text_body!)![1]}`;
  }
  async function answer(path: string, fields: Record<string, string>, who = request.agent(t.app)) {
    const page = await who.get(path);
    return who
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields });
  }

  it('previews and sends the shortlist: e-mail with a personal link to those who can get it, the rest listed', async () => {
    const kari = await shortlist({ name: 'Kari Nordmann', email: 'kari@test.example' });
    const ola = await shortlist(
      { name: 'Ola Telefon', email: null },
      { phone: '+47 900 00 000', preferred_contact: 'phone' },
    );
    const gone = await shortlist({ name: 'Per Borte', email: 'per@test.example' }, { email_undeliverable: true });
    const en = await shortlist({ name: 'Anna English', email: 'anna@test.example' }, { locale: 'en' });

    const page = await agent.get(`/projects/${project}/invitations`).expect(200);
    expect(page.text).to.contain('2 personer får invitasjon på e-post');
    expect(page.text).to.contain('1 person vil heller bli ringt');
    expect(page.text).to.contain('E-postadressen virker ikke');
    expect(page.text).to.contain('+47 900 00 000');
    expect(page.text).to.contain('Les e-posten slik');
    expect(page.text).to.match(/Invita(sjon|tion): Bedre hverdagsrehabilitering/);

    const res = await send();
    expect(res.status).to.equal(303);
    expect((await invitationOf(kari)).status).to.equal('sent');
    expect((await invitationOf(en)).status).to.equal('sent');
    expect((await invitationOf(ola)).status).to.equal('draft');
    expect((await invitationOf(gone)).status).to.equal('draft');

    const mail = (await mailTo('kari@test.example'))[0]!;
    expect(mail.subject).to.equal('Invitasjon: Bedre hverdagsrehabilitering');
    expect(mail.text_body).to.contain('Hei, Kari Nordmann!');
    expect(mail.text_body).to.contain('Gjøre rehabiliteringen hjemme bedre');
    expect(mail.text_body).to.contain('At det passer inn i hverdagen');
    expect(mail.text_body).to.contain('Rådhuset, møterom 2');
    expect(mail.text_body).to.contain('300 kroner i timen');
    expect(mail.text_body).to.contain('Kari Tilrettelegger');
    expect(mail.text_body).to.match(LINK);
    expect(mail.text_body).to.match(ME_LINK);
    expect(mail.text_body).to.contain('/privacy');
    expect(mail.html_body).to.match(LINK);
    const english = (await mailTo('anna@test.example'))[0]!;
    expect(english.subject).to.equal('Invitation: Bedre hverdagsrehabilitering');
    // only hashes of the links are stored
    const token = LINK.exec(mail.text_body!)![1]!;
    expect(JSON.stringify(await table(t.db, 'invitations'))).not.to.contain(token);
    const invitation = await invitationOf(kari);
    const days = (Date.parse(new Date(invitation.expires_at!).toISOString()) - t.clock.now().toMillis()) / 86_400_000;
    expect(Math.round(days)).to.equal(14);

    // the phoned person is recorded as invited by phone, and no e-mail goes to them
    const again = await agent.get(`/projects/${project}/invitations`);
    const contactedId = toNumber((await invitationOf(ola)).id);
    await agent
      .post(`/projects/${project}/invitations/${contactedId}/contacted`)
      .type('form')
      .send({ _csrf: csrfFrom(again.text), channel: 'phone' })
      .expect(303);
    const phoned = await invitationOf(ola);
    expect(phoned).to.include({ status: 'sent', channel: 'phone', token_hash: null });
  });

  it("changes nothing when the link is only opened, and takes the answer by POST with the page's token", async () => {
    await shortlist({ name: 'Kari Nordmann', email: 'kari@test.example' });
    await send();
    const link = await linkFor('kari@test.example');
    const visitor = request.agent(t.app);
    const page = await visitor.get(link).expect(200);
    expect(page.text).to.contain('Bedre hverdagsrehabilitering');
    expect(page.text).to.contain('Vil du være med?');
    expect(page.text).to.contain('href="/privacy"');
    expect(page.text).not.to.contain('Kari Nordmann');
    const invitation = (await table(t.db, 'invitations'))[0]!;
    expect(invitation.status).to.equal('sent');

    await visitor.post(link).type('form').send({ answer: 'accept' }).expect(403);
    expect((await table(t.db, 'invitations').first())!.status).to.equal('sent');
    const refused = await one(table(t.db, 'audit_events').where({ action: 'invitation.link_refused' }).first());
    expect(JSON.parse(refused.details)).to.deep.equal({ reason: 'csrf' });

    const done = await answer(link, { answer: 'accept', note: 'Trenger rullestolplass' }, visitor);
    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal(link);
    const accepted = await table(t.db, 'invitations').first();
    expect(accepted).to.include({ status: 'accepted', note: 'Trenger rullestolplass' });
    const after = await visitor.get(link).expect(200);
    expect(after.text).to.contain('Du har svart ja, og du er med.');

    const mails = await mailTo('kari@test.example');
    expect(mails.map((m: { kind: string }) => m.kind)).to.deep.equal(['invitation', 'invitation_accepted']);
    const attachments = JSON.parse(mails[1]!.attachments!) as Array<{ filename: string; content: string }>;
    expect(attachments[0]!.filename).to.equal('medvirk.ics');
    expect(attachments[0]!.content).to.contain('BEGIN:VCALENDAR');
    expect(attachments[0]!.content).to.match(/UID:meeting-\d+@medvirk\.invalid/);
    expect(attachments[0]!.content).to.contain('DTSTART:20270112T090000Z');

    // the same answer again changes nothing and sends nothing
    await answer(link, { answer: 'accept', note: 'Trenger rullestolplass' }, visitor);
    expect(await mailTo('kari@test.example')).to.have.length(2);
    // a change of mind before the deadline is taken
    await answer(link, { answer: 'decline', declineReason: 'health' }, visitor);
    expect(await table(t.db, 'invitations').first()).to.include({ status: 'declined', decline_reason: 'health' });
  });

  it('puts a yes on the waitlist when the seats are full, and moves the first up when a seat frees', async () => {
    await shortlist({ name: 'Kari Først', email: 'first@test.example' });
    await shortlist({ name: 'Ola Andre', email: 'second@test.example' });
    await send();
    const first = await linkFor('first@test.example');
    const second = await linkFor('second@test.example');
    await answer(first, { answer: 'accept' });
    const waiting = await answer(second, { answer: 'accept' });
    expect(waiting.status).to.equal(303);
    const statuses = async () =>
      (
        await t
          .db('invitations')
          .join('representatives as r', 'r.id', 'invitations.representative_id')
          .orderBy('r.email')
          .select('r.email', 'invitations.status')
      ).map((r: { email: string; status: string }) => `${r.email}:${r.status}`);
    expect(await statuses()).to.deep.equal(['first@test.example:accepted', 'second@test.example:waitlisted']);
    expect((await mailTo('second@test.example')).map((m: { kind: string }) => m.kind)).to.deep.equal([
      'invitation',
      'invitation_waitlisted',
    ]);

    await answer(first, { answer: 'decline', declineReason: 'timing', declineText: 'Flytter i mars' });
    expect(await statuses()).to.deep.equal(['first@test.example:declined', 'second@test.example:accepted']);
    const promoted = (await mailTo('second@test.example')).pop()!;
    expect(promoted.kind).to.equal('invitation_promoted');
    expect(promoted.attachments).to.contain('BEGIN:VCALENDAR');
    expect(await table(t.db, 'audit_events').where({ action: 'invitation.promoted' })).to.have.length(1);
  });

  it('answers 404 to an unknown or tampered link, 410 to a withdrawn one or after the deadline, and audits each', async () => {
    const kari = await shortlist({ name: 'Kari Nordmann', email: 'kari@test.example' });
    await shortlist({ name: 'Ola Sen', email: 'late@test.example' });
    await send();
    const link = await linkFor('kari@test.example');
    await request(t.app)
      .get(`/i/${'x'.repeat(43)}`)
      .expect(404);
    await request(t.app)
      .get(`${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`)
      .expect(404);
    await request(t.app).get('/i/short').expect(404);

    const page = await agent.get(`/projects/${project}/invitations`);
    const id = toNumber((await invitationOf(kari)).id);
    await agent
      .post(`/projects/${project}/invitations/${id}/withdraw`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    const gone = await request(t.app).get(link).expect(410);
    expect(gone.text).to.contain('trukket tilbake');
    expect(gone.text).to.contain(facilitator.email);
    expect((await mailTo('kari@test.example')).pop()!.kind).to.equal('invitation_withdrawn');
    const answered = await answer(link, { answer: 'accept' });
    expect(answered.status).to.be.oneOf([403, 410]);
    expect((await invitationOf(kari)).status).to.equal('withdrawn');

    const late = await linkFor('late@test.example');
    t.clock.advance({ days: 15 });
    await request(t.app).get(late).expect(410);
    const refused = await table(t.db, 'audit_events').where({ action: 'invitation.link_refused' });
    // refusals from one source are counted into one row per kind and hour (issue 15, finding 10)
    expect(refused.reduce((sum: number, r: { occurrences: unknown }) => sum + Number(r.occurrences), 0)).to.be.at.least(
      4,
    );
    expect(JSON.stringify(refused)).not.to.contain('kari');
  });

  it('refuses a 100 kB decline reason with 422, keeps what was typed and changes nothing', async () => {
    await shortlist({ name: 'Kari Nordmann', email: 'kari@test.example' });
    await send();
    const link = await linkFor('kari@test.example');
    const long = 'å'.repeat(50_000);
    const res = await answer(link, { answer: 'decline', declineReason: 'other', declineText: long });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('høyst 2000 tegn');
    expect(res.text).to.contain(long);
    expect((await table(t.db, 'invitations').first())!.status).to.equal('sent');
    const none = await answer(link, {});
    expect(none.status).to.equal(422);
    expect(none.text).to.contain('Velg om du vil være med');
  });

  it("records an answer given by phone on the person's behalf", async () => {
    const ola = await shortlist(
      { name: 'Ola Telefon', email: null },
      { phone: '+47 900 00 000', preferred_contact: 'phone' },
    );
    let page = await agent.get(`/projects/${project}/invitations`);
    const id = toNumber((await invitationOf(ola)).id);
    await agent
      .post(`/projects/${project}/invitations/${id}/contacted`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), channel: 'phone' })
      .expect(303);
    page = await agent.get(`/projects/${project}/invitations`);
    expect(page.text).to.contain('Registrer svar');
    const bad = await agent
      .post(`/projects/${project}/invitations/${id}/answer`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), answer: 'maybe' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain(`href="#answer-${id}"`);
    await agent
      .post(`/projects/${project}/invitations/${id}/answer`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), answer: 'accept', note: 'Ringt 12. mars' })
      .expect(303);
    const row = await invitationOf(ola);
    expect(row).to.include({ status: 'accepted', note: 'Ringt 12. mars' });
    expect(toNumber(row.answer_recorded_by_user_id)).to.equal(facilitator.id);
    const audit = await one(table(t.db, 'audit_events').where({ action: 'invitation.accepted' }).first());
    expect(audit.actor_type).to.equal('user');
  });

  it('reminds once before the deadline with a link of its own, then expires the unanswered invitation', async () => {
    await shortlist({ name: 'Kari Nordmann', email: 'kari@test.example' });
    await send();
    const first = await linkFor('kari@test.example');
    await t.services.runtime.background.runOnce();
    expect(await mailTo('kari@test.example')).to.have.length(1);

    t.clock.advance({ days: 11, hours: 1 });
    await t.services.runtime.background.runOnce();
    const mails = await mailTo('kari@test.example');
    expect(mails.map((m: { kind: string }) => m.kind)).to.deep.equal(['invitation', 'invitation_reminder']);
    expect(mails[1]!.subject).to.equal('Påminnelse: Bedre hverdagsrehabilitering');
    const second = `/i/${LINK.exec(mails[1]!.text_body!)![1]}`;
    expect(second).not.to.equal(first);
    await request(t.app).get(first).expect(200);
    await request(t.app).get(second).expect(200);
    t.clock.advance({ minutes: 20 });
    await t.services.runtime.background.runOnce();
    expect(await mailTo('kari@test.example')).to.have.length(2);

    t.clock.advance({ days: 3 });
    await t.services.runtime.background.runOnce();
    expect((await table(t.db, 'invitations').first())!.status).to.equal('expired');
    expect(
      await table(t.db, 'audit_events').where({ action: 'invitation.expired', actor_type: 'system' }),
    ).to.have.length(1);
    await request(t.app).get(second).expect(410);
  });

  it('sends the team an updated calendar entry when a meeting moves, and a cancelling one when it is cancelled', async () => {
    await shortlist({ name: 'Kari Nordmann', email: 'kari@test.example' });
    await send();
    await answer(await linkFor('kari@test.example'), { answer: 'accept' });
    const meeting = await one(table(t.db, 'meetings').where({ project_id: project }).first());
    const edit = `/projects/${project}/meetings/${meeting.id}/edit`;
    const form = await agent.get(edit).expect(200);
    expect(form.text).to.contain('value="10:00"'); // 09:00 UTC in Oslo in January
    const outside = await agent
      .post(edit)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        date: '2030-01-01',
        startTime: '10:00',
        endTime: '12:00',
        place: 'Rådhuset',
      });
    expect(outside.status).to.equal(422);
    expect(outside.text).to.contain('value="2030-01-01"');
    await agent
      .post(edit)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        date: '2027-01-19',
        startTime: '13:00',
        endTime: '15:00',
        place: 'Biblioteket',
      })
      .expect(303);
    const moved = (await mailTo('kari@test.example')).pop()!;
    expect(moved.kind).to.equal('meeting_moved');
    expect(moved.text_body).to.contain('Biblioteket');
    const movedIcs = (JSON.parse(moved.attachments!) as Array<{ content: string }>)[0]!.content;
    expect(movedIcs).to.contain('METHOD:REQUEST');
    expect(movedIcs).to.contain(`UID:meeting-${meeting.id}@medvirk.invalid`);
    expect(movedIcs).to.contain('SEQUENCE:1');
    expect(movedIcs).to.contain('DTSTART:20270119T120000Z');

    const page = await agent.get(`/projects/${project}`);
    await agent
      .post(`/projects/${project}/meetings/${meeting.id}/remove`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    const cancelled = (await mailTo('kari@test.example')).pop()!;
    expect(cancelled.kind).to.equal('meeting_cancelled');
    const cancelIcs = (JSON.parse(cancelled.attachments!) as Array<{ content: string }>)[0]!.content;
    expect(cancelIcs).to.contain('METHOD:CANCEL');
    expect(cancelIcs).to.contain('STATUS:CANCELLED');
    expect(cancelIcs).to.contain('SEQUENCE:2');
    expect(cancelIcs).to.contain(`UID:meeting-${meeting.id}@medvirk.invalid`);
    expect(await table(t.db, 'meetings').where({ id: meeting.id })).to.have.length(0);
  });

  it("shows the link's page in the person's language, unless this browser chose another", async () => {
    await shortlist({ name: 'Anna English', email: 'anna@test.example' }, { locale: 'en' });
    await send();
    const link = await linkFor('anna@test.example');
    const page = await request(t.app).get(link).set('Accept-Language', 'nb-NO').expect(200);
    expect(page.text).to.contain('<html lang="en"');
    expect(page.text).to.contain('Would you like to take part?');
    const refused = await answer(link, {});
    expect(refused.text).to.contain('Choose whether you want to take part or decline.');
    const chosen = await request(t.app).get(link).set('Cookie', 'lang=nb').expect(200);
    expect(chosen.text).to.contain('Vil du være med?');
  });

  it('limits visits to link pages per IP address', async () => {
    let status = 0;
    for (let i = 0; i < 61; i += 1) status = (await request(t.app).get(`/i/${'y'.repeat(43)}`)).status;
    expect(status).to.equal(429);
  });
});
