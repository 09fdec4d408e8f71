import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
  buildInvitation,
  buildMeeting,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { toBool, toNumber } from '../../../src/lib/db-values.js';
import { MatchingRepository } from '../../../src/features/matching/matching.repository.js';
import { table } from '../../helpers/rows.js';

describe('the involvement log and honoraria', () => {
  let t: TestApp;
  let org: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  let project: number;
  let meeting: number;
  const team: number[] = [];

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db);
    facilitator = await buildUser(t.db, org, { role: 'facilitator' });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
    project = await buildProject(t.db, org, { title: 'Bedre hverdag', seats: 3, startsOn: '2026-01-01' });
    meeting = await buildMeeting(t.db, org, project, {
      startsAt: '2026-11-10T09:00:00.000Z',
      endsAt: '2026-11-10T11:00:00.000Z',
    });
    team.length = 0;
    for (const name of ['Anne Aas', 'Bjørn Berg', 'Cecilie Dahl']) {
      const rep = await buildRepresentative(t.db, org, { name });
      const now = new Date().toISOString();
      await buildInvitation(
        t.db,
        org,
        { projectId: project, representativeId: rep, status: 'accepted' },
        { createdAt: now },
      );
      team.push(rep);
    }
  });
  afterEach(() => t.close());

  const attendancePath = () => `/projects/${project}/meetings/${meeting}/attendance`;
  const entryOf = (rep: number) => table(t.db, 'involvements').where({ representative_id: rep }).first();

  it('logs a meeting for the whole team in one form, with honoraria by the rules and the rule version', async () => {
    const page = await agent.get(attendancePath()).expect(200);
    expect(page.text).to.contain('Anne Aas');
    expect(page.text).to.contain('value="2"'); // the meeting's two hours
    const [a, b, c] = team;
    const versionBefore = toNumber((await table(t.db, 'organisations').where({ id: org }).first())!.roster_version);
    const res = await agent
      .post(attendancePath())
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        activity: 'meeting',
        hours: '2',
        preparationHours: '0,5',
        levelDelivered: 'involve',
        [`attended-${a}`]: 'on',
        [`inPerson-${a}`]: 'on',
        [`travel-${a}`]: '120,50',
        [`inPerson-${b}`]: 'on',
        [`attended-${c}`]: 'on',
        [`inPerson-${c}`]: 'on',
        [`declined-${c}`]: 'on',
      });
    expect(res.status).to.equal(303);
    const anne = (await entryOf(a!))!;
    // 2 h + 0.5 h preparation = 150 min at 300 kr/h = 750 kr
    expect(toNumber(anne.honorarium_ore)).to.equal(75_000);
    expect(toNumber(anne.travel_cost_ore)).to.equal(12_050);
    expect(toNumber(anne.honorarium_rule_version)).to.equal(1);
    expect(String(anne.occurred_on).slice(0, 10)).to.equal('2026-11-10');
    const bjorn = (await entryOf(b!))!;
    expect(toBool(bjorn.attended)).to.equal(false);
    expect(toNumber(bjorn.honorarium_ore)).to.equal(0);
    expect(toNumber((await entryOf(c!))!.honorarium_ore)).to.equal(0);
    expect(toNumber((await table(t.db, 'organisations').where({ id: org }).first())!.roster_version)).to.be.above(
      versionBefore,
    );
    // matching counts what people took part in: the absence is not an engagement
    const base = await new MatchingRepository(t.db).base(org, '2025-11-23');
    expect(base.involvement.get(a!)?.recent).to.equal(1);
    expect(base.involvement.has(b!)).to.equal(false);
    const shown = await agent.get(attendancePath());
    expect(shown.text).to.contain('750,00');
    expect(shown.text).to.contain('takket nei');
    expect(shown.text).to.contain('fraværende');

    // the form again updates the same entries instead of adding more
    await agent
      .post(attendancePath())
      .type('form')
      .send({
        _csrf: csrfFrom(shown.text),
        activity: 'meeting',
        hours: '1',
        levelDelivered: 'involve',
        [`attended-${a}`]: 'on',
      });
    expect(await table(t.db, 'involvements')).to.have.length(3);
    expect(toNumber((await entryOf(a!))!.honorarium_ore)).to.equal(30_000); // 1 h online at 300 kr/h
    expect(await table(t.db, 'audit_events').where({ action: 'involvement.attendance_logged' })).to.have.length(2);
  });

  it('refuses hours out of range, bad money and a meeting in the future with 422, keeping what was typed', async () => {
    const page = await agent.get(attendancePath());
    const post = (fields: Record<string, string>) =>
      agent
        .post(attendancePath())
        .type('form')
        .send({ _csrf: csrfFrom(page.text), activity: 'meeting', levelDelivered: 'involve', ...fields });
    for (const hours of ['-1', '25', 'to']) {
      const res = await post({ hours });
      expect(res.status, hours).to.equal(422);
      expect(res.text).to.contain('Skriv timer fra 0 til 24');
      expect(res.text).to.contain(`value="${hours}"`);
    }
    const prep = await post({ hours: '2', preparationHours: '101' });
    expect(prep.status).to.equal(422);
    const travel = await post({ hours: '2', [`travel-${team[0]}`]: '-5' });
    expect(travel.status).to.equal(422);
    expect(travel.text).to.contain('value="-5"');
    await t
      .db('meetings')
      .where({ id: meeting })
      .update({ starts_at: '2027-01-01T09:00:00.000Z', ends_at: '2027-01-01T10:00:00.000Z' });
    const future = await post({ hours: '1', [`attended-${team[0]}`]: 'on' });
    expect(future.status).to.equal(422);
    expect(future.text).to.contain('Møtet har ikke vært ennå');
    expect(await table(t.db, 'involvements')).to.have.length(0);
  });

  it('adds, edits and deletes a single entry for another activity, audited', async () => {
    const add = await submitForm(agent, `/projects/${project}/involvement`, `/projects/${project}/involvement`, {
      representativeId: String(team[0]),
      occurredOn: '2026-11-15',
      activity: 'document_review',
      hours: '1,5',
      levelDelivered: 'consult',
      attended: 'on',
      note: 'Leste utkastet',
    });
    expect(add.status).to.equal(303);
    const entry = (await entryOf(team[0]!))!;
    expect(toNumber(entry.minutes)).to.equal(90);
    expect(toNumber(entry.honorarium_ore)).to.equal(45_000); // 1.5 h online, 300 kr/h
    const edit = `/projects/${project}/involvement/${entry.id}/edit`;
    const changed = await submitForm(agent, edit, edit, {
      representativeId: String(team[0]),
      occurredOn: '2026-11-15',
      activity: 'document_review',
      hours: '2',
      levelDelivered: 'consult',
      attended: 'on',
      paymentDeclined: 'on',
    });
    expect(changed.status).to.equal(303);
    expect(toNumber((await entryOf(team[0]!))!.honorarium_ore)).to.equal(0);
    const future = await submitForm(agent, edit, edit, {
      representativeId: String(team[0]),
      occurredOn: '2030-01-01',
      activity: 'document_review',
      hours: '2',
      levelDelivered: 'consult',
      attended: 'on',
    });
    expect(future.status).to.equal(422);
    const list = await agent.get(`/projects/${project}/involvement`);
    await agent
      .post(`/projects/${project}/involvement/${entry.id}/delete`)
      .type('form')
      .send({ _csrf: csrfFrom(list.text) })
      .expect(303);
    expect(await table(t.db, 'involvements')).to.have.length(0);
    const actions = (await table(t.db, 'audit_events').where('action', 'like', 'involvement.%')).map(
      (e: { action: string }) => e.action,
    );
    expect(actions).to.include.members(['involvement.added', 'involvement.updated', 'involvement.deleted']);
  });

  it('changes the rules in the settings as a new version, refusing a negative rate or a rounding step of 0', async () => {
    const admin = await buildUser(t.db, org, { role: 'admin' });
    const adminAgent = (await signIn(t.app, admin.email, admin.password)).agent;
    const fields = {
      dataReviewMonths: '24',
      sentEmailRetentionDays: '30',
      emailsPerMinute: '60',
      hourlyRate: '300',
      roundingMinutes: '30',
      minimumPaidMinutesInPerson: '60',
      preparationPaid: 'on',
      niceToHave: '0.35',
      fairness: '0.2',
      rest: '0.15',
      diversity: '0.2',
      language: '0.1',
    };
    const negative = await submitForm(adminAgent, '/admin/settings', '/admin/settings', {
      ...fields,
      hourlyRate: '-10',
    });
    expect(negative.status).to.equal(422);
    expect(negative.text).to.contain('value="-10"');
    const zero = await submitForm(adminAgent, '/admin/settings', '/admin/settings', {
      ...fields,
      roundingMinutes: '0',
    });
    expect(zero.status).to.equal(422);
    expect(zero.text).to.contain('fra 1 til 120');
    await submitForm(adminAgent, '/admin/settings', '/admin/settings', fields).then((r) =>
      expect(r.status).to.equal(303),
    );
    expect((await t.services.organisationsService.settings(org)).honorariumRuleVersion).to.equal(1);
    await submitForm(adminAgent, '/admin/settings', '/admin/settings', { ...fields, hourlyRate: '350,50' });
    const settings = await t.services.organisationsService.settings(org);
    expect(settings).to.include({ hourlyHonorariumOre: 35_050, honorariumRuleVersion: 2 });
  });

  it('lists what each person is owed for a period, and downloads it as CSV for the finance office', async () => {
    const page = await agent.get(attendancePath());
    await agent
      .post(attendancePath())
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        activity: 'meeting',
        hours: '2',
        levelDelivered: 'involve',
        [`attended-${team[0]}`]: 'on',
        [`inPerson-${team[0]}`]: 'on',
        [`travel-${team[0]}`]: '100',
      });
    const list = await agent.get('/payments?from=2026-11-01&to=2026-11-30').expect(200);
    expect(list.text).to.contain('Anne Aas');
    expect(list.text).to.contain('700,00');
    const csv = await agent.get('/payments.csv?from=2026-11-01&to=2026-11-30').expect(200);
    expect(csv.headers['content-type']).to.match(/text\/csv/);
    expect(csv.text.charCodeAt(0)).to.equal(0xfeff);
    // attended, preparation and paid hours, the rule version and its rate (issue 14, items 2 and 7)
    expect(csv.text).to.contain('"Anne Aas";;1;"2,00";"0,00";"2,00";1;"300,00";"600,00";"100,00";"700,00"');
    const bad = await agent.get('/payments?from=2026-12-01&to=2026-11-01');
    expect(bad.status).to.equal(422);
  });
});
