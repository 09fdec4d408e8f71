import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildContact,
  buildInvitation,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';
import { table } from '../../helpers/rows.js';

// Issue 21, item 4: a project's owner (a professional with an e-mail, in their own language) is told when the team is
// complete (by name only those who consented) and when an impact is adopted; once each; the contact's language is
// set on the contact form, the organisation's default when none is chosen.

describe('the loop with the project’s owner (issue 21, item 4)', () => {
  let t: TestApp;
  let org: number;
  let facilitator: Agent;
  let owner: number;
  let project: number;
  let invitations: number[];

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    const kari = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    facilitator = (await signIn(t.app, kari.email, kari.password)).agent;
    owner = await buildContact(t.db, org, { name: 'Ingrid Eier', email: 'ingrid@kommune.example' });
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 2 });
    await t.db('projects').where({ id: project }).update({ owner_contact_id: owner, facilitator_user_id: kari.id });
    const named = await buildRepresentative(t.db, org, {
      name: 'Nora Navngitt',
      consents: ['roster', 'email_contact', 'named_in_reports'],
    });
    const unnamed = await buildRepresentative(t.db, org, { name: 'Uten Navn' });
    invitations = [];
    for (const rep of [named, unnamed])
      invitations.push(
        await buildInvitation(
          t.db,
          org,
          { projectId: project, representativeId: rep, status: 'sent' },
          { channel: 'phone' },
        ),
      );
  });
  afterEach(() => t.close());

  const record = async (invitationId: number) => {
    const page = (await facilitator.get(`/projects/${project}/invitations`).expect(200)).text;
    await facilitator
      .post(`/projects/${project}/invitations/${invitationId}/answer`)
      .type('form')
      .send({ _csrf: csrfFrom(page), answer: 'accept' })
      .expect(303);
  };
  const ownerMail = (kind: string) => table(t.db, 'outbox_messages').where({ organisation_id: org, kind });

  it('when the last seat is taken, then the owner is told once, in the organisation’s language, naming only who consented', async () => {
    await record(invitations[0]!);
    expect(await ownerMail('owner_team_complete')).to.have.length(0);
    await record(invitations[1]!);
    const [mail, ...more] = await ownerMail('owner_team_complete');
    expect(more).to.have.length(0);
    expect(mail!.to_address).to.equal('ingrid@kommune.example');
    expect(mail!.subject).to.equal('Teamet i «Trygg utskriving» er fullt');
    expect(mail!.text_body).to.contain('2 representanter har takket ja');
    expect(mail!.text_body).to.contain('Med navn (de har sagt ja til det): Nora Navngitt, og 1 til.');
    expect(mail!.text_body).to.contain('Kari Tilrettelegger');
    expect(mail!.text_body).not.to.contain('Uten Navn');
  });

  it('when the owner’s language is English, then the e-mails are in English; an adopted impact is told once', async () => {
    // the language is chosen on the contact's form
    const form = (await facilitator.get(`/contacts/${owner}/edit`).expect(200)).text;
    await facilitator
      .post(`/contacts/${owner}/edit`)
      .type('form')
      .send({ _csrf: csrfFrom(form), name: 'Ingrid Eier', email: 'ingrid@kommune.example', locale: 'en' })
      .expect(303);
    expect((await facilitator.get(`/contacts/${owner}`).expect(200)).text).to.contain('English');
    await record(invitations[0]!);
    await record(invitations[1]!);
    const [team] = await ownerMail('owner_team_complete');
    expect(team!.subject).to.equal('The team of “Trygg utskriving” is complete');

    const impactsPage = (await facilitator.get(`/projects/${project}/impacts`).expect(200)).text;
    await facilitator
      .post(`/projects/${project}/impacts`)
      .type('form')
      .send({
        _csrf: csrfFrom(impactsPage),
        whatSaid: 'Ingen visste hvem de skulle ringe',
        whatChanged: 'Et telefonnummer på brevet',
        status: 'adopted',
        decidedOn: '2026-11-20',
      })
      .expect(303);
    const [adopted, ...again] = await ownerMail('owner_impact_adopted');
    expect(again).to.have.length(0);
    expect(adopted!.subject).to.equal('A suggestion from the representatives in “Trygg utskriving” has been adopted');
    expect(adopted!.text_body).to.contain('The representatives said: Ingen visste hvem de skulle ringe');
    expect(adopted!.text_body).to.contain('What changed: Et telefonnummer på brevet');
    // a proposal recorded, then adopted on its edit: told when it is adopted
    await facilitator
      .post(`/projects/${project}/impacts`)
      .type('form')
      .send({ _csrf: csrfFrom(impactsPage), whatSaid: 'Kortere brev', status: 'proposed' })
      .expect(303);
    expect(await ownerMail('owner_impact_adopted')).to.have.length(1);
  });

  it('when the contact’s language is not one we write, then 422 with the message and the form kept', async () => {
    const form = (await facilitator.get(`/contacts/${owner}/edit`).expect(200)).text;
    const res = await facilitator
      .post(`/contacts/${owner}/edit`)
      .type('form')
      .send({ _csrf: csrfFrom(form), name: 'Ingrid Eier', email: 'ingrid@kommune.example', locale: 'de' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Velg bokmål eller engelsk.');
    expect(res.text).to.contain('value="ingrid@kommune.example"');
  });
});
