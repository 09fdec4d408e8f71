import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { DEMO_LOGINS, seedDemo } from '../../seeds/demo.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';
import { one, table } from '../helpers/rows.js';

// Issue 18 item 1: the demo organisation as a newcomer sees it on first start, in Chromium: populated pages,
// axe-clean, with screenshots on a desktop and a 360 px phone (test/.tmp/screenshots/demo/).

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 360, height: 740 },
] as const;
type Role = (typeof DEMO_LOGINS)[number]['role'];

describe('the demo organisation in Chromium (issue 18)', function () {
  this.timeout(90_000);
  const e2e = setUpE2e();
  const dir = path.join(screenshotDir, 'demo');
  let planning: number;

  before(async () => {
    const { db, config, clock } = e2e.live;
    await seedDemo(db, config, clock);
    // as on a first `npm start`, the jobs run over the demo (the live app's worker ran them on the empty database
    // before the seed): the lifecycle job ends the pause that ended yesterday and writes the dashboard's notices
    await db('jobs').update({ next_run_at: clock.now().toISO() });
    await e2e.live.services.runtime.scheduler.runDue();
    fs.mkdirSync(dir, { recursive: true });
    planning = (await one(table(db, 'projects').where({ phase: 'planning' }).orderBy('id').first('id'))).id;
  });

  async function visit(page: Page, url: string, label: string, shot?: string) {
    const response = await page.goto(`${e2e.live.baseUrl}${url}`);
    expect(response?.status(), label).to.equal(200);
    expect(await page.locator('.app-empty').count(), `${label}: an empty part`).to.equal(0);
    await expectNoAxeViolations(page, label);
    if (shot) await page.screenshot({ path: path.join(dir, `${shot}.png`), fullPage: true });
  }

  async function signedIn(browser: Browser, role: Role, viewport: (typeof VIEWPORTS)[number]) {
    const context = await browser.newContext({
      locale: 'nb-NO',
      viewport: { width: viewport.width, height: viewport.height },
    });
    const page = await signInInBrowser(
      context,
      e2e.live.baseUrl,
      DEMO_LOGINS.find((l) => l.role === role)!,
    );
    return { context, page };
  }

  for (const viewport of VIEWPORTS) {
    it(`shows the facilitator a living network (${viewport.name})`, async () => {
      const { context, page } = await signedIn(e2e.browser, 'facilitator', viewport);
      try {
        await visit(page, '/', `facilitator dashboard (${viewport.name})`, `${viewport.name}-facilitator-dashboard`);
        expect(await page.locator('a[href$="/matches"]').count()).to.be.at.least(2);
        // the worklist's "since last time": the pause that ended, the training and the term that ran out, the data review
        expect(await page.locator('li[data-item^="notice:"]').count()).to.be.at.least(4);
        await visit(page, '/reports', `facilitator report (${viewport.name})`, `${viewport.name}-facilitator-report`);
        const bars = await page
          .locator('rect.app-chart__bar')
          .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
        expect(bars.filter((h) => h > 0).length, 'months with bars').to.be.at.least(9);
        if (viewport.name === 'desktop') {
          await visit(page, `/projects/${planning}/matches`, 'matching', 'desktop-facilitator-matching');
          expect(await page.locator('.app-candidate').count()).to.be.at.least(3);
          await page.locator('details.app-details summary').first().click();
          expect(await page.locator('details.app-details .app-bullets li').count()).to.be.at.least(5);
          await visit(page, '/payments', 'payments (last month)', 'desktop-facilitator-payments');
          expect(await page.locator('table').first().locator('tbody tr').count()).to.be.at.least(5);
          await visit(page, '/representatives', 'roster', 'desktop-facilitator-roster');
          expect(await page.locator('a[href^="/representatives/"]').count()).to.be.at.least(20);
        }
      } finally {
        await context.close();
      }
    });

    it(`shows the supervisor the figures, with small numbers kept small (${viewport.name})`, async () => {
      const { context, page } = await signedIn(e2e.browser, 'supervisor', viewport);
      try {
        await visit(page, '/', `supervisor dashboard (${viewport.name})`, `${viewport.name}-supervisor-dashboard`);
        const people = (await page.locator('[data-people]').first().textContent())?.trim();
        expect(Number(people), 'people who took part').to.be.at.least(5);
        await visit(page, '/reports', `supervisor report (${viewport.name})`, `${viewport.name}-supervisor-report`);
        expect(await page.locator('rect.app-chart__bar').count()).to.equal(12);
      } finally {
        await context.close();
      }
    });
  }

  it('shows the admin the development mailbox, with the e-mail the demo sent', async () => {
    const { context, page } = await signedIn(e2e.browser, 'admin', VIEWPORTS[0]);
    try {
      await visit(page, '/admin/mailbox', 'dev mailbox', 'desktop-admin-mailbox');
      expect(await page.locator('a[href^="/admin/mailbox/"]').count()).to.be.at.least(10);
      await page.locator('a[href^="/admin/mailbox/"]').first().click();
      await page.waitForURL(/\/admin\/mailbox\/\d+$/);
      await expectNoAxeViolations(page, 'a message in the dev mailbox');
      await page.screenshot({ path: path.join(dir, 'desktop-admin-mailbox-message.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
