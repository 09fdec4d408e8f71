import path from 'node:path';
import fs from 'node:fs';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { seedDemoIfEmpty, DEMO_LOGINS } from '../../seeds/demo.js';
import { SURVEYED } from '../../seeds/demo-voice.js';
import {
  buildImpact,
  buildInvitation,
  buildInvolvement,
  buildMeeting,
  buildParticipationLink,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';
import { one, table } from '../helpers/rows.js';
import { newToken } from '../../src/lib/tokens.js';

// Issue 17: every page for each role, on a desktop and a 360 px phone, in both languages. Each page is saved as a
// screenshot under test/.tmp/screenshots/tour/ for a person to look at, and checked: it answers, axe finds nothing,
// nothing overflows sideways, and each table's first and last columns are on screen without scrolling.

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 360, height: 780 },
] as const;
const LOCALES = ['nb', 'en'] as const;
type Role = (typeof DEMO_LOGINS)[number]['role'] | 'public';

interface Ids {
  representative: number;
  project: number;
  meeting: number;
  invitationToken: string;
  meToken: string;
  /** A project with letter invitations waiting to be printed. */
  letters: number;
  /** A facilitator an admin can hand over for. */
  facilitator: number;
  /** A survey link not answered yet, and the demo's project whose survey has more than five answers. */
  surveyToken: string;
  surveyed: number;
}

function pagesFor(role: Role, ids: Ids): string[] {
  const p = `/projects/${ids.project}`;
  const facilitator = [
    '/',
    '/?view=all',
    '/account',
    '/account/security',
    '/account/hand-over',
    '/representatives',
    '/representatives/new',
    `/representatives/${ids.representative}`,
    `/representatives/${ids.representative}/edit`,
    `/representatives/${ids.representative}/erase`,
    '/representatives/import',
    '/representatives/review',
    '/skills',
    '/units',
    '/contacts',
    '/contacts/new',
    '/projects',
    '/projects/new',
    p,
    `${p}/edit`,
    `${p}/copy`,
    `${p}/hand-over`,
    `/projects/${ids.letters}/invitations/letters`,
    `${p}/matches`,
    `${p}/invitations`,
    `${p}/impacts`,
    `${p}/results`,
    `${p}/involvement`,
    `${p}/meetings/${ids.meeting}/attendance`,
    `${p}/meetings/${ids.meeting}/edit`,
    `${p}/meetings/${ids.meeting}/cancel`,
    `/projects/${ids.surveyed}/results`,
    '/payments',
    '/reports',
    '/reports/summaries',
    '/requests',
    '/password/change',
  ];
  switch (role) {
    case 'facilitator':
      return facilitator;
    case 'admin':
      return [
        ...facilitator,
        '/admin/users',
        '/admin/users/new',
        '/admin/settings',
        '/admin/areas',
        '/admin/population',
        '/admin/outbox',
        '/admin/mailbox',
        '/admin/audit',
        `/admin/users/${ids.facilitator}`,
        `/admin/users/${ids.facilitator}/hand-over`,
      ];
    case 'supervisor':
      return [
        '/',
        '/projects',
        p,
        `${p}/results`,
        `/projects/${ids.surveyed}/results`,
        '/reports',
        '/reports/summaries',
        '/account',
        '/account/security',
        '/password/change',
      ];
    case 'public':
      return [
        '/',
        '/login',
        '/privacy',
        '/accessibility',
        '/password/forgot',
        `/i/${ids.invitationToken}`,
        `/me/${ids.meToken}`,
        `/survey/${ids.surveyToken}`,
      ];
  }
}

interface Finding {
  page: string;
  problem: string;
}

