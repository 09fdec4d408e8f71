import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import {
  buildContact,
  buildImpact,
  buildInvitation,
  buildInvolvement,
  buildMeeting,
  buildOrganisation,
  buildOutboxMessage,
  buildProject,
  buildRepresentative,
  buildRepresentativeRequest,
  buildRequirements,
  buildSkill,
  buildUser,
  type BuiltUser,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { setUpE2e } from '../helpers/e2e.js';
import { walkIds } from '../helpers/supervisor-walk.js';
import { ROUTES, expected, type Ids, type RouteCase, type Who } from '../integration/access/routes.js';
import { insertReturningIds } from '../../src/db.js';

// Every page of the app in Bokmål, Nynorsk and English (issue 25), in Chromium: one page of each GET route pattern
// of the access matrix's route table that answers a role with 200, with `<html lang>` in the language asked for and
// no axe violations. A signed-in user's language is `users.locale` (the browser asks for another language, which
// must not win); a visitor's is the browser's Accept-Language. A route added to the table is crawled without anyone
// listing it here.

const LANGUAGES = ['nb', 'nn', 'en'] as const;
type Language = (typeof LANGUAGES)[number];
const BROWSER_LOCALE: Record<Language, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };
/** What a signed-in user's browser asks for: another language than the user's own. */
const OTHER: Record<Language, Language> = { nb: 'en', nn: 'nb', en: 'nn' };

/** From the most privileged down: a pattern several roles reach is visited by the first of them. */
const ROLES: Who[] = ['admin', 'facilitator', 'supervisor', 'anonymous'];

// not pages of the app: health checks, files to download, and an e-mail's own HTML as its recipient's mail program
// shows it (in the recipient's language, outside the app's layout)
const NOT_A_PAGE = /^\/(healthz|readyz)$|\.(csv|json|ics|svg)$|^\/admin\/mailbox\/:id\/html$/;
// the one pattern whose page is another for each role: the front page for visitors, the worklist for staff (an
// admin's with the admin's own links) and the headline figures for supervisors
const PER_ROLE = new Set(['/']);

/** A route's pattern: its path with ids as ":id" and without its query. */
const patternOf = (route: RouteCase) =>
  route
    .path(walkIds(0))
    .split('?')[0]!
    .replace(/\/0(?=\/|$)/g, '/:id') || '/';

/** The route (the first of the table) by which each role visits each pattern it is given. */
function crawlPlan(): Map<Who, RouteCase[]> {
  const plan = new Map<Who, RouteCase[]>(ROLES.map((who) => [who, []]));
  const visitedBy = new Map<string, Set<Who>>();
  for (const who of ROLES) {
    for (const route of ROUTES) {
      if (route.method !== 'GET' || expected(route, who) !== 200) continue;
      const pattern = patternOf(route);
      if (NOT_A_PAGE.test(pattern)) continue;
      const by = visitedBy.get(pattern) ?? new Set<Who>();
      if (by.has(who) || (by.size > 0 && !PER_ROLE.has(pattern))) continue;
      by.add(who);
      visitedBy.set(pattern, by);
      plan.get(who)!.push(route);
    }
  }
  return plan;
}
const PLAN = crawlPlan();

