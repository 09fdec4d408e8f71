import { expect } from 'chai';
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
import { TestSmtpServer } from '../../helpers/smtp.js';
import { toBool, toNumber } from '../../../src/lib/db-values.js';
import { table } from '../../helpers/rows.js';

describe('invitations the mail server refuses (issue 14, item 3)', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let org: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  let project: number;

  beforeEach(async () => {
    smtp = await TestSmtpServer.start();
    t = await buildTestApp({ SMTP_URL: smtp.url });
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    await t
      .db('organisations')
      .where({ id: org })
      .update({ settings: JSON.stringify({ emailsPerMinute: 0 }) });
    facilitator = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 3 });
    await t.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
  });
  afterEach(async () => {
    await t.close();
    await smtp.close();
  });

  async function shortlist(name: string, email: string, update: Record<string, unknown> = {}) {
    const rep = await buildRepresentative(t.db, org, { name, email });
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
  const invitationOf = (rep: number) => table(t.db, 'invitations').where({ representative_id: rep }).first();

  async function sendAndDeliver() {
    const page = await agent.get(`/projects/${project}/invitations`).expect(200);
    await agent
      .post(`/projects/${project}/invitations/send`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    return t.services.runtime.outboxWorker.deliverDue();
  }

  it('marks an invitation refused with 5.1.1 or 5.7.1 undeliverable, flags only the 5.1.1 address, and keeps delivered ones waiting', async () => {
    const gone = await shortlist('Per Borte', 'per@test.example', { phone: '+47 911 11 111' });
    const spam = await shortlist('Siri Filter', 'siri@test.example', { postal_address: 'Storgata 1, 0155 Oslo' });
    const fine = await shortlist('Kari Nordmann', 'kari@test.example');
    smtp.refuseRecipient('per@test.example', 550, '5.1.1 <per@test.example>: Recipient address rejected');
    smtp.refuseRecipient('siri@test.example', 554, '5.7.1 Message rejected as spam');

    expect(await sendAndDeliver()).to.deep.equal({ sent: 1, retried: 0, failed: 2 });

    expect((await invitationOf(gone))!.status).to.equal('undeliverable');
    expect((await invitationOf(spam))!.status).to.equal('undeliverable');
    expect((await invitationOf(fine))!.status).to.equal('sent');
    const flag = async (id: number) =>
      toBool((await table(t.db, 'representatives').where({ id }).first())!.email_undeliverable);
    expect(await flag(gone)).to.equal(true);
    expect(await flag(spam)).to.equal(false);
    const events = await table(t.db, 'audit_events').where({ action: 'invitation.undeliverable' });
    expect(events).to.have.length(2);
    expect(JSON.stringify(events)).not.to.contain('per@test.example');
  });

  it('shows an undeliverable invitation on the invitations page, the project page and the dashboard, with the offer to phone or write', async () => {
    const gone = await shortlist('Per Borte', 'per@test.example', { phone: '+47 911 11 111' });
    const spam = await shortlist('Siri Filter', 'siri@test.example', { postal_address: 'Storgata 1, 0155 Oslo' });
    smtp.refuseRecipient('per@test.example', 550, '5.1.1 <per@test.example>: Recipient address rejected');
    smtp.refuseRecipient('siri@test.example', 554, '5.7.1 Message rejected as spam');
    await sendAndDeliver();

    const invitations = await agent.get(`/projects/${project}/invitations`).expect(200);
    expect(invitations.text).to.contain('Kunne ikke leveres');
    expect(invitations.text).not.to.contain('Venter på svar');
    const goneId = toNumber((await invitationOf(gone))!.id);
    const spamId = toNumber((await invitationOf(spam))!.id);
    expect(invitations.text).to.contain(`/projects/${project}/invitations/${goneId}/contacted`);
    expect(invitations.text).to.contain(`/projects/${project}/invitations/${spamId}/contacted`);
    expect(invitations.text).to.contain('Registrer som ringt');
    expect(invitations.text).to.contain('Registrer som sendt brev');

    const projectPage = await agent.get(`/projects/${project}`).expect(200);
    expect(projectPage.text).to.contain('Per Borte');
    expect(projectPage.text).to.contain('e-posten kom ikke fram');

    const dashboard = await agent.get('/').expect(200);
    expect(dashboard.text).to.contain('Trygg utskriving: invitasjonen til Per Borte kom ikke fram');
    expect(dashboard.text).to.contain('Trygg utskriving: invitasjonen til Siri Filter kom ikke fram');

    // the facilitator phones instead: the invitation is out by phone, and leaves the undeliverable lists
    await agent
      .post(`/projects/${project}/invitations/${goneId}/contacted`)
      .type('form')
      .send({ _csrf: csrfFrom(invitations.text), channel: 'phone' })
      .expect(303);
    const phoned = (await invitationOf(gone))!;
    expect(phoned.status).to.equal('sent');
    expect(phoned.channel).to.equal('phone');
    const after = await agent.get('/').expect(200);
    expect(after.text).not.to.contain('invitasjonen til Per Borte kom ikke fram');
    expect(after.text).to.contain('invitasjonen til Siri Filter kom ikke fram');
  });

  it('counts undeliverable invitations apart from those awaiting an answer in the report', async () => {
    await shortlist('Per Borte', 'per@test.example');
    await shortlist('Kari Nordmann', 'kari@test.example');
    smtp.refuseRecipient('per@test.example', 550, '5.1.1 <per@test.example>: Recipient address rejected');
    await sendAndDeliver();
    const report = await agent.get('/reports').expect(200);
    const section = report.text.slice(report.text.indexOf('id="r-invitations"'));
    expect(section).to.match(/<dt>Venter på svar<\/dt><dd[^>]*>1<\/dd>/);
    expect(section).to.match(/<dt>Kunne ikke leveres<\/dt><dd[^>]*>1<\/dd>/);
    const csv = await agent.get('/reports/export.csv').expect(200);
    expect(csv.text).to.match(/Kunne ikke leveres[";,]+1/);
  });

  it('refuses to record a phone call for an invitation that was delivered', async () => {
    const fine = await shortlist('Kari Nordmann', 'kari@test.example', { phone: '+47 922 22 222' });
    await sendAndDeliver();
    const page = await agent.get(`/projects/${project}/invitations`);
    const id = toNumber((await invitationOf(fine))!.id);
    await agent
      .post(`/projects/${project}/invitations/${id}/contacted`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), channel: 'phone' })
      .expect(409);
    expect((await invitationOf(fine))!.channel).to.equal('email');
  });
});
