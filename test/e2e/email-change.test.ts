import { expect } from 'chai';
import { buildOrganisation, buildRepresentative, buildParticipationLink } from '../helpers/builders.js';
import { expectNoAxeViolations } from '../helpers/browser.js';
import { setUpE2e } from '../helpers/e2e.js';
import { table } from '../helpers/rows.js';

describe('changing one’s e-mail address on /me, confirmed through a link, in Chromium with a real SMTP server', () => {
  const e2e = setUpE2e({ smtp: true });
  let org: number;

  before(async () => {
    org = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
  });

  const meLink = async (representativeId: number) =>
    `${e2e.live.baseUrl}/me/${await buildParticipationLink(e2e.live.db, org, representativeId, { now: e2e.live.clock.now() })}`;

  for (const { locale, name, old, fresh, saved, confirmed } of [
    {
      locale: 'nb' as const,
      name: 'Ola Nordmann',
      old: 'ola@test.example',
      fresh: 'ola.ny@test.example',
      saved: 'Hvis adressen kan brukes',
      confirmed: 'Vi har mottatt bekreftelsen din.',
    },
    {
      locale: 'en' as const,
      name: 'Anna Smith',
      old: 'anna@test.example',
      fresh: 'anna.new@test.example',
      saved: 'If the address can be used',
      confirmed: 'We have received your confirmation.',
    },
  ]) {
    it(`asks, tells the old address and confirms in the person's language (${locale}), without axe violations`, async () => {
      const rep = await buildRepresentative(e2e.live.db, org, { name, email: old });
      await e2e.live.db('representatives').where({ id: rep }).update({ locale });
      const context = await e2e.browser.newContext();
      const page = await context.newPage();
      await page.goto(await meLink(rep));
      await expectNoAxeViolations(page, `/me/:token (${locale})`);
      await page.locator('#email').fill(fresh);
      await page.locator('form[action$="/contact"] button[type="submit"]').click();
      await page.waitForLoadState();
      expect(await page.textContent('body')).to.contain(saved);

      const notice = await e2e.smtp.waitForMail(old);
      expect(notice.text).not.to.contain(fresh);
      const confirmation = await e2e.smtp.waitForMail(fresh);
      const url = /(http:\/\/127\.0\.0\.1:\d+\/email\/confirm\/[A-Za-z0-9_-]{43})/.exec(confirmation.text)![1]!;
      expect((await table(e2e.live.db, 'representatives').where({ id: rep }).first())!.email).to.equal(old);

      const res = await page.goto(url);
      expect(res?.status()).to.equal(200);
      expect(res?.headers()['cache-control']).to.equal('no-store');
      await expectNoAxeViolations(page, `/email/confirm/:token (${locale})`);
      await page.locator('form[action^="/email/confirm/"] button[type="submit"]').click();
      await page.waitForLoadState();
      expect(await page.textContent('body')).to.contain(confirmed);
      await expectNoAxeViolations(page, `/email/confirmed (${locale})`);
      expect((await table(e2e.live.db, 'representatives').where({ id: rep }).first())!.email).to.equal(fresh);
      await context.close();
    });
  }
});