describe('every page in Bokmål, Nynorsk and English, in Chromium (issue 25)', function () {
  this.timeout(120_000);
  const e2e = setUpE2e();
  const users = new Map<string, BuiltUser>();
  let ids: Ids;

  before(async () => {
    const db = e2e.live.db;
    const org = await buildOrganisation(db, { name: 'Språkvik kommune' });
    const now = e2e.live.clock.now();
    const [unit] = await insertReturningIds(db, 'units', [
      { organisation_id: org, name: 'Hjemmetjenesten', kind: 'home_care', created_at: now.toISO() },
    ]);
    const ownSkill = await buildSkill(db, org, { nameNb: 'Erfaring med demens', nameEn: 'Experience of dementia' });
    const otherSkill = await buildSkill(db, org, { nameNb: 'Tolk', nameEn: 'Interpreter', category: 'language' });
    const ownRep = await buildRepresentative(db, org, {
      name: 'Åse Ødegård',
      consents: ['roster', 'email_contact', 'health_experience'],
      skills: [
        { skillId: ownSkill, level: 2 },
        { skillId: otherSkill, level: 1 },
      ],
    });
    const secondRep = await buildRepresentative(db, org, { name: 'Bjørn Berg', kind: 'next_of_kin' });
    const ownProject = await buildProject(db, org, {
      title: 'Trygg utskriving',
      seats: 3,
      startsOn: now.minus({ months: 2 }).toISODate()!,
      endsOn: now.plus({ months: 6 }).toISODate()!,
    });
    await db('projects').where({ id: ownProject }).update({ unit_id: unit, phase: 'running' });
    await buildRequirements(db, ownProject, [{ skillId: ownSkill, must: true, minLevel: 1 }, { skillId: otherSkill }]);
    const meeting = await buildMeeting(db, org, ownProject, {
      startsAt: now.plus({ weeks: 2 }).toISO()!,
      endsAt: now.plus({ weeks: 2, hours: 2 }).toISO()!,
      agenda: 'Utkast til utskrivingsbrev',
    });
    await buildInvitation(db, org, { projectId: ownProject, representativeId: ownRep, status: 'accepted' });
    await buildInvitation(
      db,
      org,
      { projectId: ownProject, representativeId: secondRep, status: 'sent' },
      { channel: 'letter', sentAt: now.toISO()! },
    );
    await buildInvolvement(
      db,
      org,
      { projectId: ownProject, representativeId: ownRep, occurredOn: now.minus({ weeks: 1 }).toISODate()! },
      { meetingId: meeting, minutes: 90, attended: true, honorariumOre: 45000 },
    );
    await buildImpact(db, org, ownProject);
    const target = await buildUser(db, org, { role: 'facilitator', name: 'Frida Fasilitator' });
    ids = {
      ...walkIds(ownProject, ownRep),
      own: target.id,
      ownSkill,
      ownContact: await buildContact(db, org, { name: 'Kari Kontakt', email: 'kari@test.example' }),
      ownMail: await buildOutboxMessage(db, org),
      ownRequest: await buildRepresentativeRequest(db, org, ownRep),
    };
    for (const role of ['admin', 'facilitator', 'supervisor'] as const) {
      for (const language of LANGUAGES) {
        const user = await buildUser(db, org, { role, name: `Test ${role} ${language}` });
        // the builder knows Bokmål and English; Nynorsk is written as the app writes a user's choice
        await db('users').where({ id: user.id }).update({ locale: language });
        users.set(`${role}:${language}`, user);
      }
    }
    await db('organisations').where({ id: org }).increment('roster_version', 1);
  });

  it('visits every pattern a role reaches once, with the most privileged role, and / with each role', () => {
    const visited = [...PLAN.values()].flat().map(patternOf);
    for (const who of ROLES) {
      for (const route of ROUTES) {
        if (route.method !== 'GET' || expected(route, who) !== 200 || NOT_A_PAGE.test(patternOf(route))) continue;
        expect(visited, `${patternOf(route)} (${who})`).to.include(patternOf(route));
      }
    }
    expect(new Set(visited).size).to.equal(visited.length - ROLES.length + 1);
    for (const who of ROLES) expect(PLAN.get(who)!.map(patternOf), who).to.include('/');
  });

  // the three languages side by side, each in its own browser context, to keep the crawl short
  for (const who of ROLES) {
    describe(`as ${who}`, () => {
      const contexts: BrowserContext[] = [];
      const pages = new Map<Language, Page>();
      before(async () => {
        for (const language of LANGUAGES) {
          const context = await e2e.browser.newContext({
            locale: BROWSER_LOCALE[who === 'anonymous' ? language : OTHER[language]],
          });
          contexts.push(context);
          pages.set(
            language,
            who === 'anonymous'
              ? await context.newPage()
              : await signInInBrowser(context, e2e.live.baseUrl, users.get(`${who}:${language}`)!),
          );
        }
      });
      after(() => Promise.all(contexts.map((c) => c.close())));

      for (const route of PLAN.get(who)!) {
        const pattern = patternOf(route);
        it(`${pattern}: 200, lang and no axe violations in ${LANGUAGES.join(', ')}`, async () => {
          const path = route.path(ids);
          expect(path, `${pattern}: an id the crawl did not build`).not.to.match(/\/0(?=\/|$|\?)/);
          const problems = await Promise.all(
            LANGUAGES.map(async (language) => {
              const label = `${path} as ${who} in ${language}`;
              const page = pages.get(language)!;
              try {
                const response = await page.goto(e2e.live.baseUrl + path);
                expect(response?.status(), `${label}: status`).to.equal(200);
                expect(response?.headers()['content-type'], `${label}: content type`).to.match(/^text\/html/);
                expect(await page.getAttribute('html', 'lang'), `${label}: <html lang>`).to.equal(language);
                await expectNoAxeViolations(page, label);
                return undefined;
              } catch (err) {
                return err as Error;
              }
            }),
          );
          const failed = problems.filter((p): p is Error => p !== undefined);
          // one language failing shows its own diff; several, each one's message
          const [only] = failed;
          if (only && failed.length === 1) throw only;
          expect(
            failed.map((e) => e.message),
            `${pattern} as ${who}`,
          ).to.deep.equal([]);
        });
      }
    });
  }
});
