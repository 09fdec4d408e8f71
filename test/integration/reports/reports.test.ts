import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
  buildInvitation,
  buildInvolvement,
  buildImpact,
} from '../../helpers/builders.js';
import type { InvitationStatus } from '../../helpers/builders.js';
import { signIn, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';
import { insertReturningIds } from '../../../src/db.js';

/**
 * A small organisation whose November 2026 was computed by hand:
 * - projects running in November: P1 (unit "Hjemmetjenesten", 2 seats) and P2 (no unit); P3 ran in 2024;
 * - attended: Anne 120 min and Bjørn 60 min at a P1 meeting, Anne 30 min reviewing a P2 document; Cecilie absent;
 *   in October, Anne 60 min at P1;
 * - invitations to P1 sent 2 November: Anne yes after 2 days, Bjørn yes after 4 (the last seat: filled in 4 days),
 *   Dina no (health) after 1 day, Eva no answer (expired);
 * - impacts: one adopted on 15 November (fed back), one rejected on 20 November.
 */
describe('the report, against hand-computed figures', () => {
  let t: TestApp;
  let org: number;
  let supervisor: BuiltUser;
  let agent: Agent;
  let unit: number;

  beforeEach(async () => {
    t = await buildTestApp();
    sid = undefined;
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    supervisor = await buildUser(t.db, org, { role: 'supervisor' });
    agent = (await signIn(t.app, supervisor.email, supervisor.password)).agent;
    const now = new Date().toISOString();
    unit = (
      await insertReturningIds(t.db, 'units', [
        { organisation_id: org, name: 'Hjemmetjenesten', kind: 'home_care', created_at: now },
      ])
    )[0]!;
    const p1 = await buildProject(t.db, org, {
      title: 'P1 Hverdagsrehabilitering',
      seats: 2,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    });
    const p2 = await buildProject(t.db, org, { title: 'P2 Utskriving', startsOn: '2026-06-01', endsOn: '2027-06-30' });
    await buildProject(t.db, org, { title: 'P3 Gammelt', startsOn: '2024-01-01', endsOn: '2024-12-31' });
    await t.db('projects').where({ id: p1 }).update({ unit_id: unit });
    const names = ['Anne', 'Bjørn', 'Cecilie', 'Dina', 'Eva'];
    const rep: Record<string, number> = {};
    for (const name of names) rep[name] = await buildRepresentative(t.db, org, { name });
    const involvement = (
      who: string,
      project: number,
      on: string,
      minutes: number,
      attended = true,
      activity = 'meeting',
    ) =>
      buildInvolvement(
        t.db,
        org,
        { projectId: project, representativeId: rep[who]!, occurredOn: on },
        { activity, minutes, attended, honorariumOre: attended ? minutes * 500 : 0, createdAt: now },
      );
    await involvement('Anne', p1, '2026-11-10', 120);
    await involvement('Bjørn', p1, '2026-11-10', 60);
    await involvement('Cecilie', p1, '2026-11-10', 120, false);
    await involvement('Anne', p2, '2026-11-12', 30, true, 'document_review');
    await involvement('Anne', p1, '2026-10-10', 60);
    const invite = (who: string, status: InvitationStatus, answeredDays: number | null, reason: string | null = null) =>
      buildInvitation(
        t.db,
        org,
        { projectId: p1, representativeId: rep[who]!, status },
        {
          sentAt: '2026-11-02T09:00:00.000Z',
          respondedAt: answeredDays === null ? null : `2026-11-0${2 + answeredDays}T09:00:00.000Z`,
          declineReason: reason,
          createdAt: now,
        },
      );
    await invite('Anne', 'accepted', 2);
    await invite('Bjørn', 'accepted', 4);
    await invite('Dina', 'declined', 1, 'health');
    await invite('Eva', 'expired', null);
    await buildImpact(t.db, org, p1, {
      whatSaid: 'Øvelsene må passe i hverdagen',
      whatChanged: 'Korte økter hjemme',
      status: 'adopted',
      decidedOn: '2026-11-15',
      fedBackAt: now,
      createdAt: now,
    });
    await buildImpact(t.db, org, p2, {
      whatSaid: 'Mer tid',
      status: 'rejected',
      rejectedReason: 'Ikke budsjett',
      decidedOn: '2026-11-20',
      createdAt: now,
    });
  });
  afterEach(() => t.close());

  const build = async (query: Record<string, string | number>) => {
    const user = (await t.services.sessionService.load(await sessionOf()))!.user;
    return t.services.reportsService.build(user, query as never);
  };
  let sid: string | undefined;
  const sessionOf = async () => {
    if (!sid)
      sid = await t.services.sessionService.create({ id: supervisor.id, organisationId: org }, { csrfBinding: 'x' });
    return sid;
  };

  it('counts as running a project whose dates were moved after representatives took part in it', async () => {
    // P2's dates are changed to start next year, after Anne's work on it in November
    const p2 = await one(table(t.db, 'projects').where({ organisation_id: org, title: 'P2 Utskriving' }).first('id'));
    await table(t.db, 'projects').where({ id: p2.id }).update({ starts_on: '2027-01-01', ends_on: '2027-06-30' });
    const report = await build({ period: 'month', at: '2026-11-10' });
    if (report.problem) throw new Error('refused');
    expect(report.headline.projects).to.deep.equal({ all: 2, withRepresentatives: 2 });
  });

  it('computes the month’s figures, the previous month’s and the sections as done by hand', async () => {
    const report = await build({ period: 'month', at: '2026-11-10' });
    if (report.problem) throw new Error('refused');
    expect(report.period).to.deep.equal({ from: '2026-11-01', to: '2026-11-30' });
    expect(report.headline.projects).to.deep.equal({ all: 2, withRepresentatives: 2 });
    expect(report.headline.people).to.equal(2);
    expect(report.headline.minutes).to.equal(210);
    expect(report.headline.adopted).to.equal(1);
    expect(report.headline.acceptance).to.equal(0.5);
    expect(report.headline.previous).to.include({ people: 1, minutes: 60, adopted: 0 });
    expect(report.adopted.map((c) => c.whatChanged)).to.deep.equal(['Korte økter hjemme']);
    expect(report.activity.byActivity).to.deep.equal([
      { activity: 'document_review', entries: 1, minutes: 30 },
      { activity: 'meeting', entries: 2, minutes: 180 },
    ]);
    const byUnit = Object.fromEntries(report.activity.byUnit.map((u) => [u.unit ?? '-', u.minutes]));
    expect(byUnit).to.deep.equal({ Hjemmetjenesten: 180, '-': 30 });
    expect(report.invitations.sent).to.equal(4);
    expect(report.invitations.byStatus).to.deep.equal({ accepted: 2, declined: 1, expired: 1 });
    expect(report.invitations.declineReasons).to.deep.equal([{ reason: 'health', count: 1 }]);
    expect(report.invitations.medianAnswerDays).to.equal(2);
    expect(report.invitations.medianFillDays).to.equal(4);
    expect(report.fairness.busiestTenthShare).to.be.closeTo(150 / 210, 1e-9);
    expect(report.impact).to.deep.equal({ adopted: 1, rejected: 1, proposed: 0, fedBackShare: 0.5 });
    // all five are active; Anne and Bjørn took part in the last 12 months (Cecilie was absent)
    expect(report.network).to.include({ active: 5, unused12Months: 3 });
    expect(report.activity.totals).to.include({ entries: 3, people: 2, minutes: 210 });
    expect(report.trend).to.have.length(12);
    expect(report.trend.at(-1)).to.deep.equal({ month: '2026-11', minutes: 210, people: 2 });
    expect(report.trend.at(-2)).to.deep.equal({ month: '2026-10', minutes: 60, people: 1 });
  });

  it('limits the figures to a unit', async () => {
    const report = await build({ period: 'month', at: '2026-11-10', unitId: unit });
    if (report.problem) throw new Error('refused');
    expect(report.headline.minutes).to.equal(180);
    expect(report.headline.projects).to.deep.equal({ all: 1, withRepresentatives: 1 });
    expect(report.impact.adopted).to.equal(1);
    expect(report.impact.rejected).to.equal(0);
  });

  it('shows the page with "fewer than 5" for small numbers of people, and no names of people', async () => {
    const page = await agent.get('/reports?period=month&at=2026-11-10').expect(200);
    expect(page.text).to.contain('2 / 2');
    expect(page.text).to.contain('3,5'); // hours
    expect(page.text).to.contain('færre enn 5');
    expect(page.text).to.contain('Korte økter hjemme');
    expect(page.text).to.contain('50 %');
    expect(page.text).to.contain('<svg class="app-chart"');
    for (const name of ['Anne', 'Bjørn', 'Cecilie', 'Dina', 'Eva']) expect(page.text).not.to.contain(name);
    const csv = await agent.get('/reports/export.csv?period=month&at=2026-11-10').expect(200);
    expect(csv.headers['content-type']).to.match(/text\/csv/);
    expect(csv.text).to.match(/"?Representanter som deltok"?;"?færre enn 5"?/);
    expect(csv.text).to.match(/2026-11"?;"?3,5/);
  });

  it('refuses a period that ends before it starts or lasts 20 years with 422, and an unknown or foreign unit with 404', async () => {
    const backwards = await agent.get('/reports?period=custom&from=2026-12-01&to=2026-11-01');
    expect(backwards.status).to.equal(422);
    expect(backwards.text).to.contain('Til-datoen må være');
    const long = await agent.get('/reports?period=custom&from=2006-01-01&to=2026-01-01');
    expect(long.status).to.equal(422);
    expect(long.text).to.contain('høyst fem år');
    await agent.get('/reports?unit=999999').expect(404);
    const other = await buildOrganisation(t.db);
    const [foreign] = await insertReturningIds(t.db, 'units', [
      {
        organisation_id: other,
        name: 'Fremmed',
        kind: 'home_care',
        created_at: new Date().toISOString(),
      },
    ]);
    await agent.get(`/reports?unit=${foreign}`).expect(404);
    await agent.get('/reports?project=999999').expect(404);
  });
});
