import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { buildOrganisation, buildRepresentative, buildSkill, buildUser, type BuiltUser } from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';
import { table } from '../helpers/rows.js';

describe('changing many people on the roster at once, in Chromium', () => {
  const e2e = setUpE2e();
  let facilitator: BuiltUser;
  let orgId: number;
  let skill: number;
  const matching: number[] = [];
  const others: number[] = [];

  before(async () => {
    orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    skill = await buildSkill(e2e.live.db, orgId, { nameNb: 'Prosjektarbeid', nameEn: 'Project work' });
    // exactly 30 in the area searched for, and a few elsewhere who must not change
    for (let i = 0; i < 30; i += 1)
      matching.push(await buildRepresentative(e2e.live.db, orgId, { name: `Nord ${i}`, area: 'Nordbyen' }));
    for (let i = 0; i < 4; i += 1)
      others.push(await buildRepresentative(e2e.live.db, orgId, { name: `Sør ${i}`, area: 'Sørbyen' }));
  });

  const signIn = (context: BrowserContext): Promise<Page> => signInInBrowser(context, e2e.live.baseUrl, facilitator);
  const audited = async (action: string) =>
    (await table(e2e.live.db, 'audit_events').where({ organisation_id: orgId, action })).map((r) =>
      Number(r.entity_id),
    );
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

  it('adds a skill and records a consent for exactly the 30 who match the filter, audited per person', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false });
    const page = await signIn(context);
    await page.goto(`${e2e.live.baseUrl}/representatives?area=Nordbyen`);
    expect(await page.getByRole('status').first().textContent()).to.contain('30 av 34');

    // nothing chosen: back on the filtered roster with the message
    await page.locator('#bulkAction').selectOption('addSkill');
    await page.getByRole('button', { name: 'Gå videre' }).click();
    expect(await page.locator('.ds-error-summary').textContent()).to.contain('Du har ikke valgt noen');
    expect(await page.locator('#area').inputValue()).to.equal('Nordbyen');

    await page.getByLabel('Alle 30 som passer til søket').check();
    await page.locator('#bulkAction').selectOption('addSkill');
    await page.locator('#bulkSkillId').selectOption(String(skill));
    await page.getByLabel('Erfaren').check();
    await page.getByRole('button', { name: 'Gå videre' }).click();
    expect(await page.locator('h1').textContent()).to.equal('Bekreft endringen');
    expect(await page.locator('main').textContent()).to.contain('30 personer blir endret');
    await page.getByRole('button', { name: 'Bekreft og lagre' }).click();
    await page.waitForURL(/\/representatives\?area=Nordbyen/);
    expect(await page.locator('main').textContent()).to.contain('30 personer er endret, 0 hoppet over');

    await page.getByLabel('Alle 30 som passer til søket').check();
    await page.locator('#bulkAction').selectOption('consent');
    await page.locator('#bulkPurpose').selectOption('named_in_reports');
    await page.locator('#bulkMethod').selectOption('verbal');
    await page.getByRole('button', { name: 'Gå videre' }).click();
    await page.getByRole('button', { name: 'Bekreft og lagre' }).click();
    await page.waitForURL(/\/representatives\?area=Nordbyen/);

    const holders = await table(e2e.live.db, 'representative_skills').where({ skill_id: skill });
    expect(sorted(holders.map((h) => Number(h.representative_id)))).to.deep.equal(sorted(matching));
    const consents = await table(e2e.live.db, 'consents').where({ purpose: 'named_in_reports', method: 'verbal' });
    expect(sorted(consents.map((c) => Number(c.representative_id)))).to.deep.equal(sorted(matching));
    expect(sorted(await audited('representative.skill_set'))).to.deep.equal(sorted(matching));
    expect(sorted(await audited('representative.consent_given'))).to.deep.equal(sorted(matching));
    for (const id of others) expect(holders.map((h) => Number(h.representative_id))).not.to.include(id);
    await context.close();
  });

  for (const locale of ['nb', 'en'] as const) {
    it(`has no axe violations on the roster with a selection and on the confirmation (${locale})`, async () => {
      const context = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await signIn(context);
      if (locale === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.waitForURL(`${e2e.live.baseUrl}/`);
      }
      await page.goto(`${e2e.live.baseUrl}/representatives?area=Nordbyen`);
      await page.getByLabel(locale === 'nb' ? 'Velg Nord 0' : 'Select Nord 0', { exact: true }).check();
      await page.getByLabel(locale === 'nb' ? 'Velg Nord 1' : 'Select Nord 1', { exact: true }).check();
      await expectNoAxeViolations(page, `roster with a selection (${locale})`);
      await page.screenshot({ path: path.join(screenshotDir, `${locale}_roster_bulk.png`), fullPage: true });
      // the consent recorded above: both are skipped, and the page says why
      await page.locator('#bulkAction').selectOption('consent');
      await page.locator('#bulkPurpose').selectOption('named_in_reports');
      await page.locator('#bulkMethod').selectOption('written');
      await page.getByRole('button', { name: locale === 'nb' ? 'Gå videre' : 'Continue' }).click();
      expect(await page.locator('main').textContent()).to.contain(
        locale === 'nb' ? 'Har gitt dette samtykket allerede' : 'Has given this consent already',
      );
      await expectNoAxeViolations(page, `confirmation with skipped people (${locale})`);
      await page.screenshot({ path: path.join(screenshotDir, `${locale}_roster_bulk_confirm.png`), fullPage: true });
      await page.goBack();
      await page.locator('#bulkAction').selectOption('status');
      await page.locator('#bulkStatus').selectOption('paused');
      await page.locator('#bulkPausedUntil').fill('2099-06-30');
      await page.getByRole('button', { name: locale === 'nb' ? 'Gå videre' : 'Continue' }).click();
      expect(await page.locator('main').textContent()).to.contain(
        locale === 'nb' ? '2 personer blir endret' : '2 people will be changed',
      );
      await expectNoAxeViolations(page, `confirmation (${locale})`);
      // an empty selection comes back with the error summary
      await page.goto(`${e2e.live.baseUrl}/representatives?area=Nordbyen`);
      await page.locator('#bulkAction').selectOption('export');
      await page.getByRole('button', { name: locale === 'nb' ? 'Gå videre' : 'Continue' }).click();
      await expectNoAxeViolations(page, `roster with a refused bulk form (${locale})`);
      await context.close();
    });
  }
});
