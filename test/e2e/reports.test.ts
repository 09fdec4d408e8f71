import fs from 'node:fs';
import path from 'node:path';
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
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';

const REPORT = '/reports?period=month&at=2026-11-10';

/** The "Timer" headline figure. */
const hoursFigure = async (page: Page) =>
  (await page.locator('.app-headline li').nth(2).locator('.app-headline__figure').textContent())?.trim();

describe('the report in Chromium', () => {
  const e2e = setUpE2e();
  let supervisor: BuiltUser;
  let englishSupervisor: BuiltUser;
  let facilitator: BuiltUser;
  let projectId: number;
  let meetingId: number;

  before(async () => {
    const orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    supervisor = await buildUser(e2e.live.db, orgId, { role: 'supervisor', name: 'Sara Leder' });
    englishSupervisor = await buildUser(e2e.live.db, orgId, { role: 'supervisor', name: 'Sam Manager', locale: 'en' });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator' });
    projectId = await buildProject(e2e.live.db, orgId, { title: 'Bedre hverdag', seats: 2, startsOn: '2026-01-01' });
    meetingId = await buildMeeting(e2e.live.db, orgId, projectId, {
      startsAt: '2026-11-10T09:00:00.000Z',
      endsAt: '2026-11-10T11:00:00.000Z',
    });
    for (const name of ['Anne Aas', 'Bjørn Berg']) {
      const rep = await buildRepresentative(e2e.live.db, orgId, { name });
      const now = new Date().toISOString();
      await buildInvitation(
        e2e.live.db,
        orgId,
        { projectId, representativeId: rep, status: 'accepted' },
        { createdAt: now },
      );
    }
  });

  it('shows a supervisor the figures change after new attendance, downloads the CSV and prints to A4', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO', acceptDownloads: true });
    const page = await signInInBrowser(context, e2e.live.baseUrl, supervisor);
    await page.getByRole('link', { name: 'Rapporter' }).first().click();
    await page.goto(`${e2e.live.baseUrl}${REPORT}`);
    expect(await hoursFigure(page)).to.equal('0');
    await expectNoAxeViolations(page, '/reports (nb, empty)');

    // the facilitator logs the meeting: both attended, two hours
    const staff = await e2e.browser.newContext({ locale: 'nb-NO' });
    const staffPage = await signInInBrowser(staff, e2e.live.baseUrl, facilitator);
    await staffPage.goto(`${e2e.live.baseUrl}/projects/${projectId}/meetings/${meetingId}/attendance`);
    await staffPage.getByRole('button', { name: 'Lagre oppmøtet' }).click();
    expect(await staffPage.locator('.app-flash').textContent()).to.contain('Oppmøtet er lagret');
    await staff.close();

    await page.reload();
    expect(await hoursFigure(page)).to.equal('4');
    const people = await page.locator('.app-headline li').nth(1).locator('.app-headline__figure').textContent();
    expect(people?.trim()).to.equal('færre enn 5');
    await expectNoAxeViolations(page, '/reports (nb)');
    await page.screenshot({ path: path.join(screenshotDir, 'nb_report.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Last ned hele rapporten som CSV' }).click(),
    ]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv).to.match(/Timer"?;"?4/);
    expect(csv).not.to.contain('Anne Aas');

    // printed on A4 (180 mm between the margins, about 680 CSS px): nothing wider than the page
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 680, height: 1000 });
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((el) => el.tagName + '.' + el.className),
    );
    expect(overflow, 'elements wider than the printed page').to.deep.equal([]);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).to.be.within(1, 10);
    fs.writeFileSync(path.join(screenshotDir, 'nb_report.pdf'), pdf);
    await context.close();
  });

  it('has no axe violations in English, and answers a bad period with a message', async () => {
    const context = await e2e.browser.newContext({ locale: 'en-GB' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, englishSupervisor);
    await page.goto(`${e2e.live.baseUrl}${REPORT}`);
    expect(await page.getAttribute('html', 'lang')).to.equal('en');
    await expectNoAxeViolations(page, '/reports (en)');
    const res = await page.goto(`${e2e.live.baseUrl}/reports?period=custom&from=2026-12-01&to=2026-11-01`);
    expect(res?.status()).to.equal(422);
    expect(await page.locator('.ds-error-summary').textContent()).to.contain('The end date must be');
    await expectNoAxeViolations(page, '/reports with errors (en)');
    await context.close();
  });
});
