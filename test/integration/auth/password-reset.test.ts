import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import type { Logger } from '../../../src/lib/logger.js';
import { table, one } from '../../helpers/rows.js';

const NEW_PASSWORD = 'a brand new passphrase for spring';
const LINK = /\/password\/reset\/([A-Za-z0-9_-]{43})/;

describe('password reset by e-mail', () => {
  let t: TestApp;
  let org: number;
  let user: BuiltUser;
  const logged: string[] = [];
  const logger: Logger = {
    info: (event, fields) => logged.push(JSON.stringify({ event, ...fields })),
    error: (event, fields) => logged.push(JSON.stringify({ event, ...fields })),
  };

  beforeEach(async () => {
    logged.length = 0;
    t = await buildTestApp({}, { logger });
    org = await buildOrganisation(t.db);
    user = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Nordmann', email: 'kari@test.example' });
  });
  afterEach(() => t.close());

  const ask = (email: string, agent: Agent = request.agent(t.app)) =>
    submitForm(agent, '/password/forgot', '/password/forgot', { email });
  const messages = () => table(t.db, 'outbox_messages').orderBy('id');
  async function linkFromMailbox(): Promise<string> {
    await t.services.runtime.outboxWorker.deliverDue();
    const message = (await table(t.db, 'outbox_messages').where({ kind: 'password_reset' }).orderBy('id', 'desc'))[0]!;
    const token = LINK.exec(message.text_body!)?.[1];
    expect(token, 'a reset link in the e-mail').to.be.a('string');
    return `/password/reset/${token}`;
  }

  it('links to the form from the sign-in page', async () => {
    const res = await request(t.app).get('/login');
    expect(res.text).to.contain('href="/password/forgot"');
  });

  it('gives the same answer whether or not the address has an account, and e-mails only a real one', async () => {
    const known = await ask('KARI@test.example ');
    const unknown = await ask('nobody@test.example');
    expect(known.status).to.equal(200);
    expect(unknown.status).to.equal(200);
    const strip = (html: string) =>
      html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/(kari|nobody)@test\.example/gi, 'ADDRESS');
    expect(strip(known.text)).to.equal(strip(unknown.text));

    const rows = await messages();
    expect(rows).to.have.length(1);
    expect(rows[0]!.to_address).to.equal('kari@test.example');
    expect(rows[0]!.subject).to.equal('Velg nytt passord i Medvirk');
    expect(rows[0]!.text_body).to.match(LINK);
    expect(rows[0]!.html_body).to.match(LINK);
    expect(rows[0]!.text_body).to.contain('30 minutter');
    // the token itself is stored nowhere but in the e-mail: the database holds its hash
    const token = LINK.exec(rows[0]!.text_body!)![1]!;
    const reset = await one(table(t.db, 'password_resets').first());
    expect(reset.token_hash).to.have.length(64);
    expect(reset.token_hash).not.to.contain(token);
  });

  it("writes the e-mail in the user's language", async () => {
    await buildUser(t.db, org, { email: 'ola@test.example', locale: 'en' });
    await ask('ola@test.example');
    const row = (await messages())[0]!;
    expect(row.subject).to.equal('Choose a new password in Medvirk');
  });

  it('sends nothing to a deactivated account', async () => {
    await buildUser(t.db, org, { email: 'gone@test.example', active: false });
    expect((await ask('gone@test.example')).status).to.equal(200);
    expect(await messages()).to.have.length(0);
  });

  it('re-renders with 422 and keeps the input when the address is not an e-mail address', async () => {
    const res = await ask('kari at home');
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('value="kari at home"');
    expect(res.text).to.contain('Skriv inn en gyldig e-postadresse');
  });

  it('sets a new password through the link, once, and ends every session of the account', async () => {
    const { agent: signedIn } = await signIn(t.app, user.email, user.password);
    expect((await signedIn.get('/representatives')).status).to.equal(200);

    await ask(user.email);
    const link = await linkFromMailbox();
    const visitor = request.agent(t.app);
    const form = await visitor.get(link);
    expect(form.status).to.equal(200);
    expect(form.text).to.contain('autocomplete="new-password"');

    const done = await visitor
      .post(link)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal('/login');

    // the old session is gone, the old password no longer works, the new one does
    expect((await signedIn.get('/representatives')).status).to.equal(303);
    expect((await signIn(t.app, user.email, user.password)).res.headers.location).not.to.equal('/');
    const fresh = await signIn(t.app, user.email, NEW_PASSWORD);
    expect(fresh.res.status).to.equal(303);
    expect(fresh.res.headers.location).to.equal('/');

    // the link is used up
    expect((await request(t.app).get(link)).status).to.equal(410);
    const actions = (await table(t.db, 'audit_events').where({ entity_id: user.id }).select('action')).map(
      (r: { action: string }) => r.action,
    );
    expect(actions).to.include.members(['auth.password_reset_requested', 'auth.password_reset']);
  });

  it('refuses a weak or mismatched new password with 422 and leaves the link usable', async () => {
    await ask(user.email);
    const link = await linkFromMailbox();
    const agent = request.agent(t.app);
    const weak = await submitForm(agent, link, link, { newPassword: 'short', confirmPassword: 'short' });
    expect(weak.status).to.equal(422);
    expect(weak.text).to.contain('minst 12 tegn');
    const mismatch = await submitForm(agent, link, link, { newPassword: NEW_PASSWORD, confirmPassword: 'other' });
    expect(mismatch.status).to.equal(422);
    expect((await agent.get(link)).status).to.equal(200);
  });

  it('answers 410 after 30 minutes, 404 to an unknown link, and ends an older link when a new one is sent', async () => {
    await ask(user.email);
    const first = await linkFromMailbox();
    t.clock.advance({ minutes: 5 });
    await ask(user.email);
    const second = await linkFromMailbox();
    expect(second).not.to.equal(first);
    expect((await request(t.app).get(first)).status).to.equal(410);
    expect((await request(t.app).get(second)).status).to.equal(200);
    t.clock.advance({ minutes: 31 });
    const expired = await request(t.app).get(second);
    expect(expired.status).to.equal(410);
    expect(expired.text).to.contain('href="/password/forgot"');
    expect((await request(t.app).get(`/password/reset/${'B'.repeat(43)}`)).status).to.equal(404);
    expect((await request(t.app).get('/password/reset/short')).status).to.equal(404);
  });

  it('limits requests per address, known or not, and says when to try again', async () => {
    for (let i = 0; i < 3; i += 1) expect((await ask(user.email)).status).to.equal(200);
    const limited = await ask(user.email);
    expect(limited.status).to.equal(429);
    expect(limited.headers['retry-after']).to.match(/^\d+$/);
    expect(limited.text).to.contain('Prøv igjen om');
    for (let i = 0; i < 3; i += 1) await ask('nobody@test.example');
    expect((await ask('nobody@test.example')).status).to.equal(429);
    expect(await messages()).to.have.length(3);
    t.clock.advance({ minutes: 61 });
    expect((await ask(user.email)).status).to.equal(200);
  });

  it('limits visits to reset links per IP address', async () => {
    let last = 0;
    for (let i = 0; i < 31; i += 1) last = (await request(t.app).get(`/password/reset/${'C'.repeat(43)}`)).status;
    expect(last).to.equal(429);
  });

  it('keeps the token out of the request log', async () => {
    await ask(user.email);
    const link = await linkFromMailbox();
    await request(t.app).get(link);
    const token = link.split('/').pop()!;
    expect(logged.join('\n')).to.contain('/password/reset/[token]');
    expect(logged.join('\n')).not.to.contain(token);
    expect(logged.join('\n')).not.to.contain('kari@test.example');
  });
});
