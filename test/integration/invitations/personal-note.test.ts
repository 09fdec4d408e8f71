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
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';

// Issue 20, item 5: a personal word in the invitation, the warning when more are invited than there are seats,
// "what matters" required before sending, and the contact person named at the end of every e-mail.
describe('invitations with a personal word (issue 20, item 5)', () => {
  let t: TestApp;
  let org: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  let project: number;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    await t.db('users').where({ id: facilitator.id }).update({ phone: '+47 22 00 00 01' });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 2, whatMatters: 'Å bli hørt' });
    await t.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
    await buildMeeting(t.db, org, project, {
      startsAt: '2027-03-01T09:00:00.000Z',
      endsAt: '2027-03-01T11:00:00.000Z',
    });
  });
  afterEach(() => t.close());

  async function shortlist(name: string, update: Record<string, unknown> = {}, status: 'draft' | 'accepted' = 'draft') {
    const rep = await buildRepresentative(t.db, org, {
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}@test.example`,
    });
    if (Object.keys(update).length) await t.db('representatives').where({ id: rep }).update(update);
    await buildInvitation(t.db, org, { projectId: project, representativeId: rep, status });
    return rep;
  }
  const invitationOf = (rep: number) => one(table(t.db, 'invitations').where({ representative_id: rep }).first());
  const mailTo = (address: string) => table(t.db, 'outbox_messages').where({ to_address: address }).orderBy('id');
  async function send(fields: Record<string, string> = {}) {
    const page = await agent.get(`/projects/${project}/invitations`).expect(200);
    return agent
      .post(`/projects/${project}/invitations/send`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields });
  }

  it('stores the note on each invitation of the sending and quotes it, signed, in the e-mail; not in the reminder', async () => {
    const kari = await shortlist('Kari Nordmann');
    const anna = await shortlist('Anna English', { locale: 'en' });
    const letter = await shortlist('Liv Brev', {
      preferred_contact: 'letter',
      postal_address: 'Storgata 1\n0155 Oslo',
    });
    const page = await agent.get(`/projects/${project}/invitations`).expect(200);
    expect(page.text).to.contain('id="personalNote"');
    expect(page.text).to.contain('Et personlig ord fra deg');

    const res = await send({ personalNote: '  Jeg gleder meg til å møte deg.\r\nVi ses!  ' });
    expect(res.status).to.equal(303);
    for (const rep of [kari, anna, letter]) {
      expect((await invitationOf(rep)).personal_note).to.equal('Jeg gleder meg til å møte deg.\r\nVi ses!');
    }
    expect((await invitationOf(letter)).status).to.equal('draft');
    const mail = (await mailTo('kari@test.example'))[0]!;
    expect(mail.text_body).to.contain('> Jeg gleder meg til å møte deg.\n> Vi ses!\n– Kari Tilrettelegger');
    expect(mail.html_body).to.contain('<blockquote');
    expect(mail.html_body).to.contain('Jeg gleder meg til å møte deg.<br>Vi ses!');
    // the note as typed, in an e-mail otherwise in the recipient's language
    const english = (await mailTo('anna@test.example'))[0]!;
    expect(english.subject).to.equal('Invitation: Trygg utskriving');
    expect(english.text_body).to.contain('> Jeg gleder meg til å møte deg.');
    const audit = await one(table(t.db, 'audit_events').where({ action: 'invitation.sent' }).first());
    expect(JSON.parse(audit.details)).to.include({ count: 2, personalNote: true });

    t.clock.advance({ days: 11, hours: 1 });
    await t.services.runtime.background.runOnce();
    const reminder = (await mailTo('kari@test.example')).find(
      (m: { kind: string }) => m.kind === 'invitation_reminder',
    );
    expect(reminder, 'a reminder was sent').to.exist;
    expect(reminder!.text_body).not.to.contain('Jeg gleder meg');
  });

  it('escapes the note in the HTML e-mail and keeps it as typed in the text', async () => {
    await shortlist('Kari Nordmann');
    await send({ personalNote: '<script>alert(1)</script> & "hei"' }).then((r) => expect(r.status).to.equal(303));
    const mail = (await mailTo('kari@test.example'))[0]!;
    expect(mail.html_body).not.to.contain('<script>');
    expect(mail.html_body).to.contain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;hei&#34;');
    expect(mail.text_body).to.contain('> <script>alert(1)</script> & "hei"');
  });

  it('strips control characters from the note at the boundary and keeps its line breaks (PostgreSQL refuses NUL)', async () => {
    const kari = await shortlist('Kari Nordmann');
    const res = await send({ personalNote: 'Vel\u0000kommen\u0007!\r\n\tHilsen' });
    expect(res.status).to.equal(303);
    expect((await invitationOf(kari)).personal_note).to.equal('Velkommen!\r\n\tHilsen');
  });

  it("puts the note in the person's data copy and blanks it when they are erased", async () => {
    const kari = await shortlist('Kari Nordmann');
    await send({ personalNote: 'Godt å se deg igjen etter sist' }).then((r) => expect(r.status).to.equal(303));
    const copy = await agent.get(`/representatives/${kari}/export.json`).expect(200);
    expect(JSON.stringify(copy.body)).to.contain('"personalNote":"Godt å se deg igjen etter sist"');
    const done = await submitForm(agent, `/representatives/${kari}/erase`, `/representatives/${kari}/erase`, {
      confirmation: 'slett',
    });
    expect(done.status).to.equal(303);
    expect((await invitationOf(kari)).personal_note).to.equal('');
  });

  it('refuses a note over 600 characters with 422, keeps it in the field and sends nothing', async () => {
    const kari = await shortlist('Kari Nordmann');
    const long = `${'Hei og velkommen. '.repeat(40)}slutt`;
    const res = await send({ personalNote: long });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('error-summary');
    expect(res.text).to.contain('Det personlige ordet kan ha høyst 600 tegn.');
    expect(res.text).to.contain('href="#personalNote"');
    expect(res.text).to.contain(`${long}</textarea>`);
    expect((await invitationOf(kari)).status).to.equal('draft');
    expect(await table(t.db, 'outbox_messages')).to.have.length(0);
    // exactly 600 is fine
    expect((await send({ personalNote: 'x'.repeat(600) })).status).to.equal(303);
  });

  it('warns before sending when those invited and those taking part outnumber the seats, and explains the waitlist', async () => {
    await shortlist('Kari Nordmann');
    await shortlist('Ola Nordmann');
    let page = await agent.get(`/projects/${project}/invitations`).expect(200);
    expect(page.text).not.to.contain('id="over-seats"');

    await shortlist('Per Med', {}, 'accepted');
    page = await agent.get(`/projects/${project}/invitations`).expect(200);
    expect(page.text).to.contain('id="over-seats"');
    expect(page.text).to.contain('Du inviterer 2 nå, og 1 er allerede med, men prosjektet har 2 plasser.');
    expect(page.text).to.contain('venteliste');
    // a warning, not a block: the send button is there
    expect(page.text).to.contain('id="send"');
  });

  it('refuses to send with 422 while the project does not say what matters, linking to the field; nothing is sent', async () => {
    await t.db('projects').where({ id: project }).update({ what_matters: '  ' });
    const kari = await shortlist('Kari Nordmann');
    const page = await agent.get(`/projects/${project}/invitations`).expect(200);
    expect(page.text).to.contain('id="what-matters-missing"');
    const res = await send({ personalNote: 'Velkommen!' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Skriv hva som er viktig for pasienter og pårørende i dette prosjektet');
    expect(res.text).to.contain(`href="/projects/${project}/edit#whatMatters"`);
    expect(res.text).to.contain('Velkommen!</textarea>');
    expect((await invitationOf(kari)).status).to.equal('draft');
    expect(await table(t.db, 'outbox_messages')).to.have.length(0);
    expect(await table(t.db, 'audit_events').where({ action: 'invitation.sent' })).to.have.length(0);
  });

  it("ends each e-mail with the person's contact person and work phone, else the project's facilitator", async () => {
    const colleague = await buildUser(t.db, org, { role: 'facilitator', name: 'Per Kollega' });
    await t.db('users').where({ id: colleague.id }).update({ phone: '+47 22 00 00 02' });
    await shortlist('Kari Nordmann', { contact_user_id: colleague.id });
    await shortlist('Ola Nordmann');
    await shortlist('Anna English', { locale: 'en', contact_user_id: colleague.id });
    await send();
    // an invitation names the contact person once, above the answer link (issue 25, item 5)
    const contactLine = async (address: string) => {
      const paragraphs = ((await mailTo(address))[0]!.text_body as string).split('\n\n');
      const lines = paragraphs.filter((p) => /^(Kontaktpersonen din|Your contact person)/.test(p));
      expect(lines, address).to.have.length(1);
      const answer = paragraphs.findIndex((p) => p.includes('/i/'));
      expect(paragraphs.indexOf(lines[0]!), address).to.be.within(0, answer - 1);
      return lines[0];
    };
    expect(await contactLine('kari@test.example')).to.equal(
      'Kontaktpersonen din er Per Kollega, telefon +47 22 00 00 02.',
    );
    expect(await contactLine('ola@test.example')).to.equal(
      'Kontaktpersonen din er Kari Tilrettelegger, telefon +47 22 00 00 01.',
    );
    expect(await contactLine('anna@test.example')).to.equal(
      'Your contact person is Per Kollega, phone +47 22 00 00 02.',
    );
    expect((await mailTo('kari@test.example'))[0]!.html_body).to.contain('Kontaktpersonen din er Per Kollega');

    // without a work phone the line names the person alone; a deactivated contact person gives way to the facilitator
    await t.db('users').where({ id: facilitator.id }).update({ phone: '' });
    await t.db('users').where({ id: colleague.id }).update({ active: false });
    const liv = await shortlist('Liv Nordmann', { contact_user_id: colleague.id });
    await send();
    expect(await contactLine('liv@test.example')).to.equal('Kontaktpersonen din er Kari Tilrettelegger.');
    // and the withdrawal e-mail ends the same way
    const invitation = await invitationOf(liv);
    const page = await agent.get(`/projects/${project}/invitations`);
    await agent
      .post(`/projects/${project}/invitations/${invitation.id}/withdraw`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    const withdrawn = (await mailTo('liv@test.example')).find(
      (m: { kind: string }) => m.kind === 'invitation_withdrawn',
    );
    expect((withdrawn!.text_body as string).split('\n\n').slice(-2)[0]).to.equal(
      'Kontaktpersonen din er Kari Tilrettelegger.',
    );
  });
});
