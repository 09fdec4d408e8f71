import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser } from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';
import { table } from '../../helpers/rows.js';

// Issue 21, item 4: units ask for involvement at the organisation's secret form address; the request lands on the
// facilitators' worklist and becomes a project in the "idea" phase with one click; the requester is told.

describe('units ask for involvement (issue 21, item 4)', () => {
  let t: TestApp;
  let org: number;
  let facilitator: Agent;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    const kari = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    facilitator = (await signIn(t.app, kari.email, kari.password)).agent;
  });
  afterEach(() => t.close());

  const makeAddress = async () => {
    const page = (await facilitator.get('/requests').expect(200)).text;
    await facilitator
      .post('/requests/address')
      .type('form')
      .send({ _csrf: csrfFrom(page) })
      .expect(303);
    const after = (await facilitator.get('/requests').expect(200)).text;
    const token = /\/ask\/([A-Za-z0-9_-]{43})/.exec(after)?.[1];
    expect(token, 'the address in the message').to.be.a('string');
    return token!;
  };
  const fields = {
    unitName: 'Hjemmetjenesten Nord',
    improve: 'Bedre overgang fra sykehus til hjem\nMange blir usikre de første dagene.',
    forWhom: 'Eldre som skrives ut, og pårørende',
    whenText: 'Fra mars',
    contactName: 'Ingrid Leder',
    contactEmail: 'ingrid.leder@kommune.example',
    contactPhone: '',
  };
  const send = async (token: string, body: Record<string, string>) => {
    const visitor = request.agent(t.app);
    const form = await visitor.get(`/ask/${token}`).expect(200);
    expect(form.headers['cache-control']).to.equal('no-store');
    return visitor
      .post(`/ask/${token}`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), ...body });
  };

  it('when a unit sends the form, then the request is on the worklist and becomes an idea project with one click, the requester told', async () => {
    const token = await makeAddress();
    const sent = await send(token, fields);
    expect(sent.status).to.equal(200);
    expect(sent.text).to.contain('Takk, forespørselen er sendt');
    const [row] = await table(t.db, 'unit_requests');
    const worklist = (await facilitator.get('/?view=all').expect(200)).text;
    expect(worklist).to.contain(`data-item="unitrequest:${row!.id}"`);
    expect(worklist).to.contain('Hjemmetjenesten Nord ber om brukermedvirkning: Bedre overgang fra sykehus til hjem');

    const list = (await facilitator.get('/requests').expect(200)).text;
    expect(list).to.contain('Mange blir usikre de første dagene.');
    const made = await facilitator
      .post(`/requests/${row!.id}/project`)
      .type('form')
      .send({ _csrf: csrfFrom(list) })
      .expect(303);
    const projectId = Number(/\/projects\/(\d+)\/edit/.exec(made.headers.location!)![1]);
    const [project] = await table(t.db, 'projects').where({ id: projectId });
    expect(project!.phase).to.equal('idea');
    expect(project!.title).to.equal('Hjemmetjenesten Nord: Bedre overgang fra sykehus til hjem');
    const [mail] = await table(t.db, 'outbox_messages').where({ organisation_id: org, kind: 'ask_project_made' });
    expect(mail!.to_address).to.equal('ingrid.leder@kommune.example');
    expect(mail!.text_body).to.contain('Kari Tilrettelegger');
    expect((await facilitator.get('/?view=all').expect(200)).text).not.to.contain(`data-item="unitrequest:${row!.id}"`);
    expect((await facilitator.get('/requests').expect(200)).text).to.contain('ble et prosjekt');
    // a second click makes nothing more
    await facilitator
      .post(`/requests/${row!.id}/project`)
      .type('form')
      .send({ _csrf: csrfFrom(list) })
      .expect(404);
    expect(await table(t.db, 'projects').where({ organisation_id: org })).to.have.length(1);
    const audited = await table(t.db, 'audit_events').where({ organisation_id: org, action: 'ask.project_made' });
    expect(audited).to.have.length(1);
  });

  it('when the form is missing what it needs, then 422 with the messages by the fields and everything typed kept', async () => {
    const token = await makeAddress();
    const res = await send(token, { ...fields, contactEmail: 'ikke en adresse', forWhom: ' ' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Skriv en e-postadresse, for eksempel navn@kommune.no.');
    expect(res.text).to.contain('Skriv hvem det gjelder.');
    expect(res.text).to.contain('Mange blir usikre de første dagene.');
    expect(res.text).to.contain('value="ikke en adresse"');
    expect(await table(t.db, 'unit_requests')).to.have.length(0);
  });

  it('when a new address is made, then the old one answers 404 with a page that says so; a guessed one too', async () => {
    const old = await makeAddress();
    await makeAddress();
    const gone = await request(t.app).get(`/ask/${old}`).expect(404);
    expect(gone.text).to.contain('Vi fant ikke dette skjemaet');
    await request(t.app)
      .get(`/ask/${'B'.repeat(43)}`)
      .expect(404);
  });

  it('when a request is closed without a project, then it leaves the worklist and is listed as handled', async () => {
    const token = await makeAddress();
    await send(token, fields).then((r) => expect(r.status).to.equal(200));
    const [row] = await table(t.db, 'unit_requests');
    const list = (await facilitator.get('/requests').expect(200)).text;
    await facilitator
      .post(`/requests/${row!.id}/decline`)
      .type('form')
      .send({ _csrf: csrfFrom(list) })
      .expect(303);
    expect((await facilitator.get('/requests').expect(200)).text).to.contain('avsluttet uten prosjekt');
    expect((await facilitator.get('/?view=all').expect(200)).text).not.to.contain('unitrequest:');
  });
});
