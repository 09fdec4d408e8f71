import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import {
  buildInvitation,
  buildInvolvement,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';

// Issue 21, item 2 ("done when"): the facilitator writes the quarter's summary; the printed report (a PDF from
// Chromium) carries the header and the page numbers that the page's own print CSS makes, read back with pdftotext
// (poppler-utils); axe clean on the summaries page in both languages.
describe('the quarter’s written summary, the printed report and a share link, in Chromium', () => {
  const e2e = setUpE2e();
  let facilitator: BuiltUser;
  let projectId: number;

  before(async () => {
    const db = e2e.live.db;
    const orgId = await buildOrganisation(db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    projectId = await buildProject(db, orgId, { title: 'Trygg utskriving', seats: 6 });
    for (let i = 0; i < 6; i += 1) {
      const rep = await buildRepresentative(db, orgId);
      await buildInvitation(db, orgId, { projectId, representativeId: rep, status: 'accepted' });
      await buildInvolvement(db, orgId, { projectId, representativeId: rep, occurredOn: '2026-10-20' });
    }
  });

  it('writes the summary, finds it at the top of the quarter’s report, and prints a header and page numbers', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, facilitator);
    await page.goto(`${e2e.live.baseUrl}/reports`);
    await page.getByRole('link', { name: 'Skriftlige oppsummeringer' }).click();
    await expectNoAxeViolations(page, '/reports/summaries (nb)');
    await page.getByLabel('Periode', { exact: true }).selectOption('quarter');
    await page.getByLabel('En dag i perioden').fill('2026-10-15');
    await page.getByLabel('Tittel', { exact: true }).fill('Fjerde kvartal: tryggere utskriving');
    await page
      .getByLabel('Teksten')
      .fill('Seks representanter var med.\n\nTelefonnummeret på utskrivingsbrevet kom fra dem.');
    await page.getByRole('button', { name: 'Lagre oppsummeringen' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/reports/summaries`);
    await page.getByRole('link', { name: /^Endre/ }).click();
    expect(await page.getByLabel('En dag i perioden').inputValue()).to.equal('2026-10-01');
    await expectNoAxeViolations(page, '/reports/summaries/:id/edit (nb)');
    await page.goto(`${e2e.live.baseUrl}/reports/summaries`);
    await page.getByRole('link', { name: 'Se rapporten for perioden' }).click();
    const main = page.locator('main');
    expect(await main.locator('#r-written').textContent()).to.equal('Fjerde kvartal: tryggere utskriving');
    expect(await main.textContent()).to.contain('Telefonnummeret på utskrivingsbrevet kom fra dem.');
    expect(await main.getByRole('link', { name: 'Trygg utskriving' }).getAttribute('href')).to.equal(
      `/projects/${projectId}/results`,
    );
    await page.screenshot({ path: path.join(screenshotDir, 'nb_report_with_summary.png'), fullPage: true });

    const pdf = await page.pdf({ preferCSSPageSize: true });
    const file = path.join(screenshotDir, 'nb_report_printed.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).to.match(
      /Eksempel kommune · hele organisasjonen · 1\. oktober 2026 – 31\. desember 2026 · skrevet ut/,
    );
    expect(text).to.contain('Fjerde kvartal: tryggere utskriving');
    const pages = (text.match(/\f/g) ?? []).length + (text.endsWith('\f') ? 0 : 1);
    expect(pages, 'pages in the printed report').to.be.above(1);
    // "3 / 5" at the foot of each page (pdftotext may drop the spaces of the small print)
    for (let n = 1; n <= pages; n += 1)
      expect(text, `page number ${n}`).to.match(new RegExp(`(^|\\s)${n}\\s?/\\s?${pages}(\\s|$)`, 'm'));
    expect(text).not.to.contain('Logg ut');

    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`${e2e.live.baseUrl}/reports/summaries`);
    await expectNoAxeViolations(page, '/reports/summaries (en)');
    await page.getByRole('link', { name: /^Change/ }).click();
    await expectNoAxeViolations(page, '/reports/summaries/:id/edit (en)');
    await context.close();
  });

  it('shares the quarter’s report with a manager without an account, whose fresh browser sees it until it is revoked', async () => {
    // the test before switched Kari to English, which her account keeps
    await e2e.live.db('users').where({ id: facilitator.id }).update({ locale: 'nb' });
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, facilitator);
    const report = `${e2e.live.baseUrl}/reports?period=quarter&at=2026-10-15`;
    await page.goto(report);
    await page.getByLabel('Lenken virker i').selectOption('30');
    await page.getByRole('button', { name: 'Lag en lenke' }).click();
    const message = (await page.locator('.app-flash').textContent()) ?? '';
    const url = /(http\S*\/s\/[A-Za-z0-9_-]{43})/.exec(message)?.[1];
    expect(url, message).to.be.a('string');
    expect(await page.locator('#shared-panel').textContent()).to.contain('Laget av Kari Tilrettelegger');

    // a manager's browser: no account, no cookies
    const manager = await e2e.browser.newContext({ locale: 'nb-NO' });
    const visit = await manager.newPage();
    const opened = await visit.goto(url!);
    expect(opened!.status()).to.equal(200);
    expect(opened!.headers()['cache-control']).to.equal('no-store');
    const main = visit.locator('main');
    expect(await main.textContent()).to.contain('Delt lenke: denne rapporten for Eksempel kommune');
    expect(await visit.getByRole('button', { name: 'Logg ut' }).count()).to.equal(0);
    await expectNoAxeViolations(visit, '/s/<report> (nb)');
    await visit.getByRole('button', { name: 'English' }).click();
    expect(await main.textContent()).to.contain('Shared link: this report for Eksempel kommune');
    await expectNoAxeViolations(visit, '/s/<report> (en)');
    await visit.screenshot({ path: path.join(screenshotDir, 'en_shared_report.png'), fullPage: true });

    // revoked: the same browser now gets 410 and a page that says so
    await page.goto(report);
    const panel = page.locator('#shared-panel');
    await panel.locator('summary', { hasText: 'Trekk tilbake' }).first().click();
    await panel
      .getByRole('button', { name: /^Trekk tilbake/ })
      .first()
      .click();
    await page.waitForURL(/\/reports\?/);
    const gone = await visit.goto(url!);
    expect(gone!.status()).to.equal(410);
    expect(await visit.locator('main').textContent()).to.match(/no longer works|virker ikke lenger/);
    await manager.close();
    await context.close();
  });
});
