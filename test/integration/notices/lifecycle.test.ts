import { expect } from 'chai';
import { toInstant } from '../../../src/lib/db-values.js';
import type { Logger } from '../../../src/lib/logger.js';
import { LIFECYCLE_JOB } from '../../../src/features/notices/notices.jobs.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildRepresentative,
  buildSkill,
  buildUser,
  type BuiltUser,
} from '../../helpers/builders.js';
import { testEngine } from '../../helpers/db.js';
import { csrfFrom, signIn, submitForm } from '../../helpers/forms.js';
import { GROUP_SHOWN } from '../../../src/features/worklist/worklist.model.js';
import { one, table } from '../../helpers/rows.js';

// Issue 18, item 2: the representative-lifecycle job. The injected clock is moved across each date and the job is
// run by the real scheduler (background.runOnce); what it did is read back from the database and the dashboard.

/** A notices row as either engine returns it. */
interface NoticeRow {
  id: number;
  organisation_id: number;
  kind: string;
  representative_id: number | null;
  skill_id: number | null;
  subject_date: string;
  count: number | null;
  dedupe_key: string;
  created_at: string | Date;
  dismissed_at: string | Date | null;
  dismissed_by_user_id: number | null;
}

// Oslo is UTC+1 in winter: 30 November ends at 23:00 UTC
const LAST_DAY = '2026-11-30';
/** 23:30 on the last day in Oslo (22:30 UTC): still the 30th everywhere. */
const BEFORE = '2026-11-30T22:30:00.000Z';
/** 00:31 on 1 December in Oslo, still 30 November in UTC: the day after in the organisation's zone. */
const AFTER = '2026-11-30T23:31:00.000Z';

