import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
  buildInvitation,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';
import { toBool, toNumber } from '../../../src/lib/db-values.js';
import { table, one } from '../../helpers/rows.js';

const ME_LINK = /\/me\/([A-Za-z0-9_-]{43})/;
const LINK = /\/i\/([A-Za-z0-9_-]{43})/;

describe('my participation (/me/:token) and the facilitator’s view of answers', () => {
  let t: TestApp;
  let org: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  let project: number;
  let rep: number;
  let me: string;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db);
    facilitator = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 2 });
    await t.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
    rep = await buildRepresentative(t.db, org, { name: 'Ola Nordmann', email: 'ola@test.example' });
    const now = new Date().toISOString();
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: rep, status: 'draft' },
      { createdAt: now },
    );
    const page = await agent.get(`/projects/${project}/invitations`);
    await agent
      .post(`/projects/${project}/invitations/send`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    const mail = await one(table(t.db, 'outbox_messages').where({ kind: 'invitation' }).first());
    me = `/me/${ME_LINK.exec(mail.text_body!)![1]}`;
  });
  afterEach(() => t.close());

  const post = async (path: string, fields: Record<string, string | string[]>, who = request.agent(t.app)) => {
    const page = await who.get(me);
    return who
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields });
  };
  const person = () => table(t.db, 'representatives').where({ id: rep }).first();

  it('shows the person their page, with their invitations and nothing about anyone else', async () => {
    const page = await request(t.app).get(me).expect(200);
    expect(page.text).to.contain('Hei, Ola Nordmann');
    expect(page.text).to.contain('Trygg utskriving');
    expect(page.text).to.contain('value="ola@test.example"');
    expect(page.text).to.match(/type="checkbox" id="languages-0" name="languages" value="nb" checked/);
    expect(page.text).to.match(/type="radio" id="preferredContact-0" name="preferredContact" value="email" checked/);
    expect(page.text).to.contain('href="/privacy"');
    expect(page.text).not.to.contain('Kari Tilrettelegger');
  });

  it('takes a pause until a date, refuses a date in the past with 422, and ends the pause', async () => {
    const past = await post(`${me}/pause`, { pausedUntil: '2020-01-01' });
    expect(past.status).to.equal(422);
    expect(past.text).to.contain('Datoen må være etter i dag');
    expect(past.text).to.contain('value="2020-01-01"');
    const until = t.clock.now().plus({ months: 3 }).toISODate()!;
    expect((await post(`${me}/pause`, { pausedUntil: until })).status).to.equal(303);
    const paused = (await person())!;
    expect(paused.status).to.equal('paused');
    expect(String(paused.paused_until).slice(0, 10)).to.equal(until);
    const change = await one(
      table(t.db, 'representative_status_changes').where({ representative_id: rep }).orderBy('id', 'desc').first(),
    );
    expect(change).to.include({ to_status: 'paused', changed_by_user_id: null });
    expect((await post(`${me}/resume`, {})).status).to.equal(303);
    expect((await person())!.status).to.equal('active');
    const audit = await one(table(t.db, 'audit_events').where({ action: 'representative.self_paused' }).first());
    expect(audit).to.include({ actor_type: 'representative' });
    expect(toNumber(audit.actor_representative_id)).to.equal(rep);
  });

  it('updates contact details, languages and preferred contact, keeping the input on a refusal', async () => {
    const bad = await post(`${me}/contact`, {
      email: '',
      phone: '',
      postalAddress: '',
      preferredContact: 'email',
      languages: ['nb'],
    });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('Skriv e-postadressen din');
    await t.db('representatives').where({ id: rep }).update({ email_undeliverable: true });
    const ok = await post(`${me}/contact`, {
      email: 'ola.ny@test.example',
      phone: '+47 911 11 111',
      postalAddress: 'Storgata 1\n0155 Oslo',
      preferredContact: 'phone',
      languages: ['nb', 'en'],
    });
    expect(ok.status).to.equal(303);
    const row = (await person())!;
    // a new address waits for the link sent to it (issue 15, finding 9): the one on file stays, still flagged
    expect(row).to.include({
      email: 'ola@test.example',
      phone: '+47 911 11 111',
      preferred_contact: 'phone',
      languages: 'nb,en',
    });
    expect(toBool(row.email_undeliverable)).to.equal(true);
    const other = await buildRepresentative(t.db, org, { email: 'taken@test.example' });
    expect(other).to.be.a('number');
    // an address someone else on the roster has gets the same answer as any other (issue 15, finding 9)
    const taken = await post(`${me}/contact`, {
      email: 'taken@test.example',
      preferredContact: 'email',
      languages: ['nb'],
    });
    expect(taken.status).to.equal(303);
  });

  it('stops e-mail by withdrawing the e-mail consent, after which no invitation goes by e-mail', async () => {
    expect((await post(`${me}/stop-email`, {})).status).to.equal(303);
    const consent = await one(
      table(t.db, 'consents').where({ representative_id: rep, purpose: 'email_contact' }).first(),
    );
    expect(consent.withdrawn_at).to.not.equal(null);
    const page = await request(t.app).get(me);
    expect(page.text).to.contain('Du får ikke e-post fra oss');
    // the answer to an invitation sends no confirmation now
    const mail = await one(table(t.db, 'outbox_messages').where({ kind: 'invitation' }).first());
    const link = `/i/${LINK.exec(mail.text_body!)![1]}`;
    const visitor = request.agent(t.app);
    const form = await visitor.get(link);
    await visitor
      .post(link)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), answer: 'accept' })
      .expect(303);
    expect(await table(t.db, 'outbox_messages').where({ kind: 'invitation_accepted' })).to.have.length(0);
  });

  it('turns a request for a copy or erasure into a task on the dashboard, once', async () => {
    await post(`${me}/request`, { kind: 'erasure' });
    await post(`${me}/request`, { kind: 'erasure' });
    await post(`${me}/request`, { kind: 'data_copy' });
    expect(await table(t.db, 'representative_requests')).to.have.length(2);
    const page = await request(t.app).get(me);
    expect(page.text).to.contain('Du har bedt oss slette opplysningene dine');
    const dashboard = await agent.get('/').expect(200);
    expect(dashboard.text).to.contain('Ola Nordmann ber om å bli slettet');
    const first = (await table(t.db, 'representative_requests').orderBy('id'))[0]!;
    await agent
      .post(`/representatives/requests/${first.id}/handled`)
      .type('form')
      .send({ _csrf: csrfFrom(dashboard.text) })
      .expect(303);
    expect((await agent.get('/')).text).not.to.contain('ber om å bli slettet');
  });

  it('answers 404 to an unknown link and 410 to one past its lifetime', async () => {
    await request(t.app)
      .get(`/me/${'z'.repeat(43)}`)
      .expect(404);
    t.clock.advance({ days: 181 });
    await request(t.app).get(me).expect(410);
  });

  it('shows answers on the facilitator’s dashboard and e-mails them when asked to', async () => {
    // the choice is on /account (issue 20)
    const account = await agent.get('/account');
    await agent
      .post('/account/email')
      .type('form')
      .send({ _csrf: csrfFrom(account.text), email: 'notify' })
      .expect(303);
    const mail = await one(table(t.db, 'outbox_messages').where({ kind: 'invitation' }).first());
    const link = `/i/${LINK.exec(mail.text_body!)![1]}`;
    const visitor = request.agent(t.app);
    const form = await visitor.get(link);
    await visitor
      .post(link)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), answer: 'accept' })
      .expect(303);
    const dashboard = await agent.get('/');
    expect(dashboard.text).to.contain('Ola Nordmann – Blir med');
    const notice = await one(table(t.db, 'outbox_messages').where({ kind: 'answer_notice' }).first());
    expect(notice.to_address).to.equal(facilitator.email);
    expect(notice.text_body).to.contain('Ola Nordmann har svart');
  });
});
