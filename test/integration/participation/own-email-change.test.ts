import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildRepresentative,
  buildUser,
  type BuiltUser,
  buildParticipationLink,
} from '../../helpers/builders.js';
import { csrfFrom, signIn } from '../../helpers/forms.js';
import { hashToken, newToken } from '../../../src/lib/tokens.js';
import { table } from '../../helpers/rows.js';

const CONFIRM_LINK = /\/email\/confirm\/([A-Za-z0-9_-]{43})/;

describe('changing one’s e-mail address on /me: neutral answers, confirmed by a link, the old address told', () => {
  let t: TestApp;
  let org: number;
  let facilitator: BuiltUser;
  let ola: number;
  let me: string;

  const linkFor = async (representativeId: number) =>
    `/me/${await buildParticipationLink(t.db, org, representativeId, { now: t.clock.now() })}`;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db);
    facilitator = await buildUser(t.db, org, { role: 'facilitator' });
    ola = await buildRepresentative(t.db, org, { name: 'Ola Nordmann', email: 'ola@test.example' });
    await buildRepresentative(t.db, org, { name: 'Kari Nordmann', email: 'kari@test.example' });
    me = await linkFor(ola);
  });
  afterEach(() => t.close());

  const saveContact = async (email: string, link = me) => {
    const visitor = request.agent(t.app);
    const page = await visitor.get(link).expect(200);
    const res = await visitor
      .post(`${link}/contact`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        email,
        phone: '',
        postalAddress: '',
        preferredContact: 'email',
        languages: 'nb',
      });
    const after = res.status === 303 ? await visitor.get(res.headers.location as string) : res;
    return { res, after };
  };
  const emailOf = async (id: number) =>
    (await table(t.db, 'representatives').where({ id }).first('email'))!.email as string;
  const mailTo = (address: string) => table(t.db, 'outbox_messages').where({ to_address: address }).orderBy('id');

  it('answers the same for an address another person on the roster has, and makes it a task for a facilitator', async () => {
    const free = await saveContact('ny.adresse@test.example');
    const taken = await saveContact('KARI@test.example');
    expect(taken.res.status).to.equal(303);
    const strip = (html: string) =>
      html
        .replace(/name="_csrf" value="[^"]+"/g, '')
        .replace(/(ny\.adresse|kari)@test\.example/gi, 'ADDRESS')
        .replace(/value="[^"]*"/g, '');
    expect(strip(taken.after.text)).to.equal(strip(free.after.text));
    expect(taken.after.text).to.contain('Hvis adressen kan brukes');

    // nothing goes to the other person's address, nor changes; a facilitator gets the task
    expect(await mailTo('kari@test.example')).to.have.length(0);
    expect(await emailOf(ola)).to.equal('ola@test.example');
    const tasks = await table(t.db, 'representative_requests').where({
      representative_id: ola,
      kind: 'email_conflict',
    });
    expect(tasks).to.have.length(1);
    const { agent } = await signIn(t.app, facilitator.email, facilitator.password);
    const dashboard = await agent.get('/').expect(200);
    expect(dashboard.text).to.contain('Ola Nordmann vil bruke en e-postadresse som en annen på listen har');
    // the person's own page does not show the task
    const own = await request(t.app).get(me).expect(200);
    expect(own.text).not.to.contain('en annen på listen');
  });

  it('takes a new address only when the link sent to it is confirmed, once, and tells the old address', async () => {
    await saveContact('ola.ny@test.example');
    expect(await emailOf(ola)).to.equal('ola@test.example');

    const confirmation = (await mailTo('ola.ny@test.example'))[0]!;
    expect(confirmation.kind).to.equal('email_confirmation');
    expect(confirmation.subject).to.equal('Bekreft den nye e-postadressen din');
    const token = CONFIRM_LINK.exec(confirmation.text_body!)![1]!;
    const notice = (await mailTo('ola@test.example'))[0]!;
    expect(notice.kind).to.equal('email_change_notice');
    expect(notice.subject).to.equal('Noen har bedt om å endre e-postadressen din');
    expect(notice.text_body).not.to.contain('ola.ny@test.example');
    expect(notice.text_body).not.to.match(CONFIRM_LINK);

    // only the hash is kept
    const pending = await table(t.db, 'email_changes').where({ representative_id: ola });
    expect(pending).to.have.length(1);
    expect(pending[0]!.token_hash).to.equal(hashToken(token));
    expect(JSON.stringify(pending)).not.to.contain(token);

    // opening the link changes nothing (mail scanners open links); the button does
    const visitor = request.agent(t.app);
    const page = await visitor.get(`/email/confirm/${token}`).expect(200);
    expect(page.headers['cache-control']).to.equal('no-store');
    expect(await emailOf(ola)).to.equal('ola@test.example');
    const done = await visitor
      .post(`/email/confirm/${token}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(done.status).to.equal(303);
    expect(await emailOf(ola)).to.equal('ola.ny@test.example');
    const audited = await table(t.db, 'audit_events').where({
      action: 'representative.email_confirmed',
      entity_id: ola,
    });
    expect(audited).to.have.length(1);

    // single use
    const again = await visitor.get(`/email/confirm/${token}`);
    expect(again.status).to.equal(410);
  });

  it('lets a link expire after 48 hours, and tells the old address in the person’s language', async () => {
    await t.db('representatives').where({ id: ola }).update({ locale: 'en' });
    await saveContact('ola.ny@test.example');
    const notice = (await mailTo('ola@test.example'))[0]!;
    expect(notice.subject).to.equal('Someone asked to change your e-mail address');
    const token = CONFIRM_LINK.exec((await mailTo('ola.ny@test.example'))[0]!.text_body!)![1]!;
    t.clock.advance({ hours: 49 });
    await request(t.app).get(`/email/confirm/${token}`).expect(410);
    expect(await emailOf(ola)).to.equal('ola@test.example');
    await request(t.app).get(`/email/confirm/${newToken().token}`).expect(404);

    // the housekeeping job removes ended changes (the pending address is personal data)
    expect(await t.services.runtime.scheduler.runDue()).to.include('purge-email-changes');
    expect(await table(t.db, 'email_changes')).to.have.length(0);
  });
});
