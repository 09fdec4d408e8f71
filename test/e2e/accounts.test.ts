import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { buildOrganisation, buildUser, type BuiltUser } from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';

describe('accounts in Chromium', () => {
  const e2e = setUpE2e();
  const users = {} as Record<'admin' | 'facilitator' | 'supervisor', BuiltUser>;
  let other: BuiltUser;
  let switcher: BuiltUser;

  before(async () => {
    const orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    for (const role of ['admin', 'facilitator', 'supervisor'] as const) {
      users[role] = await buildUser(e2e.live.db, orgId, { role, name: `Demo ${role}` });
    }
    other = await buildUser(e2e.live.db, orgId, { role: 'supervisor', name: 'Åse Ødegård' });
    switcher = await buildUser(e2e.live.db, orgId, { role: 'facilitator', name: 'Demo switcher' });
  });

  const signInAs = (context: BrowserContext, user: BuiltUser): Promise<Page> =>
    signInInBrowser(context, e2e.live.baseUrl, user);

  it('signs in, switches language and signs out, by keyboard and without JavaScript', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${e2e.live.baseUrl}/login`);
    await page.locator('#email').focus();
    await page.keyboard.type(switcher.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(switcher.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${e2e.live.baseUrl}/`);
    expect(await page.locator('h1').textContent()).to.equal('Velkommen, Demo switcher');
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/`);
    expect(await page.locator('h1').textContent()).to.equal('Welcome, Demo switcher');
    expect(await page.getAttribute('html', 'lang')).to.equal('en');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/login`);
    expect(await page.locator('.app-flash').textContent()).to.contain('You are signed out');
    // the language choice stays with the browser after signing out, and with the user at the next sign-in
    expect(await page.getAttribute('html', 'lang')).to.equal('en');
    await context.close();
    const fresh = await e2e.browser.newContext({ locale: 'nb-NO' });
    const again = await signInAs(fresh, switcher);
    expect(await again.locator('h1').textContent()).to.equal('Welcome, Demo switcher');
    await fresh.close();
  });

  it('shows each role its own navigation', async () => {
    const expected = {
      // issue 17: grouped (people, project work, reports, administration)
      admin: [
        'Oversikt',
        'Representanter',
        'Kompetanse',
        'Fagfolk',
        'Prosjekter',
        'Honorar',
        'Rapporter',
        'Brukere',
        'Revisjonslogg',
        'Utboks',
        'Testpostkasse',
        'Innstillinger',
        // issue 22: the organisation's areas and the population's shares
        'Områder',
        'Befolkning',
      ],
      facilitator: ['Oversikt', 'Representanter', 'Kompetanse', 'Fagfolk', 'Prosjekter', 'Honorar', 'Rapporter'],
      // issue 14 item 11: supervisors read the project list too
      supervisor: ['Oversikt', 'Prosjekter', 'Rapporter'],
    };
    for (const role of ['admin', 'facilitator', 'supervisor'] as const) {
      const context = await e2e.browser.newContext({ locale: 'nb-NO' });
      const page = await signInAs(context, users[role]);
      // the wide screen's bar (the phone's menu lists the same links)
      const items = await page.locator('.app-nav--bar .app-nav__link').allTextContents();
      expect(
        items.map((s) => s.trim()),
        role,
      ).to.deep.equal(expected[role]);
      await context.close();
    }
  });

  it('shows the sign-in errors with a summary that links to the fields, and no axe violations', async () => {
    for (const locale of ['nb', 'en'] as const) {
      const context = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await context.newPage();
      await page.goto(`${e2e.live.baseUrl}/login`);
      await expectNoAxeViolations(page, `/login (${locale})`);
      await page.locator('#email').fill(users.admin.email);
      await page.locator('#password').fill('wrong password here');
      await page.locator('form.app-form button[type=submit]').click();
      expect(await page.locator('.ds-error-summary').count()).to.equal(1);
      expect(await page.locator('#email').inputValue()).to.equal(users.admin.email);
      expect(await page.locator('#password').inputValue()).to.equal('');
      await expectNoAxeViolations(page, `/login with errors (${locale})`);
      await page.screenshot({ path: path.join(screenshotDir, `${locale}_login_errors.png`), fullPage: true });
      await context.close();
    }
  });

  for (const locale of ['nb', 'en'] as const) {
    it(`has no axe violations on the admin pages in ${locale === 'nb' ? 'Norwegian' : 'English'}`, async () => {
      const context = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await signInAs(context, users.admin);
      if (locale === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.waitForURL(`${e2e.live.baseUrl}/`);
      }
      const pages = [
        '/',
        '/admin/users',
        '/admin/users/new',
        `/admin/users/${other.id}`,
        `/admin/users/${other.id}/edit`,
        '/admin/audit',
        '/password/change',
        '/logout',
      ];
      for (const p of pages) {
        const response = await page.goto(e2e.live.baseUrl + p);
        expect(response?.status(), p).to.equal(200);
        expect(await page.getAttribute('html', 'lang')).to.equal(locale);
        await expectNoAxeViolations(page, `${p} (${locale})`);
        await page.screenshot({
          path: path.join(screenshotDir, `${locale}${p.replace(/\//g, '_')}.png`),
          fullPage: true,
        });
      }
      // a refused form, re-rendered with errors
      await page.goto(`${e2e.live.baseUrl}/admin/users/new`);
      await page.locator('#email').fill('not-an-email');
      await page.locator('form.app-form button[type=submit]').click();
      expect(await page.locator('.ds-error-summary li').count()).to.equal(2);
      await expectNoAxeViolations(page, `/admin/users/new with errors (${locale})`);
      await page.screenshot({ path: path.join(screenshotDir, `${locale}_admin_users_new_errors.png`), fullPage: true });
      await context.close();
    });
  }

  it('keeps wide tables usable on a phone: the page does not scroll sideways and the table region takes focus', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO', viewport: { width: 360, height: 740 } });
    const page = await signInAs(context, users.admin);
    await page.goto(`${e2e.live.baseUrl}/admin/users`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).to.be.at.most(0);
    await expectNoAxeViolations(page, '/admin/users on a phone');
    let reached = false;
    for (let i = 0; i < 30 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.classList.contains('app-table-wrap') ?? false);
    }
    expect(reached, 'the table region is reachable by Tab, so arrow keys can scroll it').to.equal(true);
    await context.close();
  });
});
