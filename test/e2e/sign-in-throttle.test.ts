import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { buildOrganisation, buildUser, type BuiltUser } from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { setUpE2e } from '../helpers/e2e.js';

// Issue 15, finding 11: the sign-in page and the password change page say in the reader's language when to try
// again, and stay accessible while they do
describe('the sign-in throttle in Chromium', () => {
  const e2e = setUpE2e();
  let user: BuiltUser;
  let other: BuiltUser;

  before(async () => {
    const orgId = await buildOrganisation(e2e.live.db);
    user = await buildUser(e2e.live.db, orgId, { role: 'facilitator' });
    other = await buildUser(e2e.live.db, orgId, { role: 'facilitator', locale: 'en' });
  });

  async function tryPassword(page: Page, email: string, password: string) {
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await page.locator('form.app-form button[type=submit]').click();
    await page.waitForLoadState();
  }

  for (const [locale, message] of [
    ['nb-NO', 'For mange mislykkede forsøk. Prøv igjen om 1 minutt.'],
    ['en-GB', 'Too many failed attempts. Try again in 1 minute.'],
  ] as const) {
    it(`says on the sign-in page when to try again (${locale}), keeping the address, with no axe violations`, async () => {
      const context = await e2e.browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto(`${e2e.live.baseUrl}/login`);
      const email = locale === 'nb-NO' ? user.email : other.email;
      for (let i = 0; i < 6; i += 1) await tryPassword(page, email, `wrong password number ${i}`);
      expect(await page.locator('.ds-error-summary').textContent()).to.contain(message);
      expect(await page.locator('#email').inputValue()).to.equal(email);
      await expectNoAxeViolations(page, `/login, throttled (${locale})`);
      await context.close();
    });
  }

  it('says on the password change page when to try again, with no axe violations', async () => {
    e2e.live.clock.advance({ hours: 25 });
    const context = await e2e.browser.newContext({ locale: 'en-GB' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, other);
    await page.goto(`${e2e.live.baseUrl}/password/change`);
    for (let i = 0; i < 6; i += 1) {
      await page.locator('#currentPassword').fill(`wrong current password ${i}`);
      await page.locator('#newPassword').fill('a brand new passphrase for medvirk');
      await page.locator('#confirmPassword').fill('a brand new passphrase for medvirk');
      await page.locator('form.app-form button[type=submit]').click();
      await page.waitForLoadState();
    }
    expect(await page.locator('.ds-error-summary').textContent()).to.contain('Try again in 1 minute.');
    await expectNoAxeViolations(page, '/password/change, throttled (en)');
    await context.close();
  });
});
