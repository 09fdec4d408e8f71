import path from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { insertInChunks, insertReturningIds } from '../../src/db.js';
import { searchKey, sortKey } from '../../src/lib/text.js';
import {
  buildOrganisation,
  buildProject,
  buildRequirements,
  buildSkill,
  buildUser,
  type BuiltUser,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';

// Issue 17 item 2: the matches page of a 10,000-person roster is a compact ranked list, ten at a time with "show
// more", each row with the fit in words and a bar, two or three reasons and the whole why on demand; at the desktop
// width it is under 3,000 px tall, and axe finds nothing in either language.

const ROSTER = 10_000;
const KINDS = ['patient', 'next_of_kin', 'user_organisation'] as const;

describe('the matches page of a 10,000-person roster (issue 17 item 2)', () => {
  const e2e = setUpE2e();
  const users: Partial<Record<'nb' | 'en', BuiltUser>> = {};
  let project: number;

  before(async function () {
    this.timeout(120_000);
    const db = e2e.live.db;
    const org = await buildOrganisation(db);
    users.nb = await buildUser(db, org, { role: 'facilitator' });
    users.en = await buildUser(db, org, { role: 'facilitator', locale: 'en' });
    const interpreting = await buildSkill(db, org, { nameNb: 'Tolking', nameEn: 'Interpreting' });
    const statistics = await buildSkill(db, org, { nameNb: 'Statistikk', nameEn: 'Statistics' });
    const writing = await buildSkill(db, org, { nameNb: 'Klarspråk', nameEn: 'Plain language' });
    project = await buildProject(db, org, { title: 'Trygg utskriving', seats: 4 });
    await buildRequirements(db, project, [
      { skillId: interpreting, must: true, minLevel: 2 },
      { skillId: statistics, must: false, minLevel: 1 },
      { skillId: writing, must: false, minLevel: 3 },
    ]);
    const earlier = await buildProject(db, org, { title: 'Tidligere prosjekt', startsOn: '2020-01-01' });

    // the roster in bulk, as seeds/large.ts does: a few statements of hundreds of rows, not 10,000 round trips
    const now = DateTime.utc();
    const nowIso = now.toISO();
    const ids = await insertReturningIds(
      db,
      'representatives',
      Array.from({ length: ROSTER }, (_, i) => {
        const name = `Person ${String(i + 1).padStart(5, '0')}`;
        return {
          organisation_id: org,
          name,
          search_key: searchKey(name),
          sort_key: sortKey(name),
          email: `person${i + 1}@test.example`,
          phone: null,
          locale: 'nb',
          kind: KINDS[i % 3],
          // one in seven is not active yet, and left out
          status: i % 7 === 6 ? 'prospective' : 'active',
          area: `Bydel ${1 + (i % 12)}`,
          languages: i % 10 === 9 ? 'en' : 'nb',
          preferred_contact: 'email',
          email_undeliverable: false,
          created_at: nowIso,
          updated_at: nowIso,
        };
      }),
      400,
    );
    await insertInChunks(
      db,
      'consents',
      ids.flatMap((id) =>
        ['roster', 'email_contact'].map((purpose) => ({
          organisation_id: org,
          representative_id: id,
          purpose,
          given_at: nowIso,
          method: 'written',
        })),
      ),
      1000,
    );
    await insertInChunks(
      db,
      'representative_skills',
      ids.flatMap((id, i) => [
        { representative_id: id, skill_id: interpreting, level: 1 + (i % 3) },
        ...(i % 2 ? [{ representative_id: id, skill_id: statistics, level: 1 + (i % 3) }] : []),
        ...(i % 5 === 0 ? [{ representative_id: id, skill_id: writing, level: 1 + ((i >> 1) % 3) }] : []),
      ]),
      1000,
    );
    // one in four has taken part in the last year, some of them twice, so that the reasons differ
    await insertInChunks(
      db,
      'involvements',
      ids.flatMap((id, i) =>
        i % 4 === 0
          ? Array.from({ length: 1 + (i % 3 === 0 ? 1 : 0) }, (_, k) => ({
              organisation_id: org,
              project_id: earlier,
              representative_id: id,
              meeting_id: null,
              occurred_on: now.minus({ months: 1 + ((i + k * 5) % 11) }).toISODate(),
              activity: 'meeting',
              minutes: 120,
              preparation_minutes: 0,
              level_delivered: 'involve',
              attended: true,
              in_person: true,
              as_part_of_paid_job: false,
              honorarium_ore: 0,
              paid_minutes: 0,
              travel_cost_ore: 0,
              payment_declined: false,
              note: '',
              created_at: nowIso,
            }))
          : [],
      ),
      1000,
    );
    await db('organisations').where({ id: org }).increment('roster_version', 1);
  });

  const open = async (locale: 'nb' | 'en', query = ''): Promise<Page> => {
    const context = await e2e.browser.newContext({
      locale: locale === 'nb' ? 'nb-NO' : 'en-GB',
      viewport: { width: 1280, height: 800 },
    });
    const page = await signInInBrowser(context, e2e.live.baseUrl, users[locale]!);
    const response = await page.goto(`${e2e.live.baseUrl}/projects/${project}/matches${query}`);
    expect(response?.status()).to.equal(200);
    return page;
  };

  const words = {
    nb: {
      heading: 'De 10 beste av',
      fits: ['Svært godt egnet', 'Godt egnet', 'Delvis egnet'],
      more: 'Vis 10 til',
      capped: 'Bare de 50 beste vises.',
    },
    en: {
      heading: 'The best 10 of',
      fits: ['Very good fit', 'Good fit', 'Partial fit'],
      more: 'Show 10 more',
      capped: 'Only the best 50 are shown.',
    },
  };

  for (const locale of ['nb', 'en'] as const) {
    it(`shows the best ten compactly, under 3,000 px at 1280 px wide, with no axe findings (${locale})`, async () => {
      const page = await open(locale);
      const text = words[locale];
      expect(await page.locator('#ranked-heading').innerText()).to.contain(text.heading);
      const rows = page.locator('li.app-candidate');
      expect(await rows.count()).to.equal(10);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.screenshot({ path: path.join(screenshotDir, `matching-page-10000-${locale}.png`), fullPage: true });
      expect(height, 'the page height in px').to.be.below(3000);
      // each row: the fit in words and a bar, and at most three reasons
      const first = rows.first();
      expect(text.fits).to.include((await first.locator('.app-score-bar__words').innerText()).trim());
      expect(await first.locator('meter').count()).to.equal(1);
      expect(await first.locator('.app-ranked__reasons li').count()).to.be.within(1, 3);
      await expectNoAxeViolations(page, `matches of 10,000 (${locale})`);

      // the whole why opens on demand, without script
      await first.locator('details.app-ranked__why summary').click();
      expect(await first.locator('details.app-ranked__why[open] li').count()).to.be.greaterThan(2);
      await expectNoAxeViolations(page, `matches of 10,000 with a why open (${locale})`);

      // "show more" adds ten and lands on the first of them
      await page.getByRole('link', { name: text.more }).click();
      await page.waitForURL(/shown=20#candidate-\d+$/);
      expect(await rows.count()).to.equal(20);
      const target = await page.evaluate(() => document.querySelector(':target')?.id ?? null);
      expect(target).to.equal(await rows.nth(10).getAttribute('id'));
      await expectNoAxeViolations(page, `matches of 10,000, twenty shown (${locale})`);

      // at most fifty, and then the look-up finds the others
      await page.goto(`${e2e.live.baseUrl}/projects/${project}/matches?shown=50`);
      expect(await rows.count()).to.equal(50);
      expect(await page.locator('.app-show-more').innerText()).to.contain(text.capped);
      await page.context().close();
    });
  }
});