/**
 * What a person on this screen cannot see: sideways overflow, and table columns cut off at either edge. For each
 * table, the header row and the first body row are checked: the first and last of their cells that a person can see
 * (a header hidden for a card layout is skipped) must lie within the screen.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const overflow = document.documentElement.scrollWidth - width;
    if (overflow > 1) problems.push(`the page is ${overflow}px wider than the screen`);
    // no named functions in here: tsx wraps them in a helper the browser does not have
    document.querySelectorAll('table').forEach((table, index) => {
      if (table.getClientRects().length === 0) return; // inside a closed <details>
      const name = table.querySelector('caption')?.textContent?.trim() ?? `table ${index + 1}`;
      const rows = [table.querySelector('thead tr'), table.querySelector('tbody tr')].filter(
        (row): row is HTMLTableRowElement => row !== null,
      );
      for (const row of rows) {
        const cells = [...row.children].filter((cell) => {
          const rect = cell.getBoundingClientRect();
          const style = getComputedStyle(cell);
          return rect.width > 2 && rect.height > 2 && style.visibility !== 'hidden' && style.display !== 'none';
        });
        if (cells.length === 0) continue;
        const first = cells[0]!.getBoundingClientRect();
        const last = cells[cells.length - 1]!.getBoundingClientRect();
        const part = row.parentElement?.tagName === 'THEAD' ? 'header' : 'first row';
        if (first.left < -1) problems.push(`${name} (${part}): the first column starts off screen`);
        if (last.right > width + 1) {
          problems.push(`${name} (${part}): the last column ends ${Math.round(last.right - width)}px off screen`);
        }
      }
    });
    return problems;
  });
}

describe('every page, for each role, on a desktop and a phone, in both languages (issue 17)', function () {
  this.timeout(1_200_000);
  const e2e = setUpE2e();
  const ids = {} as Ids;
  const tourDir = path.join(screenshotDir, 'tour');

  before(async () => {
    const { db, config, clock } = e2e.live;
    await seedDemoIfEmpty(db, config, clock);
    fs.mkdirSync(tourDir, { recursive: true });
    const org = (await one(table(db, 'organisations').first('id'))).id;
    const project = (await one(table(db, 'projects').where({ organisation_id: org }).orderBy('id').first('id'))).id;
    const people = await table(db, 'representatives')
      .where({ organisation_id: org, status: 'active' })
      .orderBy('id')
      .limit(4)
      .select('id');
    const meeting = await buildMeeting(db, org, project, {
      startsAt: clock.now().minus({ days: 3 }).set({ hour: 9, minute: 0 }).toUTC().toISO()!,
      endsAt: clock.now().minus({ days: 3 }).set({ hour: 11, minute: 0 }).toUTC().toISO()!,
    });
    const invited = newToken();
    await buildInvitation(
      db,
      org,
      { projectId: project, representativeId: people[0]!.id, status: 'sent' },
      {
        tokenHash: invited.hash,
        sentAt: clock.now().toISO()!,
        expiresAt: clock.now().plus({ days: 14 }).toISO()!,
      },
    );
    for (const person of people.slice(1)) {
      await buildInvitation(db, org, { projectId: project, representativeId: person.id, status: 'accepted' });
      await buildInvolvement(
        db,
        org,
        { projectId: project, representativeId: person.id, occurredOn: clock.now().minus({ days: 3 }).toISODate()! },
        { meetingId: meeting, minutes: 120 },
      );
    }
    await buildImpact(db, org, project, { whatSaid: 'Brevene er vanskelige å forstå' });
    ids.project = project;
    ids.meeting = meeting;
    ids.representative = people[1]!.id;
    ids.invitationToken = invited.token;
    ids.meToken = await buildParticipationLink(db, org, people[1]!.id, { now: clock.now() });
    const letter = await one(
      table(db, 'invitations').where({ organisation_id: org, status: 'draft', channel: 'letter' }).first('project_id'),
    );
    ids.letters = letter.project_id;
    // a survey link of the demo's round on the project with few answers, to someone it did not ask
    const few = await one(table(db, 'projects').where({ title: SURVEYED.few }).first('id'));
    const round = await one(table(db, 'surveys').where({ project_id: few.id }).first('id'));
    const survey = newToken();
    await db('survey_links').insert({
      organisation_id: org,
      survey_id: round.id,
      representative_id: (
        await one(
          table(db, 'representatives')
            .where({ organisation_id: org, status: 'active' })
            .whereNotIn('id', db('survey_links').where({ survey_id: round.id }).select('representative_id'))
            .first('id'),
        )
      ).id,
      token_hash: survey.hash,
      locale: 'nb',
    });
    ids.surveyToken = survey.token;
    ids.surveyed = (await one(table(db, 'projects').where({ title: SURVEYED.many }).first('id'))).id;
    const facilitator = DEMO_LOGINS.find((l) => l.role === 'facilitator')!;
    ids.facilitator = (await one(table(db, 'users').where({ email: facilitator.email }).first('id'))).id;
  });

  async function tour(browser: Browser, role: Role, viewport: (typeof VIEWPORTS)[number], locale: 'nb' | 'en') {
    const findings: Finding[] = [];
    const context = await browser.newContext({
      viewport: { width: viewport.width, height: viewport.height },
      locale: locale === 'nb' ? 'nb-NO' : 'en-GB',
    });
    try {
      let page: Page;
      if (role === 'public') {
        page = await context.newPage();
      } else {
        const login = DEMO_LOGINS.find((l) => l.role === role)!;
        await e2e.live.db('users').where({ email: login.email }).update({ locale });
        page = await signInInBrowser(context, e2e.live.baseUrl, login);
      }
      for (const url of pagesFor(role, ids)) {
        const response = await page.goto(`${e2e.live.baseUrl}${url}`);
        const label = `${role} ${url} (${viewport.name}, ${locale})`;
        if (!response || response.status() >= 400) {
          findings.push({ page: label, problem: `answered ${response?.status()}` });
          continue;
        }
        const slug = url
          .replace(/\/[A-Za-z0-9_-]{30,}/g, '/token')
          .replace(/[^a-z0-9]+/gi, '-')
          .replace(/^-|-$/g, '');
        await page.screenshot({
          path: path.join(tourDir, `${viewport.name}-${locale}-${role}-${slug || 'front'}.png`),
          fullPage: true,
        });
        for (const problem of await layoutProblems(page)) findings.push({ page: label, problem });
        try {
          await expectNoAxeViolations(page, label);
        } catch (error) {
          findings.push({ page: label, problem: (error as Error).message });
        }
      }
    } finally {
      await context.close();
    }
    return findings;
  }

  for (const viewport of VIEWPORTS) {
    for (const locale of LOCALES) {
      it(`${viewport.name}, ${locale}: every page answers, is axe-clean and shows its tables' first and last columns`, async () => {
        const findings: Finding[] = [];
        for (const role of ['public', 'facilitator', 'admin', 'supervisor'] as const) {
          findings.push(...(await tour(e2e.browser, role, viewport, locale)));
        }
        expect(findings.map((f) => `${f.page}: ${f.problem}`)).to.deep.equal([]);
      });
    }
  }
});
