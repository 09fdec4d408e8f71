import { expect } from 'chai';
import type { Page } from 'playwright-core';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
  buildMeeting,
  buildInvitation,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { setUpE2e } from '../helpers/e2e.js';

// issue 14, items 1, 2, 7 and 13: the settings form saves as shown, a new rate leaves last month's amounts alone,
// and the payments page shows hours, versions, downloads and corrections
describe('settings and payments in Chromium (issue 14)', () => {
  const e2e = setUpE2e();
  let admin: BuiltUser;
  let englishAdmin: BuiltUser;
  let facilitator: BuiltUser;
  let englishFacilitator: BuiltUser;
  let projectId: number;
  let meetingId: number;
  let period: string;

  before(async () => {
    const orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    admin = await buildUser(e2e.live.db, orgId, { role: 'admin', name: 'Ada Admin' });
    englishAdmin = await buildUser(e2e.live.db, orgId, { role: 'admin', name: 'Eve Admin', locale: 'en' });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    englishFacilitator = await buildUser(e2e.live.db, orgId, {
      role: 'facilitator',
      name: 'Sam Facilitator',
      locale: 'en',
    });
    projectId = await buildProject(e2e.live.db, orgId, { title: 'Bedre hverdag', seats: 3, startsOn: '2026-01-01' });
    // a meeting last month, by the app's clock
    const lastMonth = e2e.live.clock.now().setZone('Europe/Oslo').minus({ months: 1 }).set({ day: 10, hour: 10 });
    period = `from=${lastMonth.startOf('month').toISODate()}&to=${lastMonth.endOf('month').toISODate()}`;
    meetingId = await buildMeeting(e2e.live.db, orgId, projectId, {
      startsAt: lastMonth.toUTC().toISO()!,
      endsAt: lastMonth.plus({ hours: 2 }).toUTC().toISO()!,
    });
    const anne = await buildRepresentative(e2e.live.db, orgId, { name: 'Anne Aas' });
    const now = new Date().toISOString();
    await buildInvitation(
      e2e.live.db,
      orgId,
      { projectId, representativeId: anne, status: 'accepted' },
      { createdAt: now },
    );
  });

  const saveSettings = async (page: Page) => {
    await page.getByRole('button', { name: /^(Lagre|Save)$/ }).click();
    await page.waitForLoadState();
  };
  const flash = (page: Page) => page.locator('.app-flash').textContent();

  it('saves the settings unchanged, again after a reload, and keeps an hourly rate typed with a decimal comma', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, admin);
    await page.goto(`${e2e.live.baseUrl}/admin/settings`);
    expect(await page.getByLabel('Ønsket kompetanse').inputValue()).to.equal('0,35');
    expect(await page.getByLabel('Timesats (kroner)').inputValue()).to.equal('300,00');
    await expectNoAxeViolations(page, '/admin/settings (nb)');
    await saveSettings(page);
    expect(await flash(page)).to.contain('Innstillingene er lagret');
    await page.reload();
    await saveSettings(page);
    expect(await flash(page)).to.contain('Innstillingene er lagret');

    // the attendance of last month's meeting, saved before the rate changes
    const facilitatorContext = await e2e.browser.newContext({ locale: 'nb-NO' });
    const facilitatorPage = await signInInBrowser(facilitatorContext, e2e.live.baseUrl, facilitator);
    await facilitatorPage.goto(`${e2e.live.baseUrl}/projects/${projectId}/meetings/${meetingId}/attendance`);
    await facilitatorPage.getByRole('button', { name: 'Lagre oppmøtet' }).click();
    expect(await flash(facilitatorPage)).to.contain('Oppmøtet er lagret');

    await page.getByLabel('Timesats (kroner)').fill('312,50');
    await saveSettings(page);
    expect(await flash(page)).to.contain('Innstillingene er lagret');
    expect(await page.getByLabel('Timesats (kroner)').inputValue()).to.equal('312,50');
    expect(await page.locator('table').textContent()).to.contain('312,50');
    await expectNoAxeViolations(page, '/admin/settings (nb, two versions)');

    // one bad field among good ones: only that one refused, the others kept as typed
    await page.getByLabel('Timesats (kroner)').fill('320,75');
    await page.getByLabel('Send høyst … e-poster i minuttet').fill('7000');
    await saveSettings(page);
    expect(await page.locator('.ds-error-summary').textContent()).to.contain('Skriv et helt tall fra 0 til 6000');
    expect(await page.locator('[aria-invalid="true"]').count()).to.equal(1);
    expect(await page.getByLabel('Timesats (kroner)').inputValue()).to.equal('320,75');
    await expectNoAxeViolations(page, '/admin/settings (nb, with an error)');
    await context.close();

    // the meeting's attendance saved again after the change: last month keeps its rate
    await facilitatorPage.goto(`${e2e.live.baseUrl}/projects/${projectId}/meetings/${meetingId}/attendance`);
    await facilitatorPage.getByRole('button', { name: 'Lagre oppmøtet' }).click();
    expect(await flash(facilitatorPage)).to.contain('Oppmøtet er lagret');
    await facilitatorPage.goto(`${e2e.live.baseUrl}/payments?${period}`);
    const row = await facilitatorPage.locator('tbody tr', { hasText: 'Anne Aas' }).textContent();
    expect(row).to.contain('600,00');
    expect(row).to.contain('300,00 kr/t');
    await facilitatorContext.close();
  });

  it('records a download of the payment list and shows a later change as a correction, with no axe violations', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, facilitator);
    await page.goto(`${e2e.live.baseUrl}/payments?${period}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Last ned som CSV (for Excel)' }).click(),
    ]);
    expect(download.suggestedFilename()).to.match(/^honorar-.*\.csv$/);
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/meetings/${meetingId}/attendance`);
    await page.getByLabel('Reiseutgifter (kr): Anne Aas').fill('100');
    await page.getByRole('button', { name: 'Lagre oppmøtet' }).click();
    await page.goto(`${e2e.live.baseUrl}/payments?${period}`);
    expect(await page.locator('main').textContent()).to.contain('Kari Tilrettelegger lastet ned perioden');
    const correction = await page.locator('#corrections + p + div tbody tr').first().textContent();
    expect(correction).to.contain('Anne Aas');
    expect(correction).to.contain('600,00');
    expect(correction).to.contain('700,00');
    const headers = await page.locator('thead').first().textContent();
    expect(headers).to.contain('Timer til stede');
    expect(headers).to.contain('Timer forberedelse');
    expect(headers).to.contain('Betalte timer');
    await expectNoAxeViolations(page, '/payments (nb, with a download and a correction)');
    await context.close();
  });

  it('shows the settings and the payments in English with a decimal point and no axe violations', async () => {
    const context = await e2e.browser.newContext({ locale: 'en-GB' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, englishAdmin);
    await page.goto(`${e2e.live.baseUrl}/admin/settings`);
    expect(await page.getByLabel('Hourly rate (kroner)').inputValue()).to.equal('312.50');
    expect(await page.getByLabel('Wished skills').inputValue()).to.equal('0.35');
    await expectNoAxeViolations(page, '/admin/settings (en)');
    await saveSettings(page);
    expect(await flash(page)).to.contain('The settings are saved');
    await context.close();

    const facilitatorContext = await e2e.browser.newContext({ locale: 'en-GB' });
    const facilitatorPage = await signInInBrowser(facilitatorContext, e2e.live.baseUrl, englishFacilitator);
    await facilitatorPage.goto(`${e2e.live.baseUrl}/payments?${period}`);
    expect(await facilitatorPage.getAttribute('html', 'lang')).to.equal('en');
    expect(await facilitatorPage.locator('main').textContent()).to.contain('Changes after a download');
    await expectNoAxeViolations(facilitatorPage, '/payments (en)');
    await facilitatorContext.close();
  });
});
