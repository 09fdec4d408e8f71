import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  buildInvitation,
  buildInvolvement,
} from '../../helpers/builders.js';
import type { InvitationStatus } from '../../helpers/builders.js';
import { signIn, type Agent } from '../../helpers/forms.js';
import { insertReturningIds } from '../../../src/db.js';
import type { Ids } from './routes.js';
import { table } from '../../helpers/rows.js';
import {
  HEALTH,
  LOCALES,
  readCount,
  supervisorRoutes,
  tr,
  walkIds,
  walkSupervisorPages,
} from '../../helpers/supervisor-walk.js';

// Issue 15 finding 4: every page and CSV a supervisor reaches (the access matrix's rows, not a list of our own),
// with a project and a unit filter on a small project, shows no count of people under 5, no subtraction that gives
// a suppressed count back, and no health-related decline reason. The walk itself is test/helpers/supervisor-walk.ts
// (the demo organisation's test walks it too).

describe('what a supervisor sees of a small project (issue 15 finding 4)', () => {
  let t: TestApp;
  const agents: Record<string, Agent> = {};
  let ids: Ids;
  let unit: number;

  before(async () => {
    t = await buildTestApp();
    const org = await buildOrganisation(t.db);
    const now = new Date().toISOString();
    unit = (
      await insertReturningIds(t.db, 'units', [
        { organisation_id: org, name: 'Hjemmetjenesten', kind: 'home_care', created_at: now },
      ])
    )[0]!;
    // the review's roster: active 29 = 9 next of kin + 16 patients + 4 from user organisations
    const reps: Record<string, number[]> = { next_of_kin: [], patient: [], user_organisation: [] };
    for (const [kind, count] of [
      ['next_of_kin', 9],
      ['patient', 16],
      ['user_organisation', 4],
    ] as const) {
      for (let i = 0; i < count; i += 1) {
        const named = kind === 'patient' && i === 0;
        reps[kind]!.push(
          await buildRepresentative(t.db, org, {
            kind,
            consents: named ? ['roster', 'email_contact', 'named_in_reports'] : undefined,
          }),
        );
      }
    }
    const today = new Date().toISOString().slice(0, 10);
    const project = await buildProject(t.db, org, { title: 'Lite prosjekt', seats: 3, startsOn: today });
    await t.db('projects').where({ id: project }).update({ unit_id: unit, phase: 'running' });
    const invite = (rep: number, status: InvitationStatus, reason: string | null = null) =>
      buildInvitation(
        t.db,
        org,
        { projectId: project, representativeId: rep, status },
        {
          sentAt: now,
          respondedAt: status === 'accepted' || status === 'declined' ? now : null,
          declineReason: reason,
          createdAt: now,
        },
      );
    // on the team: one named, one not; one declined for health; one invitation never arrived
    await invite(reps.patient![0]!, 'accepted');
    await invite(reps.next_of_kin![0]!, 'accepted');
    await invite(reps.user_organisation![0]!, 'declined', 'health');
    await invite(reps.patient![1]!, 'undeliverable');
    for (const rep of [reps.patient![0]!, reps.next_of_kin![0]!]) {
      await buildInvolvement(
        t.db,
        org,
        { projectId: project, representativeId: rep, occurredOn: today },
        { minutes: 90, attended: true, honorariumOre: 45_000, createdAt: now },
      );
    }
    await t.db('organisations').where({ id: org }).increment('roster_version', 1);
    for (const locale of LOCALES) {
      const supervisor = await buildUser(t.db, org, { role: 'supervisor', locale });
      await t.db('users').where({ id: supervisor.id }).update({ weekly_digest: true });
      agents[locale] = (await signIn(t.app, supervisor.email, supervisor.password)).agent;
    }
    ids = walkIds(project, reps.patient![0]);
  });
  after(() => t.close());

  // the matrix's rows that answer a supervisor with a page: everything a supervisor can see
  const walked = supervisorRoutes();

  it('walks the supervisor’s pages of the access matrix, the report, its CSV, the dashboard and the projects among them', () => {
    const paths = walked.map((r) => r.path({} as Ids).split('?')[0]);
    for (const path of ['/', '/reports', '/reports/export.csv', '/projects']) expect(paths).to.include(path);
    expect(walked.some((r) => /^\/projects\/\d+$/.test(r.path({ ownProject: 1 } as Ids)))).to.equal(true);
  });

  for (const locale of LOCALES) {
    it(`shows no count of people under 5 and no health reason on any of them, filtered to the project and its unit (${locale})`, async () => {
      const filters = (): string[] => [
        '',
        `project=${ids.ownProject}`,
        `unit=${unit}`,
        `project=${ids.ownProject}&unit=${unit}`,
      ];
      const { marked, csvs } = await walkSupervisorPages(agents[locale]!, ids, filters());
      expect(csvs.length).to.be.above(0);
      expect(marked, 'counts of people marked on the pages').to.be.above(20);
      // the review's cases are there, suppressed
      const report = (await agents[locale]!.get(`/reports?project=${ids.ownProject}`)).text;
      expect(report).to.contain(tr[locale]('reports.fewerThan5'));
      expect(report).to.contain(tr[locale]('reports.withheld'));
    });
  }

  it('sends a weekly digest with the same suppressed figures and no health reason', async () => {
    t.clock.set(new Date(Date.now() + 7 * 24 * 3600_000).toISOString());
    await t.services.reportsService.sendWeeklyDigests();
    const digests = await table(t.db, 'outbox_messages').where({ kind: 'weekly_digest' });
    expect(digests).to.have.length(2);
    for (const d of digests) {
      const locale = /Hei|Antall/.test(d.text_body!) ? 'nb' : 'en';
      const line = String(d.text_body)
        .split('\n')
        .find((l: string) => l.includes(tr[locale]('reports.headline.people')));
      expect(line, d.text_body!).to.be.a('string');
      readCount(line!.split(':').pop()!, 'digest');
      for (const h of HEALTH) expect(d.text_body).not.to.contain(h);
    }
  });
});
