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
import { translator } from '../../../src/lib/i18n.js';
import { ROUTES, expected, type Ids } from './routes.js';
import { table } from '../../helpers/rows.js';

// Issue 15 finding 4: every page and CSV a supervisor reaches (the access matrix's rows, not a list of our own),
// with a project and a unit filter on a small project, shows no count of people under 5, no subtraction that gives
// a suppressed count back, and no health-related decline reason.
const LOCALES = ['nb', 'en'] as const;
const tr = { nb: translator('nb'), en: translator('en') };
const FEWER = LOCALES.map((l) => tr[l]('reports.fewerThan5'));
const WITHHELD = LOCALES.map((l) => tr[l]('reports.withheld'));
const HEALTH = LOCALES.flatMap((l) => [tr[l]('reports.reasons.health'), tr[l]('invitations.reasons.health')]);
// figures in a <dl> that are not counts of people (hours, entries, money, shares, days, impacts, project facts)
const NOT_PEOPLE = new Set(
  LOCALES.flatMap((l) =>
    [
      'reports.activity.entries',
      'reports.activity.hours',
      'reports.activity.preparation',
      'reports.activity.honoraria',
      'reports.headline.acceptance',
      'reports.invitations.answerDays',
      'reports.invitations.fillDays',
      'reports.fairness.busiest',
      'impacts.statuses.adopted',
      'impacts.statuses.rejected',
      'impacts.statuses.proposed',
      'reports.impact.fedBack',
      'projects.fields.purpose',
      'projects.fields.whatMatters',
      'projects.fields.targetLevel',
      'projects.fields.period',
      'projects.fields.location',
      'projects.fields.workingLanguages',
      'projects.fields.owner',
      'projects.fields.facilitator',
    ].map((k) => tr[l](k)),
  ),
);

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

type Cell = { kind: 'number'; value: number } | { kind: 'fewer' } | { kind: 'withheld' };
/** How a shown count of people reads, or a problem (a number from 1 to 4). */
function readCount(text: string, where: string): Cell {
  if (FEWER.some((f) => text.includes(f))) {
    const rest = FEWER.reduce((s, f) => s.split(f).join(' '), text);
    expect(rest, `${where}: only one count in "${text}"`).not.to.match(/\d/);
    return { kind: 'fewer' };
  }
  if (WITHHELD.some((w) => text.includes(w))) return { kind: 'withheld' };
  const digits = /\d[\d\s\u00a0\u202f.,]*/.exec(text)?.[0];
  expect(digits, `${where}: a count in "${text}"`).to.be.a('string');
  const value = Number(digits!.replace(/[\s\u00a0\u202f.,]/g, ''));
  expect(value === 0 || value >= 5, `${where}: "${text}" is a count of people under 5`).to.equal(true);
  return { kind: 'number', value };
}

/** Subtraction from a shown total must not give a suppressed cell back. */
function checkGroup(total: Cell | undefined, cells: Cell[], where: string) {
  if (!total || total.kind !== 'number') return;
  const suppressed = cells.filter((c) => c.kind !== 'number');
  if (!suppressed.length) return;
  expect(suppressed.length, `${where}: a lone suppressed cell beside its total`).to.be.at.least(2);
  const shownSum = cells.reduce((s, c) => s + (c.kind === 'number' ? c.value : 0), 0);
  const rest = total.value - shownSum;
  if (suppressed.every((c) => c.kind === 'fewer')) {
    expect(rest, `${where}: the suppressed cells are all 1`).to.be.above(suppressed.length);
    expect(rest, `${where}: the suppressed cells are all 4`).to.be.below(4 * suppressed.length);
  }
}

/** Checks one HTML page; returns the labels of its counts of people. */
function checkPage(html: string, where: string): string[] {
  for (const h of HEALTH) expect(html, `${where}: a health reason`).not.to.contain(h);
  const labels: string[] = [];
  const groups = new Map<string, Cell[]>();
  const totals = new Map<string, Cell>();
  const marked = /<(\w+)([^>]*\sdata-people="([^"]*)"[^>]*)>([\s\S]*?)<\/\1>/g;
  for (const m of html.matchAll(marked)) {
    const label = decode(m[3]!);
    labels.push(label);
    const cell = readCount(decode(m[4]!), `${where} [${label}]`);
    const group = /data-people-group="([^"]+)"/.exec(m[2]!)?.[1];
    if (group) groups.set(group, [...(groups.get(group) ?? []), cell]);
    const total = /data-people-total="([^"]+)"/.exec(m[2]!)?.[1];
    if (total) totals.set(total, cell);
  }
  for (const [name, cells] of groups) checkGroup(totals.get(name), cells, `${where} (${name})`);
  // every figure of a <dl> is either marked as a count of people or known not to be one
  for (const m of html.matchAll(/<dt>([\s\S]*?)<\/dt>\s*<dd([^>]*)>/g)) {
    if (/data-people=/.test(m[2]!)) continue;
    expect(NOT_PEOPLE.has(decode(m[1]!)), `${where}: is "${decode(m[1]!)}" a count of people?`).to.equal(true);
  }
  return labels;
}

/** Checks a CSV (section;figure;value rows) against the labels of counts of people seen on the pages. */
function checkCsv(csv: string, labels: Set<string>, where: string) {
  for (const h of HEALTH) expect(csv, `${where}: a health reason`).not.to.contain(h);
  const rows = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => line.split(';').map((c) => c.replace(/^"|"$/g, '').replace(/""/g, '"')));
  let checked = 0;
  for (const [, figure, value] of rows) {
    if (figure && labels.has(figure)) {
      readCount(value ?? '', `${where} [${figure}]`);
      checked += 1;
    }
    for (const l of LOCALES) {
      const holders = new RegExp(`${tr[l]('reports.recruitment.holders')}: (.*)$`).exec(value ?? '');
      if (holders) readCount(holders[1]!, `${where} [${figure}]`);
    }
  }
  expect(checked, `${where}: counts of people found`).to.be.above(3);
}

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
    ids = {
      own: 0,
      other: 0,
      ownRep: reps.patient![0]!,
      otherRep: 0,
      ownSkill: 0,
      otherSkill: 0,
      ownProject: project,
      otherProject: 0,
      ownContact: 0,
      otherContact: 0,
      ownMail: 0,
      otherMail: 0,
      ownFailed: 0,
      otherFailed: 0,
      ownInvitation: 0,
      otherInvitation: 0,
      ownRequest: 0,
      otherRequest: 0,
    };
  });
  after(() => t.close());

  // the matrix's rows that answer a supervisor with a page: everything a supervisor can see
  const walked = ROUTES.filter((r) => r.method === 'GET' && expected(r, 'supervisor') === 200);

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
      const labels = new Set<string>();
      const csvs: string[] = [];
      let marked = 0;
      for (const route of walked) {
        const base = route.path(ids);
        for (const filter of filters()) {
          const path = filter ? `${base}${base.includes('?') ? '&' : '?'}${filter}` : base;
          const res = await agents[locale]!.get(path);
          expect(res.status, path).to.equal(200);
          if (/text\/csv/.test(String(res.headers['content-type']))) {
            csvs.push(path);
            continue;
          }
          const found = checkPage(res.text, path);
          marked += found.length;
          for (const l of found) labels.add(l);
        }
      }
      for (const path of csvs) checkCsv((await agents[locale]!.get(path)).text, labels, path);
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
