import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildInvolvement,
  buildMeeting,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';
import { table } from '../../helpers/rows.js';
import { ManualClock } from '../../../src/lib/clock.js';

// Issue 22, item 1: the representatives' survey "how was it". A move to evaluating asks everyone who took part by a
// personal link; answers are stored without the person; figures appear from 5 answers; free texts reach
// facilitators and admins only; one reminder; a link of someone erased since is a 410.

const NOW = '2026-12-01T09:00:00.000Z';
const TOKEN = /\/survey\/([A-Za-z0-9_-]{43})/;

describe('the representatives’ survey (issue 22, item 1)', () => {
  let t: TestApp;
  let clock: ManualClock;
  let org: number;
  let project: number;
  let facilitator: Agent;
  let kariLogin: { email: string; password: string };
  let bossLogin: { email: string; password: string };
  let adminLogin: { email: string; password: string };
  let supervisor: Agent;
  let admin: Agent;
  const people: number[] = [];
  let english: number;
  let noEmail: number;
  let absent: number;

  const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  const text = (html: string) =>
    main(html)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');

  /** The survey link in the latest e-mail of a kind to a person. */
  const linkOf = async (representativeId: number, kind = 'survey_invite') => {
    const mail = await table(t.db, 'outbox_messages')
      .where({ representative_id: representativeId, kind })
      .orderBy('id', 'desc')
      .first();
    const match = TOKEN.exec(mail?.text_body ?? '');
    if (!match) throw new Error(`no ${kind} for ${representativeId}`);
    return `/survey/${match[1]}`;
  };

  const answer = async (path: string, fields: Record<string, string>) => {
    const anon = request.agent(t.app);
    const page = await anon.get(path).expect(200);
    return anon
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields });
  };

  before(async () => {
    clock = new ManualClock(NOW);
    t = await buildTestApp({}, { clock });
    org = await buildOrganisation(t.db);
    const kari = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 10 });
    await t.db('projects').where({ id: project }).update({ phase: 'running', facilitator_user_id: kari.id });
    const meeting = await buildMeeting(t.db, org, project, {
      startsAt: '2026-11-10T09:00:00.000Z',
      endsAt: '2026-11-10T11:00:00.000Z',
    });
    for (let i = 0; i < 7; i += 1) {
      const rep = await buildRepresentative(t.db, org, { name: `Deltaker ${i}` });
      people.push(rep);
      await buildInvolvement(
        t.db,
        org,
        { projectId: project, representativeId: rep, occurredOn: '2026-11-10' },
        { meetingId: meeting },
      );
    }
    english = people[6]!;
    await t.db('representatives').where({ id: english }).update({ locale: 'en' });
    noEmail = await buildRepresentative(t.db, org, { name: 'Uten Epost', email: null });
    await buildInvolvement(t.db, org, { projectId: project, representativeId: noEmail, occurredOn: '2026-11-10' });
    absent = await buildRepresentative(t.db, org, { name: 'Var Borte' });
    await buildInvolvement(
      t.db,
      org,
      { projectId: project, representativeId: absent, occurredOn: '2026-11-10' },
      { attended: false, minutes: 0 },
    );
    facilitator = (await signIn(t.app, kari.email, kari.password)).agent;
    kariLogin = kari;
    const boss = await buildUser(t.db, org, { role: 'supervisor' });
    supervisor = (await signIn(t.app, boss.email, boss.password)).agent;
    bossLogin = boss;
    const root = await buildUser(t.db, org, { role: 'admin' });
    admin = (await signIn(t.app, root.email, root.password)).agent;
    adminLogin = root;
  });
  after(() => t.close());

  it('when the project moves to evaluating, then everyone who took part and can be e-mailed gets a link, and the facilitator is told how many', async () => {
    const page = await facilitator.get(`/projects/${project}`).expect(200);
    const res = await facilitator
      .post(`/projects/${project}/phase`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), phase: 'evaluating' })
      .expect(303);
    const after = text((await facilitator.get(res.headers.location as string).expect(200)).text);
    expect(after).to.contain('Undersøkelsen ble sendt på e-post til 7 som var med. Uten e-post: 1');
    expect(after).to.contain('0 av 7 har svart');
    const mails = await table(t.db, 'outbox_messages').where({ kind: 'survey_invite' });
    expect(mails.map((m) => m.representative_id).sort((a, b) => a! - b!)).to.deep.equal(
      [...people].sort((a, b) => a - b),
    );
    const mine = mails.find((m) => m.representative_id === english)!;
    expect(mine.subject).to.equal('How was it to take part in Trygg utskriving?');
    expect(mails.find((m) => m.representative_id === people[0])!.subject).to.contain('Hvordan var det');
    // moving back and forth does not ask again
    await facilitator
      .post(`/projects/${project}/phase`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), phase: 'running' });
    await facilitator
      .post(`/projects/${project}/phase`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), phase: 'evaluating' });
    expect(await table(t.db, 'outbox_messages').where({ kind: 'survey_invite' })).to.have.length(7);
  });

  it('when a link is opened, then the survey is in the person’s language, and an empty answer is refused with 422 keeping what was typed', async () => {
    const en = await request(t.app)
      .get(await linkOf(english))
      .expect(200);
    expect(en.text).to.contain('How was it to take part?');
    expect(en.text).to.contain('I was listened to');
    expect(en.headers['cache-control']).to.contain('no-store');
    const refused = await answer(await linkOf(people[0]!), { freeText: '' });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('Svar på minst én av påstandene');
    const tooLong = await answer(await linkOf(people[0]!), { prepared: '9', freeText: 'Dette vil jeg si' });
    expect(tooLong.status).to.equal(422);
    expect(tooLong.text).to.contain('Velg et tall fra 1 til 5.');
    expect(tooLong.text).to.contain('Dette vil jeg si');
    expect(await table(t.db, 'survey_answers')).to.have.length(0);
  });

  it('when three have answered, then the results page says “fewer than 5 answers” to everyone and shows no free text', async () => {
    for (const [i, rep] of people.slice(0, 3).entries()) {
      const res = await answer(await linkOf(rep), {
        prepared: '4',
        listened: '5',
        difference: String(3 + (i % 2)),
        equal: '5',
        again: '4',
        freeText: `Tekst nummer ${i}`,
      });
      expect(res.status).to.equal(200);
      expect(res.text).to.contain('Tusen takk!');
    }
    for (const agent of [facilitator, supervisor]) {
      const page = text((await agent.get(`/projects/${project}/results`).expect(200)).text);
      expect(page).to.contain('Slik opplevde representantene det');
      expect(page).to.contain('Svar færre enn 5 svar');
      expect(page).not.to.match(/\d,\d av 5/);
      expect(page).not.to.contain('Tekst nummer');
    }
  });

  it('when a survey is answered twice, then the second changes nothing and says so (409)', async () => {
    const path = await linkOf(people[0]!);
    const again = await request(t.app).get(path).expect(200);
    expect(again.text).to.contain('Du har allerede svart');
    const before = await table(t.db, 'survey_answers');
    const anon = request.agent(t.app);
    const page = await anon.get(path);
    const res = await anon
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), prepared: '1', freeText: 'endret' });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('Ingenting ble endret');
    expect(await table(t.db, 'survey_answers')).to.deep.equal(before);
  });

  it('when five of seven have answered, then nothing is shown yet: the round is shown whole, when it closes or everyone has answered', async () => {
    // two more; the fifth leaves "again" out, so that statement has 4 scores
    await answer(await linkOf(people[3]!), {
      prepared: '2',
      listened: '3',
      difference: '2',
      equal: '4',
      again: '3',
      freeText: 'Møtene var for sent på dagen',
    });
    await answer(await linkOf(english), { prepared: '5', listened: '5', difference: '5', equal: '5', freeText: '' });
    for (const agent of [supervisor, facilitator]) {
      const page = text((await agent.get(`/projects/${project}/results`).expect(200)).text);
      expect(page).to.contain('Svarene vises når undersøkelsen er avsluttet, 31. desember 2026');
      expect(page).not.to.match(/\d,\d av 5/);
      expect(page).not.to.contain('Tekst nummer');
    }
    const report = text((await supervisor.get('/reports?period=month&at=2026-12-01').expect(200)).text);
    expect(report).to.contain('Svarene vises når undersøkelsen er avsluttet');
    expect(report).not.to.match(/\d,\d av 5/);
    // the project page counts, never names
    const panel = text((await facilitator.get(`/projects/${project}`).expect(200)).text);
    expect(panel).to.contain('5 av 7 har svart');
  });

  it('a week later, the one reminder goes to those who have not answered and still consent to e-mail; its link works; a second run sends nothing', async () => {
    clock.set('2026-12-08T10:00:00.000Z');
    // people[5] withdrew the consent to e-mail since: no reminder
    await t
      .db('consents')
      .where({ representative_id: people[5]!, purpose: 'email_contact' })
      .update({ withdrawn_at: '2026-12-05T10:00:00.000Z' });
    expect(await t.services.surveysService.sendReminders()).to.equal(1);
    expect(await t.services.surveysService.sendReminders()).to.equal(0);
    const reminded = await table(t.db, 'outbox_messages').where({ kind: 'survey_reminder' });
    expect(reminded.map((m) => m.representative_id)).to.deep.equal([people[4]]);
    expect(reminded[0]!.text_body).to.contain('Undersøkelsen er åpen til 31. desember 2026.');
    const res = await answer(await linkOf(people[4]!, 'survey_reminder'), { equal: '3' });
    expect(res.status).to.equal(200);
    // the first link says it was answered now
    expect(
      (
        await request(t.app)
          .get(await linkOf(people[4]!))
          .expect(200)
      ).text,
    ).to.contain('Du har allerede svart');
  });

  it('a link of someone erased since is a 410, and an unknown link a 404', async () => {
    // a week on, the facilitator signs in again
    facilitator = (await signIn(t.app, kariLogin.email, kariLogin.password)).agent;
    supervisor = (await signIn(t.app, bossLogin.email, bossLogin.password)).agent;
    admin = (await signIn(t.app, adminLogin.email, adminLogin.password)).agent;
    const path = await linkOf(people[5]!);
    const page = await facilitator.get(`/representatives/${people[5]}/erase`).expect(200);
    await facilitator
      .post(`/representatives/${people[5]}/erase`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), confirmation: 'SLETT' })
      .expect(303);
    const gone = await request(t.app).get(path).expect(410);
    expect(gone.text).to.contain('Denne lenken virker ikke lenger');
    await request(t.app)
      .get(`/survey/${'A'.repeat(43)}`)
      .expect(404);
  });

  it('when everyone asked has answered (the erased aside), then the averages appear on the results page and in the report; a statement fewer than 5 scored stays hidden', async () => {
    const page = text((await supervisor.get(`/projects/${project}/results`).expect(200)).text);
    expect(page).to.contain('Svar 6');
    // prepared (4+4+4+2+5)/5 = 3.8; listened (5+5+5+3+5)/5 = 4.6; equal (5+5+5+4+5+3)/6 = 4.5; again has 4 scores
    expect(page).to.contain('Jeg var godt forberedt til arbeidet 3,8 av 5');
    expect(page).to.contain('Jeg ble lyttet til 4,6 av 5');
    expect(page).to.contain('Jeg ble behandlet som en likeverdig 4,5 av 5');
    expect(page).to.contain('Jeg vil gjerne være med igjen færre enn 5 svar');
    const report = text((await supervisor.get('/reports?period=month&at=2026-12-01').expect(200)).text);
    expect(report).to.contain('Slik opplevde representantene det');
    expect(report).to.contain('Jeg ble lyttet til 4,6 av 5');
    const csv = (await supervisor.get('/reports/export.csv?period=month&at=2026-12-01').expect(200)).text;
    expect(csv).to.contain('"Jeg ble lyttet til";"4,6"');
    expect(csv).to.contain('"Jeg vil gjerne være med igjen";"færre enn 5 svar"');
    // the facilitator learns of it on the worklist, with a link to the results
    const worklist = text((await facilitator.get('/?view=all').expect(200)).text);
    expect(worklist).to.contain('Trygg utskriving: 6 svar på undersøkelsen er klare til å leses');
    // the round belongs to the period it was sent in: November's report has none of it
    const november = text((await supervisor.get('/reports?period=month&at=2026-11-15').expect(200)).text);
    expect(november).not.to.contain('4,6 av 5');
  });

  it('then the free texts reach facilitators and admins in the order of their text, never a supervisor or a share link', async () => {
    for (const agent of [facilitator, admin]) {
      const html = (await agent.get(`/projects/${project}/results`).expect(200)).text;
      const texts = [...html.matchAll(/<li class="app-pre">([^<]*)<\/li>/g)].map((m) => m[1]);
      expect(texts).to.deep.equal([
        'Møtene var for sent på dagen',
        'Tekst nummer 0',
        'Tekst nummer 1',
        'Tekst nummer 2',
      ]);
    }
    const boss = (await supervisor.get(`/projects/${project}/results`).expect(200)).text;
    expect(boss).not.to.contain('Tekst nummer');
    expect(boss).not.to.contain('Møtene var for sent');
    const page = await facilitator.get(`/projects/${project}/results`);
    const made = await facilitator
      .post(`/projects/${project}/results/share`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), days: '7' })
      .expect(303);
    const shown = text((await facilitator.get(made.headers.location as string)).text);
    const url = /\/s\/[A-Za-z0-9_-]{43}/.exec(shown)?.[0];
    expect(url, 'share link shown').to.be.a('string');
    const shared = (await request(t.app).get(url!).expect(200)).text;
    expect(shared).to.contain('4,6 av 5');
    expect(shared).not.to.contain('Tekst nummer');
  });

  it('no page, CSV or export ties an answer to a person: the copy of their data says only that they answered', async () => {
    // the answers hold no link and no person
    const columns = Object.keys((await table(t.db, 'survey_answers').first())!);
    expect(columns).not.to.include.members(['representative_id', 'survey_link_id', 'link_id']);
    expect(columns.filter((c) => /represent|link|token|created_at/.test(c))).to.deep.equal([]);
    const copy = (await facilitator.get(`/representatives/${people[3]}/export.json`).expect(200)).text;
    const data = JSON.parse(copy) as { surveys: Array<Record<string, unknown>> };
    expect(data.surveys).to.deep.equal([{ project: 'Trygg utskriving', askedAt: NOW, answered: true }]);
    expect(copy).not.to.contain('for sent på dagen');
    const roster = (await facilitator.get('/representatives/export.csv').expect(200)).text;
    expect(roster).not.to.contain('for sent på dagen');
    const profile = text((await facilitator.get(`/representatives/${people[3]}`).expect(200)).text);
    expect(profile).not.to.contain('for sent på dagen');
    // the audit names no one as having answered
    const answered = await table(t.db, 'audit_events').where({ action: 'survey.answered' });
    expect(answered).to.have.length(6);
    for (const event of answered) {
      expect(event.actor_type).to.equal('anonymous');
      expect(event.actor_representative_id).to.equal(null);
      expect(event.entity_type).to.equal('survey');
    }
    const audit = text((await admin.get('/admin/audit').expect(200)).text);
    expect(audit).to.contain('Undersøkelse besvart (anonymt)');
  });

  it('a project moved to evaluating before anyone’s attendance was logged asks nobody, and says so', async () => {
    clock.set('2026-12-01T09:00:00.000Z');
    facilitator = (await signIn(t.app, kariLogin.email, kariLogin.password)).agent;
    const empty = await buildProject(t.db, org, { title: 'Uten oppmøte' });
    const page = await facilitator.get(`/projects/${empty}`).expect(200);
    const res = await facilitator
      .post(`/projects/${empty}/phase`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), phase: 'evaluating' })
      .expect(303);
    const told = text((await facilitator.get(res.headers.location as string).expect(200)).text);
    expect(told).to.contain('Ingen har registrert oppmøte i prosjektet, så ingen undersøkelse ble sendt');
    expect(await table(t.db, 'surveys').where({ project_id: empty })).to.have.length(0);
  });

  it('a facilitator asks about one meeting that was held, once', async () => {
    clock.set('2026-12-01T09:00:00.000Z');
    facilitator = (await signIn(t.app, kariLogin.email, kariLogin.password)).agent;
    const other = await buildProject(t.db, org, { title: 'Hjemmetjenesten' });
    const held = await buildMeeting(t.db, org, other, {
      startsAt: '2026-11-20T09:00:00.000Z',
      endsAt: '2026-11-20T10:00:00.000Z',
    });
    const ahead = await buildMeeting(t.db, org, other, {
      startsAt: '2027-01-20T09:00:00.000Z',
      endsAt: '2027-01-20T10:00:00.000Z',
    });
    const rep = await buildRepresentative(t.db, org, { name: 'Møte Deltaker' });
    await buildInvolvement(
      t.db,
      org,
      { projectId: other, representativeId: rep, occurredOn: '2026-11-20' },
      { meetingId: held },
    );
    const page = await facilitator.get(`/projects/${other}`).expect(200);
    expect(page.text).to.contain('Send undersøkelsen');
    const ask = (meeting: number) =>
      facilitator
        .post(`/projects/${other}/surveys`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), meeting: String(meeting) });
    expect((await ask(ahead)).status).to.equal(404);
    const first = await ask(held);
    expect(first.status).to.equal(303);
    const told = text((await facilitator.get(`/projects/${other}`).expect(200)).text);
    expect(told).to.contain('Undersøkelsen ble sendt på e-post til 1 som var med');
    expect(told).to.contain('Møtet');
    await ask(held);
    const again = text((await facilitator.get(`/projects/${other}`).expect(200)).text);
    expect(again).to.contain('De som var med, er allerede spurt om dette.');
    expect(
      await table(t.db, 'outbox_messages').where({ kind: 'survey_invite', representative_id: rep }),
    ).to.have.length(1);
    // the meeting appears no more among those to ask about
    expect(again).not.to.contain('Send undersøkelsen');
    // unanswered after the last day: the survey has closed (410)
    const link = await linkOf(rep);
    clock.set('2027-01-02T10:00:00.000Z');
    const closed = await request(t.app).get(link).expect(410);
    expect(closed.text).to.contain('Undersøkelsen er avsluttet');
  });
});
