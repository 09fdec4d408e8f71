import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildContact,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  buildInvitation,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { table, one } from '../../helpers/rows.js';

// Issue 14 item 10. PostgreSQL refuses NUL in text (error 22021) where SQLite stores it: without stripping at the
// form boundary these gave a 500 on PostgreSQL only. This suite runs on both engines (`.ci/run` runs the
// integration suite once more with DATABASE_URL set).
const NUL = '\u0000';
const ME_LINK = /\/me\/([A-Za-z0-9_-]{43})/;
const LINK = /\/i\/([A-Za-z0-9_-]{43})/;

describe('control characters in form fields (issue 14 item 10)', () => {
  let t: TestApp;
  let org: number;
  let agent: Agent;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db);
    const facilitator = await buildUser(t.db, org, { role: 'facilitator' });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
  });
  afterEach(() => t.close());

  it('stores a representative whose name and address hold NUL, DEL and escapes without them, keeping the address lines', async () => {
    const res = await submitForm(agent, '/representatives/new', '/representatives/new', {
      name: `Kari${NUL} Nord\u007fmann\u001b`,
      kind: 'patient',
      status: 'active',
      email: 'kari@test.example',
      locale: 'nb',
      preferredContact: 'letter',
      postalAddress: `Storgata 1${NUL}\r\n0150 Oslo\u0007`,
      notes: `Foretrekker${NUL} formiddag\r\nTrenger tolk`,
      consentMethod: 'written',
    });
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    const stored = await one(table(t.db, 'representatives').where({ email: 'kari@test.example' }).first());
    expect(stored.name).to.equal('Kari Nordmann');
    expect(stored.postal_address).to.equal('Storgata 1\r\n0150 Oslo');
    expect(stored.notes).to.equal('Foretrekker formiddag\r\nTrenger tolk');
  });

  it('re-renders a refused form with 422 and the typed text without its control characters', async () => {
    const res = await submitForm(agent, '/representatives/new', '/representatives/new', {
      name: `Ola${NUL} Nordmann`,
      kind: 'patient',
      status: 'active',
      email: `not an address${NUL}`,
      locale: 'nb',
      preferredContact: 'email',
      consentMethod: 'written',
    });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('value="Ola Nordmann"');
    expect(res.text).to.not.contain(NUL);
  });

  it('stores a contact note whose text holds NUL, keeping tab and line breaks only in the multi-line field', async () => {
    const contact = await buildContact(t.db, org);
    const res = await submitForm(agent, `/contacts/${contact}`, `/contacts/${contact}/notes`, {
      notedOn: '2026-01-15',
      discussed: `Møte om${NUL} utskriving\r\n\tneste steg`,
      nextStep: `Ring${NUL}\tigjen\r\nsnart`,
      followUpOn: '',
    });
    expect(res.status, res.text.slice(0, 300)).to.be.oneOf([302, 303]);
    const note = await one(table(t.db, 'contact_notes').where({ contact_id: contact }).first());
    expect(note.discussed).to.equal('Møte om utskriving\r\n\tneste steg');
    expect(note.next_step).to.equal('Ring igjen snart');
  });

  it('creates a project whose title and purpose hold NUL', async () => {
    const page = await agent.get('/projects/new');
    const res = await agent
      .post('/projects/new')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        title: `Trygg${NUL} utskriving`,
        purpose: `Bedre${NUL}\r\nutskriving`,
        whatMatters: '',
        unitId: '',
        ownerContactId: '',
        facilitatorUserId: '',
        targetLevel: 'involve',
        seats: '3',
        startsOn: '2027-01-01',
        endsOn: '2027-06-30',
        workingLanguages: 'nb',
      });
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    const project = await one(table(t.db, 'projects').where({ organisation_id: org }).first());
    expect(project.title).to.equal('Trygg utskriving');
    expect(project.purpose).to.equal('Bedre\r\nutskriving');
  });

  it('answers a search for NUL with the list, not a 500', async () => {
    await buildRepresentative(t.db, org, { name: 'Kari Nordmann' });
    const res = await agent.get('/representatives?q=Kari%00').expect(200);
    expect(res.text).to.contain('Kari Nordmann');
    await agent.get('/contacts?q=%00').expect(200);
    await agent.get('/projects?q=%00').expect(200);
  });

  it('answers NUL in a sign-in e-mail, a link token or a record id with a page, not a 500', async () => {
    const visitor = request.agent(t.app);
    const login = await visitor.get('/login');
    const res = await visitor
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(login.text), email: `nobody${NUL}@test.example`, password: 'x', returnTo: '/' });
    expect(res.status).to.be.oneOf([401, 422]);
    for (const path of [
      `/i/${'a'.repeat(42)}%00`,
      `/me/${'a'.repeat(42)}%00`,
      `/password/reset/${'a'.repeat(42)}%00`,
      '/representatives/1%00',
      '/projects/1%00',
    ]) {
      const page = await agent.get(path);
      expect(page.status, path).to.be.oneOf([400, 404]);
    }
  });

  it('takes NUL in the fields of the link pages /me/ and /i/ without a 500', async () => {
    const project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 2 });
    const rep = await buildRepresentative(t.db, org, { name: 'Ola Nordmann', email: 'ola@test.example' });
    const now = new Date().toISOString();
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: rep, status: 'draft' },
      { createdAt: now },
    );
    const invitations = await agent.get(`/projects/${project}/invitations`);
    await agent
      .post(`/projects/${project}/invitations/send`)
      .type('form')
      .send({ _csrf: csrfFrom(invitations.text) })
      .expect(303);
    const mail = await one(table(t.db, 'outbox_messages').where({ kind: 'invitation' }).first());
    const me = `/me/${ME_LINK.exec(mail.text_body!)![1]}`;
    const link = `/i/${LINK.exec(mail.text_body!)![1]}`;

    const visitor = request.agent(t.app);
    const mePage = await visitor.get(me).expect(200);
    const contact = await visitor
      .post(`${me}/contact`)
      .type('form')
      .send({
        _csrf: csrfFrom(mePage.text),
        email: 'ola@test.example',
        phone: `912${NUL}34567`,
        postalAddress: `Storgata 2${NUL}\r\n0150 Oslo`,
        preferredContact: 'email',
        languages: 'nb',
      });
    expect(contact.status, contact.text.slice(0, 300)).to.equal(303);
    const person = await one(table(t.db, 'representatives').where({ id: rep }).first());
    expect(person.phone).to.equal('91234567');
    expect(person.postal_address).to.equal('Storgata 2\r\n0150 Oslo');

    const answerPage = await visitor.get(link).expect(200);
    const answer = await visitor
      .post(link)
      .type('form')
      .send({ _csrf: csrfFrom(answerPage.text), answer: 'accept', note: `Jeg kommer${NUL}\r\ngjerne` });
    expect(answer.status, answer.text.slice(0, 300)).to.equal(303);
    const invitation = await one(table(t.db, 'invitations').where({ representative_id: rep }).first());
    expect(invitation.status).to.equal('accepted');
    expect(JSON.stringify(invitation)).to.not.contain('\\u0000');
  });
});
