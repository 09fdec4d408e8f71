import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContext } from 'playwright-core';
import { expectNoAxeViolations } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';

describe('public pages in Chromium', () => {
  const e2e = setUpE2e();

  for (const locale of ['nb', 'en'] as const) {
    describe(`in ${locale === 'nb' ? 'Norwegian Bokmål' : 'English'}`, () => {
      let context: BrowserContext;
      beforeEach(async () => {
        context = await e2e.browser.newContext({
          locale: locale === 'nb' ? 'nb-NO' : 'en-GB',
          javaScriptEnabled: true,
        });
      });
      afterEach(() => context.close());

      for (const pagePath of ['/', '/privacy', '/accessibility', '/no-such-page']) {
        it(`shows ${pagePath} with lang="${locale}" and no axe violations`, async () => {
          const page = await context.newPage();
          const response = await page.goto(e2e.live.baseUrl + pagePath);
          expect(response?.status()).to.equal(pagePath === '/no-such-page' ? 404 : 200);
          expect(await page.getAttribute('html', 'lang')).to.equal(locale);
          expect(await page.locator('h1').count()).to.equal(1);
          await expectNoAxeViolations(page, `${pagePath} (${locale})`);
          await page.screenshot({
            path: path.join(screenshotDir, `${locale}${pagePath.replace(/\//g, '_') || '_'}.png`),
            fullPage: true,
          });
        });
      }
    });
  }

  it('reaches the skip link first by keyboard and moves focus to the main content', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await context.newPage();
    await page.goto(`${e2e.live.baseUrl}/privacy`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).to.equal('#main');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('main');
    await context.close();
  });

  it('switches language with the header button, without JavaScript, and remembers it', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${e2e.live.baseUrl}/accessibility`);
    expect(await page.locator('h1').textContent()).to.equal('Tilgjengelighetserklæring');
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/accessibility`);
    expect(await page.locator('h1').textContent()).to.equal('Accessibility statement');
    await page.goto(`${e2e.live.baseUrl}/privacy`);
    expect(await page.getAttribute('html', 'lang')).to.equal('en');
    await page.getByRole('button', { name: 'Norsk (bokmål)' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/privacy`);
    expect(await page.getAttribute('html', 'lang')).to.equal('nb');
    await context.close();
  });

  it('reads well on a phone: no horizontal scrolling at 360 px', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${e2e.live.baseUrl}/privacy`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).to.be.at.most(0);
    await page.screenshot({ path: path.join(screenshotDir, 'phone_privacy.png'), fullPage: false });
    await context.close();
  });
});