describe(`the representative-lifecycle job and the facilitators' notices (${testEngine})`, () => {
  let t: TestApp;
  let org: number;
  let facilitator: BuiltUser;
  let supervisor: BuiltUser;
  let logged: string[];

  beforeEach(async () => {
    logged = [];
    const logger: Logger = {
      info: (event, fields) => logged.push(JSON.stringify({ event, ...fields })),
      error: (event, fields) => logged.push(JSON.stringify({ event, ...fields })),
    };
    t = await buildTestApp({}, { logger });
    t.clock.set(BEFORE);
    org = await buildOrganisation(t.db);
    facilitator = await buildUser(t.db, org, { role: 'facilitator' });
    supervisor = await buildUser(t.db, org, { role: 'supervisor' });
  });
  afterEach(() => t.close());

  const notices = (organisationId = org) =>
    t.db<NoticeRow, NoticeRow[]>('notices').where({ organisation_id: organisationId }).orderBy('id');
  const noticesOf = (kind: string, organisationId = org) => notices(organisationId).where({ kind });
  const runJobs = () => t.services.runtime.background.runOnce();
  /** Everyone reviewed just now: only the data-review test wants people due. */
  const reviewedNow = (organisationId = org) =>
    table(t.db, 'representatives').where({ organisation_id: organisationId }).update({ last_reviewed_at: BEFORE });
  /** The dashboard as the user sees it now (signed in afresh: moving the clock days on ends a session). */
  const dashboard = async (user: BuiltUser, path = '/') => {
    const { agent } = await signIn(t.app, user.email, user.password);
    const res = await agent.get(path).expect(200);
    return { agent, html: res.text };
  };

  it('when a pause’s last day has passed at midnight in Oslo (not UTC), then the person is active again, the history says the system, and facilitators but not supervisors are told', async () => {
    const rep = await buildRepresentative(t.db, org, {
      name: 'Kari Nordmann',
      status: 'paused',
      pausedUntil: LAST_DAY,
    });
    await reviewedNow();
    const versionBefore = (await one(table(t.db, 'organisations').where({ id: org }).first())).roster_version;

    expect((await runJobs()).jobs).to.include(LIFECYCLE_JOB);
    expect(await one(table(t.db, 'representatives').where({ id: rep }).first())).to.include({ status: 'paused' });
    expect(await notices()).to.have.length(0);

    t.clock.set(AFTER);
    expect((await runJobs()).jobs).to.include(LIFECYCLE_JOB);
    const person = await one(table(t.db, 'representatives').where({ id: rep }).first());
    expect(person.status).to.equal('active');
    expect(person.paused_until).to.equal(null);
    const history = await table(t.db, 'representative_status_changes').where({ representative_id: rep });
    expect(history.map((h) => [h.from_status, h.to_status, h.changed_by, h.changed_by_user_id])).to.deep.equal([
      ['paused', 'active', 'system', null],
    ]);
    const audit = await table(t.db, 'audit_events').where({ action: 'representative.pause_ended', entity_id: rep });
    expect(audit.map((a) => a.actor_type)).to.deep.equal(['system']);
    const versionAfter = (await one(table(t.db, 'organisations').where({ id: org }).first())).roster_version;
    expect(Number(versionAfter)).to.be.greaterThan(Number(versionBefore));
    const [notice, ...more] = await notices();
    expect(more).to.have.length(0);
    expect(notice).to.include({
      kind: 'pause_ended',
      representative_id: rep,
      dedupe_key: `pause_ended:${rep}:2026-12-01`,
    });
    expect(String(notice!.subject_date).slice(0, 10)).to.equal('2026-12-01');

    const { html } = await dashboard(facilitator);
    expect(html).to.contain('Siden sist');
    expect(html).to.contain('Pausen til Kari Nordmann er over: aktiv igjen fra 1. desember 2026.');
    expect(html).to.contain(`href="/representatives/${rep}"`);
    // the profile's status history names the system
    const { agent } = await dashboard(facilitator);
    const profile = await agent.get(`/representatives/${rep}`).expect(200);
    expect(profile.text).to.contain('Systemet');
    // the person's data copy holds the notice (and their erasure deletes it: see below)
    const copy = JSON.parse((await agent.get(`/representatives/${rep}/export.json`).expect(200)).text) as {
      notices: unknown[];
    };
    expect(copy.notices).to.deep.equal([
      {
        kind: 'pause_ended',
        date: '2026-12-01',
        skillNb: null,
        skillEn: null,
        createdAt: new Date(AFTER).toISOString(),
        seenAt: null,
      },
    ]);

    const supervisorPage = (await dashboard(supervisor)).html;
    expect(supervisorPage).to.not.contain('Siden sist');
    expect(supervisorPage).to.not.contain('Kari Nordmann');
  });

  it('when training has expired, then the facilitators are told once, and expiries older than the look-back are not reported', async () => {
    const skill = await buildSkill(t.db, org, { nameNb: 'Likepersonkurs', nameEn: 'Peer support course' });
    const old = await buildSkill(t.db, org, { nameNb: 'Gammelt kurs' });
    const rep = await buildRepresentative(t.db, org, {
      name: 'Per Hansen',
      skills: [
        { skillId: skill, level: 2 },
        { skillId: old, level: 1 },
      ],
    });
    await table(t.db, 'representative_skills').where({ representative_id: rep, skill_id: skill }).update({
      expires_on: LAST_DAY,
    });
    // expired 31 days before the first run: outside the 30 days looked back
    await table(t.db, 'representative_skills').where({ representative_id: rep, skill_id: old }).update({
      expires_on: '2026-10-30',
    });
    await reviewedNow();

    await runJobs();
    expect(await noticesOf('training_expired')).to.have.length(0);

    t.clock.set(AFTER);
    await runJobs();
    const expired = await noticesOf('training_expired');
    expect(expired.map((n) => [n.representative_id, n.skill_id, n.dedupe_key])).to.deep.equal([
      [rep, skill, `training_expired:${rep}:${skill}:${LAST_DAY}`],
    ]);
    // the skill stays on the profile: expiry is a rule of matching, not a deletion
    expect(await table(t.db, 'representative_skills').where({ representative_id: rep })).to.have.length(2);
    expect((await dashboard(facilitator)).html).to.contain(
      'Likepersonkurs: opplæringen til Per Hansen gikk ut 30. november 2026.',
    );
  });

  it('when a term has ended, then the facilitators are told and the status stays (they decide)', async () => {
    const rep = await buildRepresentative(t.db, org, { name: 'Ola Berg', termEnd: LAST_DAY });
    const retired = await buildRepresentative(t.db, org, {
      name: 'Avsluttet Person',
      status: 'retired',
      termEnd: LAST_DAY,
    });
    await reviewedNow();

    await runJobs();
    expect(await noticesOf('term_ended')).to.have.length(0);
    t.clock.set(AFTER);
    await runJobs();
    expect((await noticesOf('term_ended')).map((n) => [n.representative_id, n.dedupe_key])).to.deep.equal([
      [rep, `term_ended:${rep}:${LAST_DAY}`],
    ]);
    expect(await one(table(t.db, 'representatives').where({ id: rep }).first())).to.include({ status: 'active' });
    expect(await table(t.db, 'representative_status_changes').where({ representative_id: rep })).to.have.length(0);
    expect(await notices().where({ representative_id: retired })).to.have.length(0);
    const { html } = await dashboard(facilitator);
    expect(html).to.contain('Oppnevningen til Ola Berg sluttet 30. november 2026.');
    expect(html).to.not.contain('Avsluttet Person');
  });

  it('when a notice was seen 90 days ago, or written a year ago, then it is deleted (it names a person), and not written again', async () => {
    const seen = await buildRepresentative(t.db, org, { name: 'Sett Person', termEnd: LAST_DAY });
    const unseen = await buildRepresentative(t.db, org, { name: 'Usett Person', termEnd: LAST_DAY });
    await reviewedNow();
    t.clock.set(AFTER);
    await runJobs();
    const seenNotice = await one(notices().where({ representative_id: seen }).first());
    await t.db('notices').where({ id: seenNotice.id }).update({ dismissed_at: AFTER });
    const lifecycleRuns = () => table(t.db, 'job_runs').where({ job: LIFECYCLE_JOB }).orderBy('id', 'desc').first();

    t.clock.advance({ days: 90, minutes: -5 });
    await runJobs();
    expect((await notices()).map((n) => n.representative_id)).to.deep.equal([seen, unseen]);

    t.clock.advance({ minutes: 70 });
    await runJobs();
    expect((await notices()).map((n) => n.representative_id)).to.deep.equal([unseen]);
    expect(JSON.parse(String((await one(lifecycleRuns())).counts))).to.include({ purged: 1, termsEnded: 0 });

    t.clock.set('2027-12-01T00:30:00.000Z');
    await reviewedNow();
    await runJobs();
    expect(await notices()).to.have.length(0);
  });

  it('when people are due for a data review, then the facilitators are told once a month with the count and a link to the review list', async () => {
    await buildRepresentative(t.db, org, { name: 'Ikke Gjennomgått' });
    await buildRepresentative(t.db, org, { name: 'Gjennomgått Nylig' });
    await table(t.db, 'representatives').where({ name: 'Gjennomgått Nylig' }).update({ last_reviewed_at: BEFORE });
    // reviewed 25 months ago: due under the default interval of 24 months
    await table(t.db, 'representatives').where({ name: 'Ikke Gjennomgått' }).update({
      last_reviewed_at: '2024-10-15T10:00:00.000Z',
    });

    await runJobs();
    const [review, ...more] = await noticesOf('data_review_due');
    expect(more).to.have.length(0);
    expect(review).to.include({ count: 1, representative_id: null, dedupe_key: `data_review_due:${org}:2026-11` });
    const { html } = await dashboard(facilitator);
    expect(html).to.contain('1 representant skal gjennomgås.');
    expect(html).to.contain('href="/representatives/review"');

    // the same month again: nothing new; the next month (in Oslo): a new reminder
    t.clock.set(AFTER);
    await runJobs();
    expect(await noticesOf('data_review_due')).to.have.length(2);
    expect((await noticesOf('data_review_due')).map((n) => n.dedupe_key)).to.deep.equal([
      `data_review_due:${org}:2026-11`,
      `data_review_due:${org}:2026-12`,
    ]);

    // nobody due: no reminder
    await reviewedNow();
    t.clock.set('2027-01-01T09:00:00.000Z');
    await runJobs();
    expect(await noticesOf('data_review_due')).to.have.length(2);
  });

  it('when the job runs again, and the clock goes back and forward again, then nothing is done twice', async () => {
    const rep = await buildRepresentative(t.db, org, { status: 'paused', pausedUntil: LAST_DAY, termEnd: LAST_DAY });
    await reviewedNow();
    t.clock.set(AFTER);
    await runJobs();
    await t.services.noticesService.runLifecycle(t.clock.now());
    t.clock.set('2026-11-29T12:00:00.000Z');
    expect((await runJobs()).jobs).to.not.include(LIFECYCLE_JOB); // not due: it ran "later"
    await t.services.noticesService.runLifecycle(t.clock.now());
    t.clock.set('2026-12-01T12:00:00.000Z');
    expect((await runJobs()).jobs).to.include(LIFECYCLE_JOB);
    const counts = await t.services.noticesService.runLifecycle(t.clock.now());
    expect(counts).to.deep.include({ pausesEnded: 0, trainingExpired: 0, termsEnded: 0, dataReviews: 0, failed: 0 });

    expect((await notices()).map((n) => n.kind)).to.deep.equal(['pause_ended', 'term_ended']);
    expect(await table(t.db, 'representative_status_changes').where({ representative_id: rep })).to.have.length(1);
    expect(await table(t.db, 'audit_events').where({ action: 'representative.pause_ended' })).to.have.length(1);
  });

  it('when a person is erased, then they get no notice, and the notices about them are deleted with them', async () => {
    const skill = await buildSkill(t.db, org);
    const erasedEarly = await buildRepresentative(t.db, org, {
      status: 'paused',
      pausedUntil: LAST_DAY,
      termEnd: LAST_DAY,
      skills: [{ skillId: skill, level: 1 }],
    });
    await table(t.db, 'representative_skills')
      .where({ representative_id: erasedEarly })
      .update({ expires_on: LAST_DAY });
    const erasedLater = await buildRepresentative(t.db, org, { name: 'Siri Slettes', termEnd: LAST_DAY });
    await reviewedNow();
    const { agent } = await dashboard(facilitator);
    const erase = (id: number) =>
      submitForm(agent, `/representatives/${id}/erase`, `/representatives/${id}/erase`, { confirmation: 'SLETT' });
    expect((await erase(erasedEarly)).status).to.equal(303);

    t.clock.set(AFTER);
    await runJobs();
    expect(await notices().where({ representative_id: erasedEarly })).to.have.length(0);
    expect(await notices().where({ representative_id: erasedLater })).to.have.length(1);

    const { agent: again } = await dashboard(facilitator);
    expect(
      (
        await submitForm(again, `/representatives/${erasedLater}/erase`, `/representatives/${erasedLater}/erase`, {
          confirmation: 'SLETT',
        })
      ).status,
    ).to.equal(303);
    expect(await notices().where({ representative_id: erasedLater })).to.have.length(0);
    expect((await dashboard(facilitator)).html).to.not.contain('Siri Slettes');
  });

  it('when one organisation cannot be handled, then the others are, the other jobs run, and the log names only ids', async () => {
    // a broken organisation row, handled first (the lower id): its time zone is unknown
    const broken = org;
    await buildRepresentative(t.db, broken, { name: 'Brita Brutt', status: 'paused', pausedUntil: LAST_DAY });
    await table(t.db, 'organisations').where({ id: broken }).update({ time_zone: 'Mars/Olympus_Mons' });
    const good = await buildOrganisation(t.db);
    const rep = await buildRepresentative(t.db, good, {
      name: 'Kari Nordmann',
      status: 'paused',
      pausedUntil: LAST_DAY,
    });
    await reviewedNow(broken);
    await reviewedNow(good);
    t.clock.set(AFTER);

    const ran = (await runJobs()).jobs;
    expect(ran).to.include(LIFECYCLE_JOB);
    expect(ran.length).to.be.greaterThan(1);
    expect(await one(table(t.db, 'representatives').where({ id: rep }).first())).to.include({ status: 'active' });
    expect(await noticesOf('pause_ended', good)).to.have.length(1);
    expect(await notices(broken)).to.have.length(0);

    const failure = logged
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === 'lifecycle.organisation_failed');
    expect(failure).to.deep.equal({
      event: 'lifecycle.organisation_failed',
      organisation: broken,
      error: 'RangeError',
    });
    const finished = logged.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.job === LIFECYCLE_JOB);
    expect(finished).to.include({ event: 'job.finished', pausesEnded: 1, failed: 1 });
    expect(logged.join('\n')).to.not.match(/Kari|Brita|Nordmann/);
  });

  it('when a notice is marked as seen, then it is gone for the whole team; another organisation’s cannot be touched (404), and supervisors may not (403)', async () => {
    const colleague = await buildUser(t.db, org, { role: 'admin' });
    const other = await buildOrganisation(t.db);
    const stranger = await buildRepresentative(t.db, other, { name: 'Fremmed Person', termEnd: LAST_DAY });
    const a = await buildRepresentative(t.db, org, { name: 'Anne Aas', termEnd: LAST_DAY });
    const b = await buildRepresentative(t.db, org, { name: 'Bjørn Bø', termEnd: LAST_DAY });
    await buildRepresentative(t.db, org, { name: 'Cecilie Cu', termEnd: LAST_DAY });
    await reviewedNow();
    await reviewedNow(other);
    t.clock.set(AFTER);
    await runJobs();
    const idOf = async (rep: number, organisationId = org) =>
      (await one(notices(organisationId).where({ representative_id: rep }).first())).id;
    const theirs = await idOf(stranger, other);

    const { agent, html } = await dashboard(facilitator);
    for (const name of ['Anne Aas', 'Bjørn Bø', 'Cecilie Cu']) expect(html).to.contain(name);
    expect(html).to.not.contain('Fremmed Person');
    const token = csrfFrom(html);
    const seen = await agent
      .post(`/notices/${await idOf(a)}/seen`)
      .type('form')
      .send({ _csrf: token });
    expect(seen.status).to.equal(303);
    const row = await one(notices().where({ representative_id: a }).first());
    expect(row.dismissed_by_user_id).to.equal(facilitator.id);
    expect(toInstant(row.dismissed_at)).to.equal(new Date(AFTER).toISOString());
    expect((await agent.get('/').expect(200)).text).to.not.contain('Anne Aas');
    const colleagueView = (await dashboard(colleague)).html;
    expect(colleagueView).to.not.contain('Anne Aas');
    expect(colleagueView).to.contain('Bjørn Bø');

    // another organisation's notice: unknown here, and left as it was
    expect((await agent.post(`/notices/${theirs}/seen`).type('form').send({ _csrf: token })).status).to.equal(404);
    const { agent: supervisorAgent, html: supervisorHtml } = await dashboard(supervisor);
    expect(
      (
        await supervisorAgent
          .post(`/notices/${await idOf(b)}/seen`)
          .type('form')
          .send({ _csrf: csrfFrom(supervisorHtml) })
      ).status,
    ).to.equal(403);
    expect(
      (
        await supervisorAgent
          .post('/notices/seen')
          .type('form')
          .send({ _csrf: csrfFrom(supervisorHtml) })
      ).status,
    ).to.equal(403);

    // "Mark all as seen" takes the ids the page showed; one of another organisation's is ignored
    const page = (await agent.get('/').expect(200)).text;
    const shown = [...page.matchAll(/name="ids" value="(\d+)"/g)].map((m) => m[1]!);
    expect(shown).to.have.length(2);
    const all = await agent
      .post('/notices/seen')
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrfFrom(page))}&${[...shown, String(theirs)].map((id) => `ids=${id}`).join('&')}`,
      );
    expect(all.status).to.equal(303);
    expect(await notices().whereNull('dismissed_at')).to.have.length(0);
    expect(await notices(other).whereNull('dismissed_at')).to.have.length(1);
    const after = (await dashboard(colleague)).html;
    expect(after).to.not.contain('Siden sist');
    for (const name of ['Bjørn Bø', 'Cecilie Cu']) expect(after).to.not.contain(name);

    // ids that are not ids: refused with a message, nothing changed
    const refused = await agent
      .post('/notices/seen')
      .type('form')
      .send({ _csrf: csrfFrom(page), ids: 'alle' });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('Vi kunne ikke lese hvilke varsler');
  });

  it('when there are more notices than the dashboard shows, then it shows the newest 20 and says how many there are', async () => {
    for (let i = 0; i < 23; i += 1) await buildRepresentative(t.db, org, { termEnd: LAST_DAY });
    await reviewedNow();
    t.clock.set(AFTER);
    await runJobs();
    expect(await notices()).to.have.length(23);
    const { html } = await dashboard(facilitator);
    // "now and today" shows its first items, and the whole group on asking (the worklist's GROUP_SHOWN)
    expect([...html.matchAll(/action="\/notices\/\d+\/seen"/g)]).to.have.length(GROUP_SHOWN);
    expect(html).to.contain('Viser de 20 nyeste av 23.');
    const whole = (await dashboard(facilitator, '/?group=now')).html;
    expect([...whole.matchAll(/action="\/notices\/\d+\/seen"/g)]).to.have.length(20);
  });
});
