import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import { buildOrganisation, buildUser, type BuiltUser } from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { setUpE2e } from '../helpers/e2e.js';

const DOMAIN = 'kommune.test';
const CLIENT = { id: 'medvirk', secret: 'a-client-secret-for-the-test-provider' };
const NAMES: Record<string, string> = { [`kari@${DOMAIN}`]: 'Kari Nordmann', [`nina@${DOMAIN}`]: 'Nina Ny' };

/**
 * A real OpenID Connect provider (oidc-provider, panva) on loopback with its own keys and its development sign-in
 * and consent pages: whoever types a login is that account, with their address as a verified e-mail.
 */
async function startProvider(redirectUri: string): Promise<{ issuer: string; close(): Promise<void> }> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // the ID token carries the e-mail (Medvirk reads it there, as from Entra ID)
    conformIdTokenClaims: false,
    cookies: { keys: ['e2e-provider-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: id, email_verified: true, name: NAMES[id] ?? id }),
    }),
  });
  const server = provider.listen(port);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('single sign-on in Chromium against a real OpenID Connect provider (oidc-provider)', () => {
  const e2e = setUpE2e({ env: { OIDC_ALLOW_HTTP: 'true' } });
  let provider: { issuer: string; close(): Promise<void> };
  let admin: BuiltUser;

  before(async () => {
    provider = await startProvider(`${e2e.live.baseUrl}/login/sso/callback`);
    const org = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    admin = await buildUser(e2e.live.db, org, { role: 'admin', locale: 'en', email: 'admin@admins.test' });
    await buildUser(e2e.live.db, org, { role: 'facilitator', email: `kari@${DOMAIN}`, name: 'Kari Nordmann' });
  });
  after(() => provider.close());

  const base = () => e2e.live.baseUrl;

  /** From Medvirk's sign-in page through the provider's sign-in and consent, back to Medvirk. */
  async function throughProvider(page: Page, email: string): Promise<void> {
    await page.goto(`${base()}/login`);
    await page.locator('#ssoEmail').fill(email);
    await page.locator('form[action="/login/sso"] button[type=submit]').click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.locator('input[name=password]').fill('anything');
    await page.locator('button.login-submit').click();
    // the provider asks for consent the first time
    await page.waitForLoadState();
    if (page.url().startsWith(provider.issuer)) await page.locator('button[type=submit]').first().click();
    await page.waitForURL((url) => url.href.startsWith(base()));
  }

  it('an admin configures the provider; a facilitator signs in through it and lands on the dashboard', async () => {
    const context = await e2e.browser.newContext({ locale: 'en-GB' });
    const page = await signInInBrowser(context, base(), admin);
    await page.goto(`${base()}/admin/settings#sso`);
    await page.locator('#oidcIssuer').fill(provider.issuer);
    await page.locator('#oidcClientId').fill(CLIENT.id);
    await page.locator('#oidcClientSecret').fill(CLIENT.secret);
    await page.locator('#ssoDomains').fill(DOMAIN);
    await page.locator('form[action="/admin/settings/sso"] button[type=submit]').click();
    await page.waitForURL(`${base()}/admin/settings#sso`);
    expect(await page.locator('.app-flash').textContent()).to.contain('Single sign-on is saved');
    await expectNoAxeViolations(page, '/admin/settings with single sign-on (en)');
    await context.close();

    for (const locale of ['nb', 'en'] as const) {
      const browser = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const signIn = await browser.newPage();
      await signIn.goto(`${base()}/login`);
      await expectNoAxeViolations(signIn, `/login with single sign-on (${locale})`);
      await throughProvider(signIn, `kari@${DOMAIN}`);
      expect(new URL(signIn.url()).pathname).to.equal('/');
      expect(await signIn.locator('h1').textContent()).to.contain('Kari Nordmann');
      await browser.close();
    }
  });

  it('shows the page on to the provider and the refusals without axe violations, in both languages', async () => {
    for (const locale of ['nb', 'en'] as const) {
      const context = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await context.newPage();
      // the provider does not answer here: the page that sends the browser on stays to be looked at
      await page.route(`${provider.issuer}/**`, (route) => route.fulfill({ status: 204 }));
      await page.goto(`${base()}/login`);
      await page.locator('#ssoEmail').fill(`kari@${DOMAIN}`);
      await page.locator('form[action="/login/sso"] button[type=submit]').click();
      await page.waitForSelector('#sso-continue');
      await expectNoAxeViolations(page, `POST /login/sso, on to the provider (${locale})`);
      // a callback without a sign-in under way: refused with a page that says to start again
      const res = await page.goto(`${base()}/login/sso/callback?code=x&state=y`);
      expect(res?.status()).to.equal(400);
      await expectNoAxeViolations(page, `/login/sso/callback refused (${locale})`);
      await page.goto(`${base()}/login`);
      await page.locator('#ssoEmail').fill('someone@elsewhere.test');
      await page.locator('form[action="/login/sso"] button[type=submit]').click();
      await page.waitForSelector('#ssoEmail-error');
      await expectNoAxeViolations(page, `/login with an unknown domain (${locale})`);
      await context.close();
    }
    await e2e.live.db('users').where({ id: admin.id }).update({ locale: 'nb' });
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(context, base(), admin);
    await page.goto(`${base()}/admin/settings#sso`);
    await expectNoAxeViolations(page, '/admin/settings with single sign-on (nb)');
    await context.close();
    await e2e.live.db('users').where({ id: admin.id }).update({ locale: 'en' });
  });

  it('an unknown user’s sign-in becomes a request that the admin approves; then they sign in', async () => {
    for (const locale of ['nb', 'en'] as const) {
      const browser = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await browser.newPage();
      await throughProvider(page, `nina@${DOMAIN}`);
      expect(new URL(page.url()).pathname).to.equal('/login/sso/callback');
      await expectNoAxeViolations(page, `/login/sso/callback, request waiting (${locale})`);
      await browser.close();
    }

    for (const locale of ['nb', 'en'] as const) {
      await e2e.live.db('users').where({ id: admin.id }).update({ locale });
      const context = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await signInInBrowser(context, base(), admin);
      await page.goto(`${base()}/admin/users`);
      expect(await page.locator('#requests').textContent()).to.contain('Nina Ny');
      await expectNoAxeViolations(page, `/admin/users with a request (${locale})`);
      if (locale === 'en') {
        await page.locator('#requests select').selectOption('facilitator');
        await page.locator('#requests form[action$="/approve"] button[type=submit]').click();
        await page.waitForURL(/\/admin\/users\/\d+$/);
        expect(await page.locator('h1').textContent()).to.equal('Nina Ny');
      }
      await context.close();
    }

    const browser = await e2e.browser.newContext({ locale: 'en-GB' });
    const page = await browser.newPage();
    await throughProvider(page, `nina@${DOMAIN}`);
    expect(new URL(page.url()).pathname).to.equal('/');
    await browser.close();
  });
});
