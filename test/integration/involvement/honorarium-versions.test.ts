import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  buildInvitation,
  buildMeeting,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { ManualClock } from '../../../src/lib/clock.js';
import { toNumber } from '../../../src/lib/db-values.js';
import { table } from '../../helpers/rows.js';

const SETTINGS = {
  dataReviewMonths: '24',
  sentEmailRetentionDays: '30',
  emailsPerMinute: '60',
  hourlyRate: '300',
  roundingMinutes: '30',
  minimumPaidMinutesInPerson: '60',
  preparationPaid: 'on',
  niceToHave: '0,35',
  fairness: '0,2',
  rest: '0,15',
  diversity: '0,2',
  language: '0,1',
};

describe('honorarium rule versions, payments and corrections (issue 14, item 2)', () => {
  let t: TestApp;
  let org: number;
  let agent: Agent;
  let adminAgent: Agent;
  let project: number;
  let meeting: number;
  let anne: number;

  const addMeeting = (startsAt: string, endsAt: string) => buildMeeting(t.db, org, project, { startsAt, endsAt });

  beforeEach(async () => {
    // today is 8 December 2026 in Oslo; last month's meeting was on 10 November
    t = await buildTestApp({}, { clock: new ManualClock('2026-12-08T09:00:00Z') });
    org = await buildOrganisation(t.db);
    const facilitator = await buildUser(t.db, org, { role: 'facilitator', name: 'Frida Fasilitator' });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
    const admin = await buildUser(t.db, org, { role: 'admin' });
    adminAgent = (await signIn(t.app, admin.email, admin.password)).agent;
    project = await buildProject(t.db, org, { title: 'Bedre hverdag', seats: 3, startsOn: '2026-01-01' });
    meeting = await addMeeting('2026-11-10T09:00:00.000Z', '2026-11-10T11:00:00.000Z');
    anne = await buildRepresentative(t.db, org, { name: 'Anne Aas' });
    const now = new Date().toISOString();
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: anne, status: 'accepted' },
      { createdAt: now },
    );
  });
  afterEach(() => t.close());

  const attendancePath = (m = meeting) => `/projects/${project}/meetings/${m}/attendance`;
  const saveAttendance = async (m = meeting, extra: Record<string, string> = {}) => {
    const page = await agent.get(attendancePath(m)).expect(200);
    const res = await agent
      .post(attendancePath(m))
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        activity: 'meeting',
        hours: '2',
        levelDelivered: 'involve',
        [`attended-${anne}`]: 'on',
        [`inPerson-${anne}`]: 'on',
        ...extra,
      });
    expect(res.status, /ds-validation-message[^>]*>([^<]*)/.exec(res.text)?.[1]).to.equal(303);
  };
  const entryOn = async (date: string) => {
    const rows = (await t.db('involvements').where({ representative_id: anne })) as Array<Record<string, unknown>>;
    const row = rows.find((r) =>
      String(r.occurred_on instanceof Date ? r.occurred_on.toISOString() : r.occurred_on).startsWith(date),
    );
    return (
      row && { ore: toNumber(row.honorarium_ore), version: toNumber(row.honorarium_rule_version), id: toNumber(row.id) }
    );
  };
  const changeRate = (hourlyRate: string, validFrom?: string) =>
    submitForm(adminAgent, '/admin/settings', '/admin/settings', {
      ...SETTINGS,
      hourlyRate,
      ...(validFrom ? { validFrom } : {}),
    });

  it('keeps last month’s amounts when the rate changed and that meeting’s attendance is saved again', async () => {
    await saveAttendance();
    expect(await entryOn('2026-11-10')).to.include({ ore: 60_000, version: 1 });
    const settings = await adminAgent.get('/admin/settings');
    expect(settings.text).to.contain('value="2026-12-08"'); // valid from today in the organisation's zone
    expect(settings.text).to.contain('beholder den gamle satsen');
    expect((await changeRate('312,50')).status).to.equal(303);

    await saveAttendance();
    expect(await entryOn('2026-11-10')).to.include({ ore: 60_000, version: 1 });

    // an entry on the day the new rate takes effect uses it, one the day before does not
    for (const [date, ore, version] of [
      ['2026-12-07', 60_000, 1],
      ['2026-12-08', 62_500, 2],
    ] as const) {
      const page = await agent.get(`/projects/${project}/involvement`);
      const res = await agent
        .post(`/projects/${project}/involvement`)
        .type('form')
        .send({
          _csrf: csrfFrom(page.text),
          representativeId: String(anne),
          occurredOn: date,
          activity: 'document_review',
          hours: '2',
          levelDelivered: 'involve',
          attended: 'on',
        });
      expect(res.status).to.equal(303);
      expect(await entryOn(date), date).to.include({ ore, version });
    }

    // editing last month's entry on its own keeps its date's rules too
    const entry = (await entryOn('2026-11-10'))!;
    const edit = await agent.get(`/projects/${project}/involvement/${entry.id}/edit`);
    await agent
      .post(`/projects/${project}/involvement/${entry.id}/edit`)
      .type('form')
      .send({
        _csrf: csrfFrom(edit.text),
        representativeId: String(anne),
        occurredOn: '2026-11-10',
        activity: 'meeting',
        hours: '2',
        levelDelivered: 'involve',
        attended: 'on',
        inPerson: 'on',
        note: 'Rettet',
      })
      .expect(303);
    expect(await entryOn('2026-11-10')).to.include({ ore: 60_000, version: 1 });
  });

  it('recalculates entries from an earlier valid-from date, keeps those before it, and refuses a date before the latest version', async () => {
    const early = await addMeeting('2026-11-02T09:00:00.000Z', '2026-11-02T11:00:00.000Z');
    await saveAttendance(early);
    await saveAttendance();
    expect((await changeRate('312,50', '2026-11-05')).status).to.equal(303);
    expect(await entryOn('2026-11-02')).to.include({ ore: 60_000, version: 1 });
    expect(await entryOn('2026-11-10')).to.include({ ore: 62_500, version: 2 });

    const before = await changeRate('330', '2026-11-04');
    expect(before.status).to.equal(422);
    expect(before.text).to.contain('5. november 2026');
    expect(before.text).to.contain('value="330"');
    expect(before.text).to.contain('value="2026-11-04"');
    const bad = await changeRate('330', '2026-13-45');
    expect(bad.status).to.equal(422);
    expect(await table(t.db, 'honorarium_rule_versions').where({ organisation_id: org })).to.have.length(2);

    // the settings show the versions over time
    const page = await adminAgent.get('/admin/settings');
    expect(page.text).to.contain('312,50');
    expect(page.text).to.contain('5. november 2026');
  });

  it('shows on the payments page which version each amount used', async () => {
    const later = await addMeeting('2026-11-20T09:00:00.000Z', '2026-11-20T11:00:00.000Z');
    await saveAttendance();
    expect((await changeRate('312,50', '2026-11-15')).status).to.equal(303);
    await saveAttendance(later);
    const page = await agent.get('/payments?from=2026-11-01&to=2026-11-30').expect(200);
    const rows = [...page.text.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '),
    );
    const anneRows = rows.filter((r) => r.includes('Anne Aas'));
    expect(anneRows).to.have.length(2);
    expect(anneRows.find((r) => r.includes('600,00'))).to.match(/1 .*300,00 kr/);
    expect(anneRows.find((r) => r.includes('625,00'))).to.match(/2 .*312,50 kr/);
    const csv = await agent.get('/payments.csv?from=2026-11-01&to=2026-11-30').expect(200);
    expect(csv.text).to.match(/"Anne Aas";.*;1;"300,00";"600,00"/);
    expect(csv.text).to.match(/"Anne Aas";.*;2;"312,50";"625,00"/);
  });

  it('records each CSV download and lists later changes in a downloaded period as corrections', async () => {
    await saveAttendance();
    const december = await addMeeting('2026-12-01T09:00:00.000Z', '2026-12-01T11:00:00.000Z');
    await saveAttendance(december);
    // a change before any download is no correction
    await saveAttendance(meeting, { hours: '3' });
    let page = await agent.get('/payments?from=2026-11-01&to=2026-11-30');
    expect(page.text).not.to.contain('id="corrections"');

    await agent.get('/payments.csv?from=2026-11-01&to=2026-11-30').expect(200);
    const exports = await table(t.db, 'payment_exports').where({ organisation_id: org });
    expect(exports).to.have.length(1);
    expect(String(exports[0]!.period_from).slice(0, 10) || exports[0]!.period_from).to.match(/2026-11-01|2026/);
    const audit = await table(t.db, 'audit_events').where({
      organisation_id: org,
      action: 'involvement.payments_exported',
    });
    expect(audit).to.have.length(1);
    expect(audit[0]!.details).to.contain('2026-11-01');
    page = await agent.get('/payments?from=2026-11-01&to=2026-11-30');
    expect(page.text).to.contain('Frida Fasilitator'); // who downloaded

    t.clock.set('2026-12-08T09:10:00Z'); // within the session's idle time
    await saveAttendance(meeting, { hours: '2', [`travel-${anne}`]: '100' });
    await saveAttendance(december, { [`travel-${anne}`]: '50' }); // December was not downloaded
    page = await agent.get('/payments?from=2026-11-01&to=2026-11-30');
    expect(page.text).to.contain('id="corrections"');
    const corrections = page.text.slice(page.text.indexOf('id="corrections"'));
    expect(corrections).to.contain('Anne Aas');
    expect(corrections).to.contain('10. november 2026');
    expect(corrections).to.contain('900,00'); // before: 3 hours at 300 kr
    expect(corrections).to.contain('700,00'); // after: 2 hours and 100 kr travel
    expect(corrections).to.contain('8. des. 2026, 10:10');
    expect(await table(t.db, 'payment_corrections').where({ organisation_id: org })).to.have.length(1);

    // a rate backdated into the downloaded period corrects the amounts it changes
    expect((await changeRate('312,50', '2026-11-01')).status).to.equal(303);
    expect(await table(t.db, 'payment_corrections').where({ organisation_id: org })).to.have.length(2);
  });
});
