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
import { one, table } from '../../helpers/rows.js';

// Issue 20, item 5: the printable letters of a project's letter invitations (/projects/:id/invitations/letters),
// and recording them as sent. Opening the page changes nothing but the audit log of who saw the addresses.
describe('letter invitations that print (issue 20, item 5)', () => {
  let t: TestApp;
  let org: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  let project: number;
  let liv: number;
  let ola: number;

  beforeEach(async () => {
    t = await buildTestApp();
    t.clock.set('2026-12-01T10:00:00.000Z');
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    await t.db('users').where({ id: facilitator.id }).update({ phone: '+47 22 00 00 01' });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 3, whatMatters: 'Å bli hørt' });
    await t.db('projects').where({ id: project }).update({
      facilitator_user_id: facilitator.id,
      purpose: 'Bedre overgang hjem',
    });
    await buildMeeting(t.db, org, project, {
      startsAt: '2027-03-01T09:00:00.000Z',
      endsAt: '2027-03-01T11:00:00.000Z',
      place: 'Rådhuset, møterom 2',
    });
    const colleague = await buildUser(t.db, org, { role: 'facilitator', name: 'Per Kollega' });
    await t.db('users').where({ id: colleague.id }).update({ phone: '+47 22 00 00 02' });
    liv = await shortlist('Liv Brev', { postal_address: 'Storgata 1\n0155 Oslo', contact_user_id: colleague.id });
    ola = await shortlist('Ola Brev', { postal_address: 'Lillevegen 2\n7010 Trondheim', locale: 'en' });
    await shortlist('Eva Epost', { preferred_contact: 'email' });
  });
  afterEach(() => t.close());

  async function shortlist(name: string, update: Record<string, unknown>) {
    const rep = await buildRepresentative(t.db, org, { name, email: null });
    await t
      .db('representatives')
      .where({ id: rep })
      .update({ preferred_contact: 'letter', ...update });
    if (update.preferred_contact === 'email') {
      await t.db('representatives').where({ id: rep }).update({ email: 'eva@test.example' });
    }
    await buildInvitation(t.db, org, { projectId: project, representativeId: rep, status: 'draft' });
    return rep;
  }
  const invitationOf = (rep: number) => one(table(t.db, 'invitations').where({ representative_id: rep }).first());
  const lettersPage = () => agent.get(`/projects/${project}/invitations/letters`);
  async function markSent(ids: Array<string | number>, projectId = project) {
    const page = await lettersPage();
    return agent
      .post(`/projects/${projectId}/invitations/letters/sent`)
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfFrom(page.text))}&${ids.map((id) => `ids=${id}`).join('&')}`);
  }

  it('links to the letters from the invitations page and prints one letter per person waiting, changing nothing', async () => {
    const invitations = await agent.get(`/projects/${project}/invitations`).expect(200);
    expect(invitations.text).to.contain(`href="/projects/${project}/invitations/letters"`);
    expect(invitations.text).to.contain('Skriv ut brevene til 2 personer som foretrekker brev');

    const before = await table(t.db, 'invitations').orderBy('id');
    const page = await lettersPage().expect(200);
    expect(page.text.match(/class="app-letter"/g)).to.have.length(2);
    // the address for the window envelope, the organisation, the date in the organisation's zone
    expect(page.text).to.match(/<address class="app-letter__address">Liv Brev<br>Storgata 1<br>0155 Oslo<\/address>/);
    expect(page.text).to.contain('Eksempel kommune');
    expect(page.text).to.contain('1. desember 2026');
    expect(page.text).to.contain('Bedre overgang hjem');
    expect(page.text).to.contain('Å bli hørt');
    expect(page.text).to.contain('Rådhuset, møterom 2');
    // a letter gives a day to answer by, not a minute: 14 days on, in Oslo
    expect(page.text).to.contain('Svar innen 15. desember 2026: send svarslippen');
    // the contact person and work phone: the person's own, else the project's facilitator
    expect(page.text).to.contain('Kontaktpersonen din er Per Kollega, telefon +47 22 00 00 02.');
    expect(page.text).to.contain('Your contact person is Kari Tilrettelegger, phone +47 22 00 00 01.');
    // each letter in its reader's language, with a reply slip that asks nothing about health
    expect(page.text).to.contain('lang="en"');
    expect(page.text).to.contain('Svarslipp – Trygg utskriving');
    expect(page.text).to.contain('Ring meg, jeg vil vite mer');
    expect(page.text).to.contain('Reply slip – Trygg utskriving');
    expect(page.text).to.contain('Sendes til: Eksempel kommune, v/ Per Kollega');
    expect(page.text).not.to.match(/helse|health/i);
    // the e-mail invitation is not a letter
    expect(page.text).not.to.contain('Eva Epost');

    expect(await table(t.db, 'invitations').orderBy('id')).to.deep.equal(before);
    expect(await table(t.db, 'outbox_messages')).to.have.length(0);
    const views = await table(t.db, 'audit_events').where({ action: 'invitation.letter_viewed' });
    expect(views.map((v: { entity_id: unknown }) => Number(v.entity_id)).sort()).to.deep.equal([liv, ola].sort());
    expect(views.every((v: { entity_type: string }) => v.entity_type === 'representative')).to.equal(true);
  });

  it('puts the personal note of the sending into the letters', async () => {
    await t.db('invitations').where({ representative_id: liv }).update({ personal_note: 'Håper å se deg!\nHilsen' });
    const page = await lettersPage().expect(200);
    expect(page.text).to.contain('Håper å se deg!<br>Hilsen');
    expect(page.text).to.contain('– Kari Tilrettelegger');
  });

  it('saves a personal word for the letters when no e-mail goes out with them', async () => {
    await t
      .db('invitations')
      .where({ project_id: project, channel: 'email' })
      .whereNotIn('representative_id', [liv, ola])
      .delete();
    const page = await agent.get(`/projects/${project}/invitations`).expect(200);
    expect(page.text).to.contain(`action="/projects/${project}/invitations/letters/note"`);
    expect(page.text).not.to.contain('id="send"');
    const post = (personalNote: string) =>
      agent
        .post(`/projects/${project}/invitations/letters/note`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), personalNote });

    const long = 'Velkommen! '.repeat(60);
    const refused = await post(long);
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain(`${long}</textarea>`);
    expect(refused.text).to.contain('Det personlige ordet kan ha høyst 600 tegn.');
    expect((await invitationOf(liv)).personal_note).to.equal('');

    expect((await post('Håper å se deg!')).status).to.equal(303);
    for (const rep of [liv, ola]) expect((await invitationOf(rep)).personal_note).to.equal('Håper å se deg!');
    expect((await invitationOf(liv)).status).to.equal('draft');
    const audit = await one(table(t.db, 'audit_events').where({ action: 'invitation.letter_note_saved' }).first());
    expect(Number(audit.entity_id)).to.equal(project);
    const again = await agent.get(`/projects/${project}/invitations`).expect(200);
    expect(again.text).to.contain('Det personlige ordet står nå i 2 brev.');
    expect(again.text).to.contain('Håper å se deg!</textarea>');
    expect((await lettersPage().expect(200)).text.match(/Håper å se deg!/g)).to.have.length(2);
  });

  it('records the letters shown as sent in one go, audited per invitation, skipping those no longer waiting', async () => {
    const other = await buildOrganisation(t.db);
    const otherProject = await buildProject(t.db, other);
    const stranger = await buildRepresentative(t.db, other, { name: 'Fremmed' });
    const strangerInvitation = await buildInvitation(t.db, other, {
      projectId: otherProject,
      representativeId: stranger,
      status: 'draft',
    });
    const livId = Number((await invitationOf(liv)).id);
    const olaId = Number((await invitationOf(ola)).id);
    // Ola's letter was recorded on the invitations page meanwhile
    await t.db('invitations').where({ id: olaId }).update({ status: 'sent', channel: 'letter' });

    const res = await markSent([livId, olaId, strangerInvitation, 'abc', livId]);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/projects/${project}/invitations`);
    const row = await invitationOf(liv);
    expect(row).to.include({ status: 'sent', channel: 'letter', token_hash: null });
    // the whole of the day the letter gives (23:59:59.999 in Oslo)
    expect(new Date(row.expires_at!).toISOString()).to.equal('2026-12-15T22:59:59.999Z');
    expect((await one(table(t.db, 'invitations').where({ id: strangerInvitation }).first())).status).to.equal('draft');
    const audits = await table(t.db, 'audit_events').where({ action: 'invitation.contacted' });
    expect(audits).to.have.length(1);
    expect(Number(audits[0]!.entity_id)).to.equal(livId);
    expect(JSON.parse(audits[0]!.details)).to.deep.equal({ channel: 'letter' });

    const after = await agent.get(`/projects/${project}/invitations`).expect(200);
    expect(after.text).to.contain('1 brev er registrert som sendt.');
    expect(after.text).to.contain('3 brev ble hoppet over');
    const empty = await lettersPage().expect(200);
    expect(empty.text).to.contain('Ingen venter på brev nå.');
  });

  it("answers another organisation's project with 404 and shows no letters while what matters is missing", async () => {
    const other = await buildOrganisation(t.db);
    const otherProject = await buildProject(t.db, other);
    await agent.get(`/projects/${otherProject}/invitations/letters`).expect(404);
    expect((await markSent([1], otherProject)).status).to.equal(404);

    await t.db('projects').where({ id: project }).update({ what_matters: '' });
    const page = await lettersPage().expect(200);
    expect(page.text).not.to.contain('class="app-letter"');
    expect(page.text).to.contain(`href="/projects/${project}/edit#whatMatters"`);
    const livId = Number((await invitationOf(liv)).id);
    const res = await markSent([livId]);
    expect(res.status).to.equal(422);
    expect((await invitationOf(liv)).status).to.equal('draft');
  });

  it('is for facilitators and admins: a supervisor is refused', async () => {
    const supervisor = await buildUser(t.db, org, { role: 'supervisor' });
    const { agent: watcher } = await signIn(t.app, supervisor.email, supervisor.password);
    await watcher.get(`/projects/${project}/invitations/letters`).expect(403);
    expect(await table(t.db, 'audit_events').where({ action: 'invitation.letter_viewed' })).to.have.length(0);
  });
});
