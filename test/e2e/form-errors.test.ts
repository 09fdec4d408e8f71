import { expect } from 'chai';
import { buildOrganisation, buildUser, type BuiltUser } from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { setUpE2e } from '../helpers/e2e.js';

// Issue 17, item 8: after a refused form the error summary has the focus (autofocus, no script), and a choice
// group's message is in the same error colour as a single field's.
describe('a refused form in Chromium', () => {
  const e2e = setUpE2e();
  let facilitator: BuiltUser;

  before(async () => {
    const orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
  });

  for (const javaScriptEnabled of [false, true]) {
    it(`focuses the error summary and shows a choice group's error in the error colour (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await e2e.browser.newContext({ locale: 'nb-NO', javaScriptEnabled });
      const page = await signInInBrowser(context, e2e.live.baseUrl, facilitator);
      await page.goto(`${e2e.live.baseUrl}/representatives/new`);
      await page.getByRole('button', { name: 'Lagre representant' }).click();
      await page.locator('#error-summary').waitFor();

      expect(await page.evaluate(() => document.activeElement?.id)).to.equal('error-summary');
      // the name is a single field, the kind a group of radio buttons with no hint above its message
      const colour = (selector: string) => page.locator(selector).evaluate((el) => getComputedStyle(el).color);
      const single = await colour('#name-error');
      const group = await colour('#kind-error');
      const hint = await page
        .locator('.app-hint')
        .first()
        .evaluate((el) => getComputedStyle(el).color);
      expect(group).to.equal(single);
      expect(group).to.not.equal(hint);
      if (javaScriptEnabled) await expectNoAxeViolations(page, '/representatives/new refused (nb)');
      await context.close();
    });
  }
});
