import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { buildOrganisation, buildUser, type BuiltUser } from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';
import { totpCode } from '../../src/features/auth/totp.js';

const TEXT = {
  nb: {
    step: 'Bekreft at det er deg',
    required: 'Sett opp en ekstra faktor for å gå videre',
    recovery: 'Du logget inn med en gjenopprettingskode. Du har 9 igjen',
    welcome: 'Velkommen, Nina Nynorsk',
  },
  en: {
    step: 'Confirm that it is you',
    required: 'Set up a second factor to go on',
    recovery: 'You signed in with a recovery code. You have 9 left',
    welcome: 'Welcome, Nina Nynorsk',
  },
} as const;

describe('the second factor and new users’ welcome links in Chromium (axe in both languages)', () => {
  const e2e = setUpE2e({ smtp: true });
  let org: number;

  before(async () => {
    org = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
  });

  const base = () => e2e.live.baseUrl;
  /** The code the app shows at the live app's clock (the test moves it a step at a time, so a code is never reused). */
  const codeNow = (secret: string) => totpCode(secret, e2e.live.clock.now().toMillis());
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });

  async function passwordStep(page: Page, user: BuiltUser): Promise<void> {
    await page.goto(`${base()}/login`);
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(user.password);
    await page.locator('form.app-form button[type=submit]').click();
    await page.waitForURL(`${base()}/login/second-factor`);
  }

  const signOut = async (page: Page) => {
    await page.goto(`${base()}/logout`);
    await page.locator('main form[action="/logout"] button[type=submit]').click();
    await page.waitForURL(`${base()}/login`);
  };

  for (const locale of ['nb', 'en'] as const) {
    it(`sets up an app, then signs in with a code and with a recovery code (${locale})`, async () => {
      const user = await buildUser(e2e.live.db, org, { role: 'facilitator', locale, name: `Tove ${locale}` });
      const context = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await signInInBrowser(context, base(), user);
      await page.goto(`${base()}/account/security`);
      await expectNoAxeViolations(page, `/account/security (${locale})`);
      await page.locator('form[action="/account/security/totp/start"] button').click();
      await page.waitForURL(`${base()}/account/security/totp`);
      // the QR code is an image made on the server, loaded from the session's own address
      const qrLoaded = await page.locator('img.app-qr').evaluate((img: HTMLImageElement) => img.naturalWidth > 0);
      expect(qrLoaded).to.equal(true);
      await expectNoAxeViolations(page, `/account/security/totp (${locale})`);
      await shot(page, `${locale}_second_factor_set_up`);
      const secret = (await page.locator('#totp-secret').textContent())!.replace(/\s/g, '');

      // a wrong code first: refused where it was typed, nothing turned on
      await page.locator('#code').fill('000000');
      await page.locator('form[action="/account/security/totp"] button[type=submit]').click();
      expect(await page.locator('#code-error').count()).to.equal(1);
      await expectNoAxeViolations(page, `/account/security/totp with an error (${locale})`);
      await page.locator('#code').fill(codeNow(secret));
      await page.locator('form[action="/account/security/totp"] button[type=submit]').click();
      await page.waitForURL(`${base()}/account/security/recovery-codes`);
      await expectNoAxeViolations(page, `/account/security/recovery-codes (${locale})`);
      await shot(page, `${locale}_recovery_codes`);
      const codes = await page.locator('.app-codes code').allTextContents();
      expect(codes).to.have.length(10);
      await signOut(page);

      // with a code from the app, a step later
      e2e.live.clock.advance({ seconds: 30 });
      await passwordStep(page, user);
      expect(await page.locator('h1').textContent()).to.equal(TEXT[locale].step);
      await expectNoAxeViolations(page, `/login/second-factor (${locale})`);
      await shot(page, `${locale}_second_factor_step`);
      await page.locator('#code').fill(codeNow(secret));
      await page.locator('form[action="/login/second-factor"] button[type=submit]').click();
      await page.waitForURL(`${base()}/`);
      await signOut(page);

      // with a recovery code
      await passwordStep(page, user);
      await page.locator('#code').fill(codes[0]!);
      await page.locator('form[action="/login/second-factor"] button[type=submit]').click();
      await page.waitForURL(`${base()}/`);
      expect(await page.locator('.app-flash').textContent()).to.contain(TEXT[locale].recovery);
      // the same recovery code a second time is refused on the code step
      await signOut(page);
      await passwordStep(page, user);
      await page.locator('#code').fill(codes[0]!);
      await page.locator('form[action="/login/second-factor"] button[type=submit]').click();
      expect(await page.locator('#code-error').count()).to.equal(1);
      await expectNoAxeViolations(page, `/login/second-factor with an error (${locale})`);
      expect(new URL(page.url()).pathname).to.equal('/login/second-factor');
      await context.close();
    });
  }

  it('takes a user without a second factor to set-up right after sign-in when the organisation requires one', async () => {
    const own = await buildOrganisation(e2e.live.db, { name: 'Krav kommune' });
    const admin = await buildUser(e2e.live.db, own, { role: 'admin', locale: 'en' });
    const context = await e2e.browser.newContext({ locale: 'en-GB' });
    const page = await signInInBrowser(context, base(), admin);
    await page.goto(`${base()}/admin/settings`);
    await page.locator('#requireSecondFactor-0').check();
    await page.locator('form[action="/admin/settings/sign-in"] button[type=submit]').click();
    // the admin is the first to be asked (the settings page's fragment comes along through the redirect)
    await page.waitForURL(/\/account\/security(#.*)?$/);
    await context.close();

    for (const locale of ['nb', 'en'] as const) {
      const user = await buildUser(e2e.live.db, own, { role: 'supervisor', locale });
      const fresh = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const next = await fresh.newPage();
      await next.goto(`${base()}/login`);
      await next.locator('#email').fill(user.email);
      await next.locator('#password').fill(user.password);
      await next.locator('form.app-form button[type=submit]').click();
      await next.waitForURL(`${base()}/account/security`);
      expect(await next.locator('.ds-alert h2').textContent()).to.equal(TEXT[locale].required);
      await expectNoAxeViolations(next, `/account/security, required (${locale})`);
      await next.goto(`${base()}/reports`);
      expect(new URL(next.url()).pathname).to.equal('/account/security');
      await fresh.close();
    }
  });

  for (const locale of ['nb', 'en'] as const) {
    it(`a new user invited by e-mail chooses a password through the link from the SMTP server (${locale})`, async () => {
      const admin = await buildUser(e2e.live.db, org, { role: 'admin', locale: 'en' });
      const context = await e2e.browser.newContext({ locale: 'en-GB' });
      const page = await signInInBrowser(context, base(), admin);
      await page.goto(`${base()}/admin/users/new`);
      const email = `nina.${locale}@test.example`;
      await page.locator('#name').fill('Nina Nynorsk');
      await page.locator('#email').fill(email);
      await page.locator('#locale').selectOption(locale);
      expect(await page.locator('#access-0').isChecked()).to.equal(true);
      await page.locator('form.app-form button[type=submit]').click();
      await page.waitForURL(/\/admin\/users\/\d+$/);
      await context.close();

      const mail = await e2e.smtp.waitForMail(email);
      const url = /(http:\/\/127\.0\.0\.1:\d+\/welcome\/[A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
      const invited = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const welcome = await invited.newPage();
      const res = await welcome.goto(url);
      expect(res?.status()).to.equal(200);
      expect(await welcome.locator('h1').textContent()).to.equal(TEXT[locale].welcome);
      await expectNoAxeViolations(welcome, `/welcome/:token (${locale})`);
      await shot(welcome, `${locale}_welcome`);
      await welcome.locator('#newPassword').fill('a long and private passphrase');
      await welcome.locator('#confirmPassword').fill('a long and private passphrase');
      await welcome.locator('form.app-form button[type=submit]').click();
      await welcome.waitForURL(`${base()}/`);
      // the link is used up
      const again = await welcome.goto(url);
      expect(again?.status()).to.equal(410);
      await expectNoAxeViolations(welcome, `/welcome/:token used (${locale})`);
      await invited.close();
    });
  }
});
