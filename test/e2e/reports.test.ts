import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { rootDir } from '../../src/config.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
} from '../helpers/builders.js';
import {
  expectNoAxeViolations,
  launchChromium,
  signInInBrowser,
  startLiveApp,
  type LiveApp,
} from '../helpers/browser.js';

const screenshotDir = path.join(rootDir, 'test', '.tmp', 'screenshots');
const REPORT = '/reports?period=month&at=2026-11-10';

/** The "Timer" headline figure. */
const hoursFigure = async (page: Page) =>
  (await page.locator('.app-headline li').nth(2).locator('.app-headline__figure').textContent())?.trim();

describe('the report in Chromium', () => {
  let live: LiveApp;
  let browser: Browser;
  let supervisor: BuiltUser;
  let englishSupervisor: BuiltUser;
  let facilitator: BuiltUser;
  let projectId: number;
  let meetingId: number;

  before(async () => {
    live = await startLiveApp();
    browser = await launchChromium();
    fs.mkdirSync(screenshotDir, { recursive: true });
    const orgId = await buildOrganisation(live.db, { name: 'Eksempel kommune' });
    supervisor = await buildUser(live.db, orgId, { role: 'supervisor', name: 'Sara Leder' });
    englishSupervisor = await buildUser(live.db, orgId, { role: 'supervisor', name: 'Sam Manager', locale: 'en' });
    facilitator = await buildUser(live.db, orgId, { role: 'facilitator' });
    projectId = await buildProject(live.db, orgId, { title: 'Bedre hverdag', seats: 2, startsOn: '2026-01-01' });
    const [meeting] = await live
      .db('meetings')
      .insert({
        organisation_id: orgId,
        project_id: projectId,
        starts_at: '2026-11-10T09:00:00.000Z',
        ends_at: '2026-11-10T11:00:00.000Z',
        place: 'Rådhuset',
        online_link: '',
        agenda: '',
      })
      .returning('id');
    meetingId = Number(typeof meeting === 'object' ? meeting.id : meeting);
    for (const name of ['Anne Aas', 'Bjørn Berg']) {
      const rep = await buildRepresentative(live.db, orgId, { name });
      const now = new Date().toISOString();
      await live.db('invitations').insert({
        organisation_id: orgId,
        project_id: projectId,
        representative_id: rep,
        status: 'accepted',
        channel: 'email',
        created_at: now,
        updated_at: now,
      });
    }
  });
  after(async () => {
    await browser?.close();
    await live?.stop();
  });

  it('shows a supervisor the figures change after new attendance, downloads the CSV and prints to A4', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', acceptDownloads: true });
    const page = await signInInBrowser(context, live.baseUrl, supervisor);
    await page.getByRole('link', { name: 'Rapporter' }).first().click();
    await page.goto(`${live.baseUrl}${REPORT}`);
    expect(await hoursFigure(page)).to.equal('0');
    await expectNoAxeViolations(page, '/reports (nb, empty)');

    // the facilitator logs the meeting: both attended, two hours
    const staff = await browser.newContext({ locale: 'nb-NO' });
    const staffPage = await signInInBrowser(staff, live.baseUrl, facilitator);
    await staffPage.goto(`${live.baseUrl}/projects/${projectId}/meetings/${meetingId}/attendance`);
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
    const csv = fs.readFileSync((await download.path())!, 'utf8');
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
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await signInInBrowser(context, live.baseUrl, englishSupervisor);
    await page.goto(`${live.baseUrl}${REPORT}`);
    expect(await page.getAttribute('html', 'lang')).to.equal('en');
    await expectNoAxeViolations(page, '/reports (en)');
    const res = await page.goto(`${live.baseUrl}/reports?period=custom&from=2026-12-01&to=2026-11-01`);
    expect(res?.status()).to.equal(422);
    expect(await page.locator('.ds-error-summary').textContent()).to.contain('The end date must be');
    await expectNoAxeViolations(page, '/reports with errors (en)');
    await context.close();
  });
});
