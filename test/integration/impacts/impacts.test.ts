import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  buildInvitation,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { table, one } from '../../helpers/rows.js';

describe('impacts: you said, we did', () => {
  let t: TestApp;
  let org: number;
  let agent: Agent;
  let project: number;
  let kari: number;
  let ola: number;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db);
    const facilitator = await buildUser(t.db, org, { role: 'facilitator' });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
    project = await buildProject(t.db, org, { title: 'Trygg utskriving' });
    await t.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
    kari = await buildRepresentative(t.db, org, { name: 'Kari Nordmann', email: 'kari@test.example' });
    ola = await buildRepresentative(t.db, org, { name: 'Ola English', email: 'ola@test.example' });
    await t.db('representatives').where({ id: ola }).update({ locale: 'en' });
    const now = new Date().toISOString();
    for (const rep of [kari, ola]) {
      await buildInvitation(
        t.db,
        org,
        { projectId: project, representativeId: rep, status: 'accepted' },
        { createdAt: now },
      );
    }
  });
  afterEach(() => t.close());

  const path = () => `/projects/${project}/impacts`;

  it('records an impact with the people it came from, and feeds it back by e-mail in each one’s language', async () => {
    const res = await submitForm(agent, path(), path(), {
      whatSaid: 'Utskrivingsbrevet er vanskelig å forstå',
      whatChanged: 'Brevet er skrevet om i klarspråk',
      status: 'adopted',
      decidedOn: '2026-11-20',
      representativeIds: [String(kari), String(ola)] as unknown as string,
    });
    expect(res.status).to.equal(303);
    const page = await agent.get(path());
    expect(page.text).to.contain('Brevet er skrevet om i klarspråk');
    expect(page.text).to.contain('Kari Nordmann, Ola English');
    const impact = await one(table(t.db, 'impacts').first());
    await agent
      .post(`${path()}/${impact.id}/feedback`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    const mails = await table(t.db, 'outbox_messages').where({ kind: 'impact_feedback' }).orderBy('to_address');
    expect(mails.map((m: { to_address: string }) => m.to_address)).to.deep.equal([
      'kari@test.example',
      'ola@test.example',
    ]);
    expect(mails[0]!.subject).to.equal('Hva skjedde med innspillet ditt – Trygg utskriving');
    expect(mails[0]!.text_body).to.contain(
      'Innspillet er tatt i bruk. Dette er endret: Brevet er skrevet om i klarspråk',
    );
    expect(mails[0]!.text_body).to.match(/\/me\/[A-Za-z0-9_-]{43}/);
    expect(mails[1]!.subject).to.equal('What came of your input – Trygg utskriving');
    expect((await table(t.db, 'impacts').first())!.fed_back_at).to.not.equal(null);
    expect((await agent.get(path())).text).to.contain('Beskjed gitt');
    // on the person's profile
    const profile = await agent.get(`/representatives/${kari}`);
    expect(profile.text).to.contain('Utskrivingsbrevet er vanskelig å forstå');
  });

  it('requires a reason for a rejection and what changed for an adoption, with 422 and the input kept', async () => {
    const rejected = await submitForm(agent, path(), path(), { whatSaid: 'Mer tid', status: 'rejected' });
    expect(rejected.status).to.equal(422);
    expect(rejected.text).to.contain('Skriv hvorfor det ikke ble tatt i bruk');
    expect(rejected.text).to.contain('Mer tid');
    const adopted = await submitForm(agent, path(), path(), { whatSaid: 'Mer tid', status: 'adopted' });
    expect(adopted.status).to.equal(422);
    const empty = await submitForm(agent, path(), path(), { whatSaid: '', status: 'proposed' });
    expect(empty.status).to.equal(422);
    const stranger = await buildRepresentative(t.db, org, { name: 'Ikke med' });
    const outsider = await submitForm(agent, path(), path(), {
      whatSaid: 'Noe',
      status: 'proposed',
      representativeIds: String(stranger),
    });
    expect(outsider.status).to.equal(422);
    expect(await table(t.db, 'impacts')).to.have.length(0);
  });

  it('edits an impact and keeps the decision date', async () => {
    await submitForm(agent, path(), path(), {
      whatSaid: 'Kortere ventetid',
      status: 'proposed',
      representativeIds: String(kari),
    });
    const impact = await one(table(t.db, 'impacts').first());
    const edit = `${path()}/${impact.id}/edit`;
    const res = await submitForm(agent, edit, edit, {
      whatSaid: 'Kortere ventetid',
      status: 'rejected',
      rejectedReason: 'Ikke budsjett i år',
      decidedOn: '2026-11-21',
      representativeIds: String(kari),
    });
    expect(res.status).to.equal(303);
    expect(await table(t.db, 'impacts').first()).to.include({
      status: 'rejected',
      rejected_reason: 'Ikke budsjett i år',
    });
  });
});
