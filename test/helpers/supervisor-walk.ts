import { expect } from 'chai';
import { translator } from '../../src/lib/i18n.js';
import { ROUTES, expected, type Ids } from '../integration/access/routes.js';
import type { Agent } from './forms.js';

// The small-number walk of issue 15 finding 4, shared by the suppression test (a small project) and the demo
// organisation's test (issue 18): every page and CSV a supervisor reaches (the access matrix's rows, not a list of
// our own) shows no count of people under 5, no subtraction that gives a suppressed count back, and no
// health-related decline reason.

export const LOCALES = ['nb', 'en'] as const;
export const tr = { nb: translator('nb'), en: translator('en') };
const FEWER = LOCALES.map((l) => tr[l]('reports.fewerThan5'));
const WITHHELD = LOCALES.map((l) => tr[l]('reports.withheld'));
export const HEALTH = LOCALES.flatMap((l) => [tr[l]('reports.reasons.health'), tr[l]('invitations.reasons.health')]);
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
      // a project's results: meetings, and the participation level promised and delivered
      'results.meetingsHeld',
      'results.levelPromised',
      'results.levelDelivered',
      // the survey's averages of scores from 1 to 5 (issue 22), shown only from 5 answers
      'survey.questions.prepared',
      'survey.questions.listened',
      'survey.questions.difference',
      'survey.questions.equal',
      'survey.questions.again',
      // /account: the user's own name, e-mail and role
      'users.fields.name',
      'users.fields.email',
      'users.fields.role',
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
export function readCount(text: string, where: string): Cell {
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
export function checkPage(html: string, where: string): string[] {
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
export function checkCsv(csv: string, labels: Set<string>, where: string) {
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

/** The matrix's rows that answer a supervisor with a page: everything a supervisor can see. */
export const supervisorRoutes = () => ROUTES.filter((r) => r.method === 'GET' && expected(r, 'supervisor') === 200);

/** Ids for the matrix's paths when only the supervisor's own project matters (the rest are never walked). */
export const walkIds = (ownProject: number, ownRep = 0): Ids => ({
  own: 0,
  other: 0,
  ownRep,
  otherRep: 0,
  ownSkill: 0,
  otherSkill: 0,
  ownProject,
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
});

/**
 * Walks every supervisor page and CSV of the matrix with each filter (a query string such as `project=3&unit=2`,
 * or '' for none) as the signed-in agent: every page answers 200 and passes checkPage; the CSVs are then checked
 * against the labels the pages showed. Returns what it saw, for the caller's own expectations.
 */
export async function walkSupervisorPages(
  agent: Agent,
  ids: Ids,
  filters: string[],
): Promise<{ marked: number; labels: Set<string>; csvs: string[] }> {
  const labels = new Set<string>();
  const csvs: string[] = [];
  let marked = 0;
  for (const route of supervisorRoutes()) {
    const base = route.path(ids);
    for (const filter of filters) {
      const path = filter ? `${base}${base.includes('?') ? '&' : '?'}${filter}` : base;
      const res = await agent.get(path);
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
  for (const path of csvs) checkCsv((await agent.get(path)).text, labels, path);
  return { marked, labels, csvs };
}
