import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildContact,
  buildInvitation,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildRepresentativeRequest,
  buildUser,
  type BuiltUser,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';
import { table } from '../../helpers/rows.js';
import { ManualClock } from '../../../src/lib/clock.js';
import { toInstant } from '../../../src/lib/db-values.js';
import { GROUP_SHOWN } from '../../../src/features/worklist/worklist.model.js';

// Issue 20, item 1: the team's marks (done, snooze until a day) with who set them, the Mine/All views, and the
// refusals (a bad day keeps what was typed; an item that is not the organisation's is a 404; supervisors never).

const NOW = '2026-12-01T09:00:00.000Z';

describe('the worklist’s marks and views (issue 20, item 1)', () => {
  let t: TestApp;
  let org: number;
  let kari: BuiltUser;
  let jonas: BuiltUser;
  let kariAgent: Agent;
  let kariProject: number;
  let jonasProject: number;

  beforeEach(async () => {
    t = await buildTestApp({}, { clock: new ManualClock(NOW) });
    org = await buildOrganisation(t.db);
    kari = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    jonas = await buildUser(t.db, org, { role: 'facilitator', name: 'Jonas Kollega' });
    kariProject = await buildProject(t.db, org, { title: 'Karis prosjekt' });
    jonasProject = await buildProject(t.db, org, { title: 'Jonas sitt prosjekt' });
    await t.db('projects').where({ id: kariProject }).update({ facilitator_user_id: kari.id });
    await t.db('projects').where({ id: jonasProject }).update({ facilitator_user_id: jonas.id });
    kariAgent = (await signIn(t.app, kari.email, kari.password)).agent;
  });
  afterEach(() => t.close());

  const undeliverable = async (projectId: number, name: string) => {
    const rep = await buildRepresentative(t.db, org, { name });
    return buildInvitation(t.db, org, { projectId, representativeId: rep, status: 'undeliverable' });
  };
  const post = async (agent: Agent, action: string, fields: Record<string, string>, page = '/') => {
    const html = (await agent.get(page).expect(200)).text;
    return agent
      .post(action)
      .type('form')
      .send({ _csrf: csrfFrom(html), ...fields });
  };

  it('when Kari has projects, then "mine" is the default and holds her items only; "all" holds the colleague’s too', async () => {
    await undeliverable(kariProject, 'Anne Aas');
    await undeliverable(jonasProject, 'Bjørn Bø');
    const mine = (await kariAgent.get('/').expect(200)).text;
    expect(mine).to.match(/<a class="ds-link" href="\/\?view=mine" aria-current="page">/);
    expect(mine).to.contain('invitasjonen til Anne Aas');
    expect(mine).to.not.contain('Bjørn Bø');
    const all = (await kariAgent.get('/?view=all').expect(200)).text;
    expect(all).to.match(/<a class="ds-link" href="\/\?view=all" aria-current="page">/);
    expect(all).to.contain('invitasjonen til Anne Aas');
    expect(all).to.contain('invitasjonen til Bjørn Bø');
  });

  it('when an admin has no projects or people of their own, then the default is the organisation’s list, not "nothing"', async () => {
    await undeliverable(jonasProject, 'Bjørn Bø');
    const admin = await buildUser(t.db, org, { role: 'admin' });
    const { agent } = await signIn(t.app, admin.email, admin.password);
    const page = (await agent.get('/').expect(200)).text;
    expect(page).to.match(/href="\/\?view=all" aria-current="page"/);
    expect(page).to.contain('Jonas sitt prosjekt: invitasjonen til Bjørn Bø kom ikke fram');
  });

  it('when a person’s contact is Kari, then items about them are in her "mine" though the project is Jonas’s', async () => {
    const rep = await buildRepresentative(t.db, org, { name: 'Cecilie Cu' });
    await t.db('representatives').where({ id: rep }).update({ contact_user_id: kari.id });
    await buildInvitation(t.db, org, { projectId: jonasProject, representativeId: rep, status: 'undeliverable' });
    expect((await kariAgent.get('/?view=mine').expect(200)).text).to.contain('invitasjonen til Cecilie Cu');
  });

  it('when Jonas noted a follow-up and is contact for a person whose pause ended, then both are in his "mine", not Kari’s', async () => {
    const contact = await buildContact(t.db, org, { name: 'Dr. Fagperson' });
    await t.db('contact_notes').insert({
      organisation_id: org,
      contact_id: contact,
      noted_on: '2026-11-20',
      discussed: 'Oppstart',
      next_step: 'Sende referat',
      follow_up_on: '2026-12-02',
      followed_up: false,
      user_id: jonas.id,
      created_at: NOW,
    });
    const rep = await buildRepresentative(t.db, org, { name: 'Dagny Dahl' });
    await t.db('representatives').where({ id: rep }).update({ contact_user_id: jonas.id });
    const notice = (id: number | null, kind: string, key: string) => ({
      organisation_id: org,
      kind,
      representative_id: id,
      subject_date: '2026-12-01',
      count: id ? null : 5,
      dedupe_key: key,
      created_at: NOW,
    });
    await t
      .db('notices')
      .insert([notice(rep, 'pause_ended', `pause_ended:${rep}`), notice(null, 'data_review_due', 'data_review_due:1')]);
    const { agent: jonasAgent } = await signIn(t.app, jonas.email, jonas.password);
    const his = (await jonasAgent.get('/?view=mine').expect(200)).text;
    expect(his).to.contain('Dr. Fagperson');
    expect(his).to.contain('Dagny Dahl');
    const hers = (await kariAgent.get('/?view=mine').expect(200)).text;
    expect(hers).to.not.contain('Dr. Fagperson');
    expect(hers).to.not.contain('Dagny Dahl');
    // a data review is about nobody in particular: in both
    expect(his).to.contain('5 representanter skal gjennomgås');
    expect(hers).to.contain('5 representanter skal gjennomgås');
    const all = (await kariAgent.get('/?view=all').expect(200)).text;
    expect(all).to.contain('Dr. Fagperson');
    expect(all).to.contain('Dagny Dahl');
  });

  it('when Kari marks an item done, then it is gone for Jonas too, who sees who did it, and can put it back (all audited)', async () => {
    const id = await undeliverable(kariProject, 'Anne Aas');
    const key = `undeliverable:${id}`;
    const done = await post(kariAgent, '/worklist/done', { key, view: 'mine' });
    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal('/?view=mine#worklist');
    const mark = (await table(t.db, 'worklist_marks').where({ organisation_id: org }).first())!;
    expect(mark).to.include({ item_key: key, state: 'done', marked_by_user_id: kari.id });
    expect(toInstant(mark.marked_at)).to.equal(NOW);

    const { agent: jonasAgent } = await signIn(t.app, jonas.email, jonas.password);
    const seen = (await jonasAgent.get('/?view=all').expect(200)).text;
    expect(seen).to.not.contain(`data-item="${key}"`);
    expect(seen).to.contain('Gjort og utsatt (1)');
    expect(seen).to.contain('gjort av Kari Tilrettelegger');

    expect((await post(jonasAgent, '/worklist/reopen', { key }, '/?view=all')).status).to.equal(303);
    expect((await jonasAgent.get('/?view=all').expect(200)).text).to.contain(`data-item="${key}"`);
    const audit = await table(t.db, 'audit_events').where({ organisation_id: org }).whereLike('action', 'worklist.%');
    expect(audit.map((a) => [a.action, a.actor_user_id])).to.deep.equal([
      ['worklist.done', kari.id],
      ['worklist.reopened', jonas.id],
    ]);
  });

  it('when an item is snoozed until Friday, then it is gone until Friday and back on that day', async () => {
    const id = await undeliverable(kariProject, 'Anne Aas');
    const key = `undeliverable:${id}`;
    expect((await post(kariAgent, '/worklist/snooze', { key, until: '2026-12-04', view: 'mine' })).status).to.equal(
      303,
    );
    const page = (await kariAgent.get('/').expect(200)).text;
    expect(page).to.not.contain(`data-item="${key}"`);
    expect(page).to.contain('utsatt til 4. desember 2026 av Kari Tilrettelegger');
    t.clock.set('2026-12-04T06:00:00.000Z'); // Friday 07:00 in Oslo
    const { agent } = await signIn(t.app, kari.email, kari.password);
    expect((await agent.get('/').expect(200)).text).to.contain(`data-item="${key}"`);
  });

  it('when the snooze day is not ahead or not a day, then 422 with the error by the field and the typed day kept', async () => {
    const id = await undeliverable(kariProject, 'Anne Aas');
    const key = `undeliverable:${id}`;
    const field = `until-undeliverable-${id}`;
    for (const [until, message] of [
      ['2026-12-01', 'Velg en dag etter i dag.'],
      ['2028-01-01', 'Velg en dag innen ett år.'],
      ['2026-02-30', 'Skriv en dato, for eksempel 2027-01-15.'],
    ] as const) {
      const res = await post(kariAgent, '/worklist/snooze', { key, until, view: 'mine' });
      expect(res.status, until).to.equal(422);
      expect(res.text).to.contain(`href="#${field}"`);
      expect(res.text).to.contain(`id="${field}-error"`);
      expect(res.text).to.contain(message);
      expect(res.text).to.match(new RegExp(`id="${field}" name="until" type="date" value="${until}"`));
    }
    expect(await table(t.db, 'worklist_marks')).to.have.length(0);
  });

  it('when a group holds more items than the page shows, then it shows the first ones and a link to the whole group, which keeps it open after a mark', async () => {
    // 10 refused invitations and 10 answers from today, and 5 requests: 25 items for now
    const ids: number[] = [];
    for (let n = 0; n < 10; n += 1) ids.push(await undeliverable(kariProject, `Borte ${n}`));
    for (let n = 0; n < 10; n += 1) {
      const rep = await buildRepresentative(t.db, org, { name: `Svar ${n}` });
      await buildInvitation(
        t.db,
        org,
        { projectId: kariProject, representativeId: rep, status: 'accepted' },
        { respondedAt: new Date(Date.parse(NOW) - (n + 1) * 60_000).toISOString() },
      );
    }
    // the requests come in after the answers (now), so they are the last of the group
    const requests: number[] = [];
    for (let n = 0; n < 5; n += 1)
      requests.push(
        await buildRepresentativeRequest(t.db, org, await buildRepresentative(t.db, org, { name: `Ber ${n}` })),
      );
    /** The items listed under "now" (the project short of seats is under "soon"). */
    const items = (html: string) =>
      (
        html
          .split('id="worklist-now"')[1]!
          .split('</section>')[0]!
          .match(/class="app-worklist__item"/g) ?? []
      ).length;

    const cut = (await kariAgent.get('/?view=all').expect(200)).text;
    expect(GROUP_SHOWN).to.be.below(25);
    expect(items(cut)).to.equal(GROUP_SHOWN);
    expect(cut).to.contain('Nå og i dag (25)');
    expect(cut).to.contain(`Viser de ${GROUP_SHOWN} første av 25.`);
    expect(cut).to.contain('href="/?view=all&amp;group=now#worklist-now">Vis alle 25 under «Nå og i dag»</a>');

    const whole = (await kariAgent.get('/?view=all&group=now').expect(200)).text;
    expect(items(whole)).to.equal(25);
    expect(whole).to.not.contain('Viser de ');
    // a mark from the whole group goes back to it
    const key = `undeliverable:${ids[0]}`;
    const res = await kariAgent
      .post('/worklist/done')
      .type('form')
      .send({ _csrf: csrfFrom(whole), key, view: 'all', group: 'now' })
      .expect(303);
    expect(res.headers.location).to.equal('/?view=all&group=now#worklist-now');
    // a refused snooze of an item past the first ones shows its whole group, so the field with the error is there
    const last = `request:${requests[4]}`;
    expect(cut).to.not.contain(`data-item="${last}"`);
    const refused = await kariAgent
      .post('/worklist/snooze')
      .type('form')
      .send({ _csrf: csrfFrom(whole), key: last, until: 'i går', view: 'all' })
      .expect(422);
    expect(refused.text).to.contain(`id="until-request-${requests[4]}"`);
    expect(refused.text).to.contain('value="i går"');
  });

  it('when the key is not on the organisation’s list, then 404; a supervisor gets 403 and no worklist', async () => {
    const other = await buildOrganisation(t.db);
    const theirProject = await buildProject(t.db, other);
    const theirRep = await buildRepresentative(t.db, other);
    const theirs = await buildInvitation(t.db, other, {
      projectId: theirProject,
      representativeId: theirRep,
      status: 'undeliverable',
    });
    expect((await post(kariAgent, '/worklist/done', { key: `undeliverable:${theirs}` })).status).to.equal(404);
    expect((await post(kariAgent, '/worklist/snooze', { key: 'meeting:999:0', until: '2026-12-10' })).status).to.equal(
      404,
    );
    expect((await post(kariAgent, '/worklist/reopen', { key: 'undeliverable:1' })).status).to.equal(404);
    expect((await post(kariAgent, '/worklist/done', { key: 'not a key' })).status).to.equal(404);

    const supervisor = await buildUser(t.db, org, { role: 'supervisor' });
    const { agent } = await signIn(t.app, supervisor.email, supervisor.password);
    await undeliverable(kariProject, 'Anne Aas');
    const overview = (await agent.get('/').expect(200)).text;
    expect(overview).to.not.contain('id="worklist"');
    expect(overview).to.not.contain('Anne Aas');
    expect((await post(agent, '/worklist/done', { key: 'undeliverable:1' })).status).to.equal(403);
    expect(await table(t.db, 'worklist_marks')).to.have.length(0);
  });

  it('when the nightly purge runs, then marks set more than a year ago are deleted and newer ones kept', async () => {
    const id = await undeliverable(kariProject, 'Anne Aas');
    await post(kariAgent, '/worklist/done', { key: `undeliverable:${id}` });
    t.clock.set('2027-12-02T09:00:00.000Z');
    expect(await t.services.worklistService.purgeOld(t.clock.now())).to.equal(1);
    expect(await table(t.db, 'worklist_marks')).to.have.length(0);
  });
});
