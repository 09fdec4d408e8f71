import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import request from 'supertest';
import {
  buildInvitation,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
} from '../../helpers/builders.js';
import { csrfFrom, htmlLang, signIn, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';

// Issue 25, item 4: people recorded before Medvirk wrote Nynorsk kept their written language; those whose spoken
// languages include Nynorsk wait on a one-time review list, where a facilitator moves them to Nynorsk or keeps what
// they have. Either decision takes them off the list for good; nothing changes by itself.

describe('the one-time review of written languages (issue 25, item 4)', () => {
  let t: TestApp;
  let org: number;
  let agent: Agent;
  let ids: { sigrid: number; olav: number; anna: number; kari: number; retired: number; other: number };

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db, { name: 'Fjordane kommune' });
    const otherOrg = await buildOrganisation(t.db, { name: 'Anna kommune' });
    const facilitator = await buildUser(t.db, org, { role: 'facilitator' });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
    ids = {
      sigrid: await buildRepresentative(t.db, org, { name: 'Sigrid Haugland', languages: 'nn,en' }),
      olav: await buildRepresentative(t.db, org, { name: 'Olav Bø', languages: 'nb,nn' }),
      anna: await buildRepresentative(t.db, org, { name: 'Anna Lie', languages: 'nb' }),
      kari: await buildRepresentative(t.db, org, { name: 'Kari Nes', languages: 'nn' }),
      retired: await buildRepresentative(t.db, org, { name: 'Per Slutta', languages: 'nn', status: 'retired' }),
      other: await buildRepresentative(t.db, otherOrg, { name: 'Annan Kommune', languages: 'nn' }),
    };
    // Kari already writes Nynorsk: nothing to review
    await t.db('representatives').where({ id: ids.kari }).update({ locale: 'nn' });
  });
  afterEach(() => t.close());

  const localeOf = async (id: number) => (await one(table(t.db, 'representatives').where({ id }).first())).locale;

  it('lists those who speak Nynorsk and are written to otherwise, and the roster points to the list', async () => {
    const roster = await agent.get('/representatives').expect(200);
    expect(roster.text).to.contain('id="written-language-review"');
    expect(roster.text).to.contain('2 personer snakker nynorsk, men får e-post på et annet skriftspråk.');
    expect(roster.text).to.contain('href="/representatives/written-language"');

    const page = await agent.get('/representatives/written-language').expect(200);
    expect(page.text).to.contain('2 personer venter.');
    const listed = [...page.text.matchAll(/<a class="ds-link" href="\/representatives\/(\d+)">([^<]+)<\/a>/g)];
    expect(listed.map((m) => m[2])).to.deep.equal(['Olav Bø', 'Sigrid Haugland']);
    expect(page.text).to.contain('Norsk (nynorsk), Engelsk');
  });

  it('moves the chosen to Nynorsk, keeps the others’ language, and each leaves the list once decided', async () => {
    const page = await agent.get('/representatives/written-language');
    const csrf = csrfFrom(page.text);
    const moved = await agent
      .post('/representatives/written-language')
      .type('form')
      .send({ _csrf: csrf, ids: [String(ids.sigrid), String(ids.anna), String(ids.other)], decision: 'nn' });
    expect(moved.status).to.equal(303);
    // only Sigrid was on this organisation's list: Anna does not speak Nynorsk, the other belongs to another
    expect(await localeOf(ids.sigrid)).to.equal('nn');
    expect(await localeOf(ids.anna)).to.equal('nb');
    expect(await localeOf(ids.other)).to.equal('nb');
    const after = await agent.get('/representatives/written-language').expect(200);
    expect(after.text).to.contain('1 person får e-post på nynorsk fra nå av.');
    expect(after.text).to.contain('1 person venter.');

    const kept = await agent
      .post('/representatives/written-language')
      .type('form')
      .send({ _csrf: csrf, ids: String(ids.olav), decision: 'keep' });
    expect(kept.status).to.equal(303);
    expect(await localeOf(ids.olav)).to.equal('nb');
    const empty = await agent.get('/representatives/written-language').expect(200);
    expect(empty.text).to.contain('1 person beholder skriftspråket sitt.');
    expect(empty.text).to.contain('Ingen å gå gjennom.');
    const roster = await agent.get('/representatives').expect(200);
    expect(roster.text).to.not.contain('id="written-language-review"');

    // a decided person stays off the list, even if their languages are saved again
    await t.db('representatives').where({ id: ids.olav }).update({ languages: 'nn,nb' });
    expect((await agent.get('/representatives/written-language')).text).to.contain('Ingen å gå gjennom.');

    const audit = await table(t.db, 'audit_events')
      .where({ action: 'representative.written_language_reviewed' })
      .orderBy('id');
    expect(
      audit.map((a) => [a.entity_id, (JSON.parse(a.details) as { writtenLanguage: string }).writtenLanguage]),
    ).to.deep.equal([
      [ids.sigrid, 'nn'],
      [ids.olav, 'kept'],
    ]);
  });

  it('refuses a decision without people, or without a decision, with 422 and the ticks kept', async () => {
    const page = await agent.get('/representatives/written-language');
    const csrf = csrfFrom(page.text);
    const nobody = await agent
      .post('/representatives/written-language')
      .type('form')
      .send({ _csrf: csrf, decision: 'nn' })
      .expect(422);
    expect(nobody.text).to.contain('Velg minst én person.');
    expect(nobody.text).to.contain('href="#ids"');
    const noDecision = await agent
      .post('/representatives/written-language')
      .type('form')
      .send({ _csrf: csrf, ids: String(ids.sigrid), decision: 'se' })
      .expect(422);
    expect(noDecision.text).to.contain('Velg nynorsk eller å beholde skriftspråket.');
    expect(noDecision.text).to.match(new RegExp(`name="ids" value="${ids.sigrid}"[^>]*checked`));
    expect(await localeOf(ids.sigrid)).to.equal('nb');
  });

  it('writes in the organisation’s standard to someone recorded with a language Medvirk does not write, and the profile says so', async () => {
    // old data: a code no form or import accepts today; the organisation writes Nynorsk
    await t.db('organisations').where({ id: org }).update({ default_locale: 'nn' });
    const sami = await buildRepresentative(t.db, org, { name: 'Ánne Sara', email: 'anne@test.example' });
    await t.db('representatives').where({ id: sami }).update({ locale: 'se' });

    const profile = await agent.get(`/representatives/${sami}`).expect(200);
    expect(profile.text).to.contain('id="unoffered-locale"');
    expect(profile.text).to.contain('Registrert som «se», som Medvirk ikke skriver.');
    expect(profile.text).to.contain('går derfor på Norsk (nynorsk)');
    const form = await agent.get(`/representatives/${sami}/edit`).expect(200);
    expect(form.text).to.match(/name="locale" value="nn"[^>]*checked/);

    // the invitation and the person's own page are in Nynorsk, not in Bokmål (the old fallback)
    const facilitator = await one(table(t.db, 'users').where({ organisation_id: org, role: 'facilitator' }).first());
    const project = await buildProject(t.db, org, { title: 'Trygg heim' });
    await t.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
    await buildInvitation(t.db, org, { projectId: project, representativeId: sami, status: 'draft' });
    const page = await agent.get(`/projects/${project}/invitations`);
    await agent
      .post(`/projects/${project}/invitations/send`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) })
      .expect(303);
    const mail = await one(table(t.db, 'outbox_messages').where({ kind: 'invitation' }).first());
    expect(mail.text_body).to.contain('Vi treng erfaringa di som brukar eller pårørande.');
    const me = /\/me\/([A-Za-z0-9_-]{43})/.exec(mail.text_body as string)![1]!;
    const own = await request.agent(t.app).get(`/me/${me}`).expect(200);
    expect(htmlLang(own.text)).to.equal('nn');
  });
});
