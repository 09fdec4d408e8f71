import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { buildOrganisation, buildOutboxMessage, buildUser, type BuiltUser } from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';

const NEW_PASSWORD = 'winter light over the fjord';

/** Reloads the page until the locator shows up: the worker delivers in the background, as in `npm start`. */
async function reloadUntilVisible(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 40; i += 1) {
    if ((await page.locator(selector).count()) > 0) return;
    await page.waitForTimeout(250);
    await page.reload();
  }
  throw new Error(`${selector} never appeared`);
}

describe('password reset through the development mailbox, in Chromium', () => {
  const e2e = setUpE2e();
  let admin: BuiltUser;
  let facilitator: BuiltUser;
  let orgId: number;

  before(async () => {
    orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    admin = await buildUser(e2e.live.db, orgId, { role: 'admin', name: 'Anne Admin' });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
  });

  it('asks for a link, finds the e-mail in the mailbox, follows its link and signs in with the new password', async () => {
    // the facilitator has forgotten the password
    const visitor = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await visitor.newPage();
    await page.goto(`${e2e.live.baseUrl}/login`);
    await page.getByRole('link', { name: 'Glemt passordet?' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/password/forgot`);
    await expectNoAxeViolations(page, '/password/forgot');
    await page.locator('#email').fill(facilitator.email);
    await page.getByRole('button', { name: 'Send lenke' }).click();
    expect(await page.locator('h1').textContent()).to.equal('Sjekk e-posten din');
    await expectNoAxeViolations(page, '/password/forgot (sent)');

    // the admin reads the captured e-mail
    const adminContext = await e2e.browser.newContext({ locale: 'nb-NO' });
    const adminPage = await signInInBrowser(adminContext, e2e.live.baseUrl, admin);
    // the mailbox is under Administration, which folds into a dropdown in the header
    await adminPage.locator('.app-nav--bar summary', { hasText: 'Administrasjon' }).click();
    await adminPage.getByRole('link', { name: 'Testpostkasse' }).click();
    await adminPage.waitForURL(`${e2e.live.baseUrl}/admin/mailbox`);
    await reloadUntilVisible(adminPage, 'a:has-text("Velg nytt passord i Medvirk")');
    await expectNoAxeViolations(adminPage, '/admin/mailbox');
    await adminPage.getByRole('link', { name: 'Velg nytt passord i Medvirk' }).click();
    await expectNoAxeViolations(adminPage, '/admin/mailbox/:id');
    await adminPage.screenshot({ path: path.join(screenshotDir, 'nb_mailbox_message.png'), fullPage: true });
    const link = await adminPage.locator('pre a[href*="/password/reset/"]').getAttribute('href');
    expect(link).to.match(new RegExp(`^${e2e.live.baseUrl}/password/reset/[A-Za-z0-9_-]{43}$`));

    // the HTML version is the e-mail as a mail program would show it: sandboxed (no script runs in it), so axe
    // is run on it in a context that bypasses the page's CSP
    const htmlHref = await adminPage.getByRole('link', { name: 'Vis HTML-versjonen' }).getAttribute('href');
    await adminPage.getByRole('link', { name: 'Vis HTML-versjonen' }).click();
    expect(await adminPage.locator('a', { hasText: 'Velg nytt passord' }).getAttribute('href')).to.equal(link);
    const inspector = await e2e.browser.newContext({ locale: 'nb-NO', bypassCSP: true });
    const inspected = await signInInBrowser(inspector, e2e.live.baseUrl, admin);
    await inspected.goto(`${e2e.live.baseUrl}${htmlHref}`);
    await expectNoAxeViolations(inspected, '/admin/mailbox/:id/html');
    await inspector.close();

    await adminPage.goto(`${e2e.live.baseUrl}/admin/outbox`);
    await expectNoAxeViolations(adminPage, '/admin/outbox');
    expect(await adminPage.locator('table').textContent()).to.contain(facilitator.email);

    // the link works: a new password, then sign-in with it
    await page.goto(link!);
    await expectNoAxeViolations(page, '/password/reset/:token');
    await page.locator('#newPassword').fill('short');
    await page.locator('#confirmPassword').fill('short');
    await page.getByRole('button', { name: 'Lagre nytt passord' }).click();
    expect(await page.locator('.ds-error-summary').count()).to.equal(1);
    await expectNoAxeViolations(page, '/password/reset/:token with errors');
    await page.locator('#newPassword').fill(NEW_PASSWORD);
    await page.locator('#confirmPassword').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Lagre nytt passord' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/login`);
    expect(await page.locator('.app-flash').textContent()).to.contain('Passordet er byttet');
    await page.locator('#email').fill(facilitator.email);
    await page.locator('#password').fill(NEW_PASSWORD);
    await page.locator('form.app-form button[type=submit]').click();
    await page.waitForURL(`${e2e.live.baseUrl}/`);
    expect(await page.locator('h1').textContent()).to.contain('Kari Tilrettelegger');

    // a second visit to the same link is refused
    await page.goto(link!);
    expect(await page.locator('h1').textContent()).to.equal('Lenken virker ikke lenger');
    await expectNoAxeViolations(page, '/password/reset/:token (used)');
    await visitor.close();
    await adminContext.close();
  });

  it('shows failed e-mail with a retry button that works by keyboard, in English too, on a phone', async () => {
    await buildOutboxMessage(e2e.live.db, orgId, { status: 'failed', subject: 'Invitation that bounced' });
    const englishAdmin = await buildUser(e2e.live.db, orgId, { role: 'admin', name: 'Alex Admin', locale: 'en' });
    const context = await e2e.browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
    const page = await signInInBrowser(context, e2e.live.baseUrl, englishAdmin);
    await page.goto(`${e2e.live.baseUrl}/admin/outbox?status=failed`);
    await expectNoAxeViolations(page, '/admin/outbox?status=failed (en, 360 px)');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'no sideways scrolling of the page').to.be.at.most(360);
    await page.screenshot({ path: path.join(screenshotDir, 'en_outbox_failed_phone.png'), fullPage: true });
    await page.getByRole('button', { name: /Send again/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${e2e.live.baseUrl}/admin/outbox`);
    expect(await page.locator('.app-flash').textContent()).to.contain('queued and will be sent again');
    await context.close();
  });
});
