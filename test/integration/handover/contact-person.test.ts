import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildParticipationLink,
  buildRepresentative,
  buildUser,
  type BuiltUser,
} from '../../helpers/builders.js';
import { signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';

const valid = {
  name: 'Kari Nordmann',
  kind: 'patient',
  status: 'active',
  email: 'kari@test.example',
  phone: '',
  locale: 'nb',
  preferredContact: 'email',
  languages: 'nb',
  consentRoster: 'on',
  consentMethod: 'written',
};

describe('a representative’s contact person', () => {
  let t: TestApp;
  let orgId: number;
  let facilitator: BuiltUser;
  let colleague: BuiltUser;
  let agent: Agent;
  beforeEach(async () => {
    t = await buildTestApp();
    orgId = await buildOrganisation(t.db);
    facilitator = await buildUser(t.db, orgId, { role: 'facilitator', name: 'Frida Fasilitator' });
    colleague = await buildUser(t.db, orgId, { role: 'admin', name: 'Kari Kollega' });
    await t.db('users').where({ id: colleague.id }).update({ phone: '+47 22 33 44 55' });
    ({ agent } = await signIn(t.app, facilitator.email, facilitator.password));
  });
  afterEach(() => t.close());

  const contactOf = async (id: number) =>
    (await one(table(t.db, 'representatives').where({ id }).first())).contact_user_id;
  const editPath = (id: number) => `/representatives/${id}/edit`;

  it('is chosen on the new-person form, shown on the profile and kept by the edit form (saved twice)', async () => {
    const form = await agent.get('/representatives/new').expect(200);
    expect(form.text).to.contain(`<option value="${colleague.id}">Kari Kollega</option>`);
    expect(form.text).to.contain(`<option value="${facilitator.id}">Frida Fasilitator</option>`);
    const res = await submitForm(agent, '/representatives/new', '/representatives/new', {
      ...valid,
      contactUserId: String(facilitator.id),
    });
    expect(res.status).to.equal(303);
    const id = Number(/\/representatives\/(\d+)$/.exec(res.headers.location as string)![1]);
    expect(Number(await contactOf(id))).to.equal(facilitator.id);
    const profile = await agent.get(`/representatives/${id}`).expect(200);
    expect(profile.text).to.contain('Frida Fasilitator');
    const edit = await agent.get(editPath(id)).expect(200);
    expect(edit.text).to.contain(`<option value="${facilitator.id}" selected>`);
    // saving unchanged keeps the contact person, and choosing oneself sends no e-mail
    expect(
      (await submitForm(agent, editPath(id), editPath(id), { ...valid, contactUserId: String(facilitator.id) })).status,
    ).to.equal(303);
    expect(Number(await contactOf(id))).to.equal(facilitator.id);
    expect(await table(t.db, 'outbox_messages').where({ kind: 'handover' })).to.have.length(0);
  });

  it('is a hand-over when it changes: audited, and the new contact person gets an e-mail without the person’s name', async () => {
    const id = await buildRepresentative(t.db, orgId, { name: 'Ola Hemmelig' });
    await t.db('representatives').where({ id }).update({ contact_user_id: facilitator.id });
    const res = await submitForm(agent, editPath(id), editPath(id), {
      ...valid,
      name: 'Ola Hemmelig',
      contactUserId: String(colleague.id),
    });
    expect(res.status).to.equal(303);
    expect(Number(await contactOf(id))).to.equal(colleague.id);
    const audit = await one(table(t.db, 'audit_events').where({ action: 'representative.handed_over' }).first());
    expect(Number(audit.entity_id)).to.equal(id);
    expect(JSON.parse(audit.details)).to.deep.equal({ from: facilitator.id, to: colleague.id });
    const mail = await one(table(t.db, 'outbox_messages').where({ kind: 'handover' }).first());
    expect(mail.to_address).to.equal(colleague.email);
    expect(mail.text_body).to.contain('1 person du nå er kontaktperson for');
    expect(mail.text_body).to.contain(`/representatives/${id}`);
    expect(mail.text_body).not.to.contain('Hemmelig');
    // none chosen: the link is removed, and audited as a hand-over to no one
    expect((await submitForm(agent, editPath(id), editPath(id), { ...valid, contactUserId: '' })).status).to.equal(303);
    expect(await contactOf(id)).to.equal(null);
  });

  it('refuses a supervisor, an inactive user, someone of another organisation or a malformed id with 422, keeping the input', async () => {
    const id = await buildRepresentative(t.db, orgId);
    const supervisor = await buildUser(t.db, orgId, { role: 'supervisor' });
    const inactive = await buildUser(t.db, orgId, { active: false });
    const stranger = await buildUser(t.db, await buildOrganisation(t.db), { role: 'facilitator' });
    for (const contactUserId of [supervisor.id, inactive.id, stranger.id, 'x1']) {
      const res = await submitForm(agent, editPath(id), editPath(id), {
        ...valid,
        name: 'Navnet som ble skrevet',
        contactUserId: String(contactUserId),
      });
      expect(res.status, String(contactUserId)).to.equal(422);
      expect(res.text).to.contain('href="#contactUserId"');
      expect(res.text).to.contain('value="Navnet som ble skrevet"');
    }
    const created = await submitForm(agent, '/representatives/new', '/representatives/new', {
      ...valid,
      contactUserId: String(stranger.id),
    });
    expect(created.status).to.equal(422);
    expect(await table(t.db, 'representatives').where({ email: valid.email })).to.have.length(0);
    expect(await contactOf(id)).to.equal(null);
  });

  it('is shown with the work phone on the person’s own page, and named in their data copy', async () => {
    const id = await buildRepresentative(t.db, orgId);
    await t.db('representatives').where({ id }).update({ contact_user_id: colleague.id });
    const token = await buildParticipationLink(t.db, orgId, id, { now: t.clock.now() });
    const me = await request(t.app).get(`/me/${token}`).expect(200);
    expect(me.text).to.contain('Din kontaktperson');
    expect(me.text).to.contain('Kari Kollega, telefon +47 22 33 44 55');
    const data = await agent.get(`/representatives/${id}/export.json`).expect(200);
    expect((JSON.parse(data.text) as { contactPerson: unknown }).contactPerson).to.deep.equal([
      { name: 'Kari Kollega' },
    ]);
  });

  it('is unlinked by an erasure', async () => {
    const id = await buildRepresentative(t.db, orgId);
    await t.db('representatives').where({ id }).update({ contact_user_id: colleague.id });
    const path = `/representatives/${id}/erase`;
    const done = await submitForm(agent, path, path, { confirmation: 'SLETT' });
    expect(done.status).to.equal(303);
    const row = await one(table(t.db, 'representatives').where({ id }).first());
    expect(row.erased_at).not.to.equal(null);
    expect(row.contact_user_id).to.equal(null);
  });

  it('is left off the person’s own page when there is none, or when the contact person has been deactivated', async () => {
    const id = await buildRepresentative(t.db, orgId);
    const token = await buildParticipationLink(t.db, orgId, id, { now: t.clock.now() });
    let me = await request(t.app).get(`/me/${token}`).expect(200);
    expect(me.text).not.to.contain('Din kontaktperson');
    await t.db('representatives').where({ id }).update({ contact_user_id: colleague.id });
    await t.db('users').where({ id: colleague.id }).update({ active: false });
    me = await request(t.app).get(`/me/${token}`).expect(200);
    expect(me.text).not.to.contain('Din kontaktperson');
    expect(me.text).not.to.contain('Kari Kollega');
    // the facilitators still see who it was, and the form keeps them until someone else is chosen
    const profile = await agent.get(`/representatives/${id}`).expect(200);
    expect(profile.text).to.contain('Kari Kollega (+47 22 33 44 55) – deaktivert: velg en annen');
    const edit = await agent.get(`/representatives/${id}/edit`).expect(200);
    expect(edit.text).to.contain(`<option value="${colleague.id}" selected>Kari Kollega</option>`);
  });
});
