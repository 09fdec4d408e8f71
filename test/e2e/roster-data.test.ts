import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { rootDir } from '../../src/config.js';
import { buildOrganisation, buildRepresentative, buildUser, type BuiltUser } from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';

const workDir = path.join(rootDir, 'test', '.tmp', 'roster-data');

describe('roster data in and out, in Chromium', () => {
  const e2e = setUpE2e();
  let facilitator: BuiltUser;
  let admin: BuiltUser;
  let someone: number;

  before(async () => {
    fs.mkdirSync(workDir, { recursive: true });
    const orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator' });
    admin = await buildUser(e2e.live.db, orgId, { role: 'admin' });
    someone = await buildRepresentative(e2e.live.db, orgId, { name: 'Åse Ødegård', email: 'aase@example.no' });
    await e2e.live
      .db('representatives')
      .where({ id: someone })
      .update({ last_reviewed_at: '2020-01-01T00:00:00.000Z' });
  });

  const signIn = (context: BrowserContext, user: BuiltUser): Promise<Page> =>
    signInInBrowser(context, e2e.live.baseUrl, user);

  it('imports a CSV with a bad row, fixes the mapping, confirms, exports, downloads one person’s data and erases them', async () => {
    const csvPath = path.join(workDir, 'fra-regneark.csv');
    fs.writeFileSync(
      csvPath,
      [
        'Person;E-post;Område',
        'Ærlige Åse Øren;erlig@example.no;Nordbyen',
        'Feil Adresse;ikke-en-adresse;Sentrum',
        'Ola Nordmann;ola@example.no;Sørlia',
      ].join('\r\n'),
    );
    const context = await e2e.browser.newContext({ locale: 'nb-NO', acceptDownloads: true });
    const page = await signIn(context, facilitator);
    await page.goto(`${e2e.live.baseUrl}/representatives`);
    await page.getByRole('link', { name: 'Importer fra regneark' }).click();
    await expectNoAxeViolations(page, 'import upload');
    await page.setInputFiles('#file', csvPath);
    await page.getByRole('button', { name: 'Last opp og se gjennom' }).click();
    await page.waitForURL(/\/representatives\/import\/\d+$/);
    // "Person" is not a header Medvirk knows: nothing is mapped to the name yet
    expect(await page.locator('.ds-alert').first().textContent()).to.contain('Ingen kolonne er valgt som navn');
    await expectNoAxeViolations(page, 'import preview');
    await page.screenshot({ path: path.join(screenshotDir, 'nb_import_preview_unmapped.png'), fullPage: true });

    await page.getByLabel('Kolonnen «Person»').selectOption('name');
    await page.getByRole('button', { name: 'Bruk disse kolonnene' }).click();
    expect(await page.getByRole('status').first().textContent()).to.contain('Klare til import: 2 · Med feil: 1');
    expect(await page.locator('.app-row-error').first().textContent()).to.contain('gyldig e-postadresse');
    await page.getByLabel('Aktiv', { exact: true }).check();
    // how the consents were recorded, and (issue 14, bad input) skipping the row with errors, are chosen explicitly
    await page.getByLabel('Skriftlig', { exact: true }).check();
    await page.getByLabel(/Jeg bekrefter at personene i filen har samtykket/).check();
    await page.getByLabel(/hopp over 1 rad med feil/).check();
    await page.getByRole('button', { name: 'Importer 2 rader' }).click();
    await page.waitForURL(/\/representatives\/import\/\d+\/result$/);
    expect(await page.locator('.app-flash').textContent()).to.contain('importert');
    await page.getByRole('link', { name: 'Representanter', exact: true }).first().click();
    await page.waitForURL(/\/representatives(\?sort=newest)?$/);
    expect(await page.locator('tbody td.app-table__title').allTextContents()).to.include.members([
      'Ærlige Åse Øren',
      'Ola Nordmann',
    ]);

    // export the roster and read the file's first line
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Last ned som regneark/ }).click(),
    ]);
    const exported = path.join(workDir, download.suggestedFilename());
    await download.saveAs(exported);
    const bytes = fs.readFileSync(exported);
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const firstLine = bytes.toString('utf8').slice(1).split('\r\n')[0]!;
    expect(firstLine.startsWith('Id;Navn;Type;Status')).to.equal(true);
    expect(bytes.toString('utf8')).to.contain('Ærlige Åse Øren');

    // the export opens in LibreOffice (as a Norwegian user imports it: semicolon, UTF-8) with æ, ø, å intact
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
    const outDir = path.join(workDir, 'libreoffice');
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--infilter=CSV:59,34,76,1',
        '--convert-to',
        'html',
        '--outdir',
        outDir,
        exported,
      ],
      { timeout: 120_000, stdio: 'ignore' },
    );
    const html = fs.readFileSync(path.join(outDir, download.suggestedFilename().replace(/\.csv$/, '.html')), 'utf8');
    expect(html).to.contain('>Ærlige Åse Øren<');
    expect(html).to.contain('>Navn<');

    // one person's data, then erasure
    await page.getByRole('link', { name: 'Ærlige Åse Øren' }).click();
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Last ned en kopi til personen' }).click(),
    ]);
    const data = JSON.parse(fs.readFileSync(await json.path(), 'utf8')) as {
      person: { name: string };
      consents: Array<{ method: string }>;
    };
    expect(data.person.name).to.equal('Ærlige Åse Øren');
    expect(data.consents.map((c) => c.method)).to.deep.equal(['written']);
    await page.getByRole('link', { name: 'Slett', exact: true }).click();
    await expectNoAxeViolations(page, 'erase');
    await page.locator('#confirmation').fill('kanskje');
    await page.getByRole('button', { name: 'Slett for godt' }).click();
    expect(await page.locator('.ds-error-summary').textContent()).to.contain('Skriv SLETT');
    await page.locator('#confirmation').fill('SLETT');
    await page.getByRole('button', { name: 'Slett for godt' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/representatives`);
    expect(await page.locator('.app-flash').textContent()).to.contain('slettet');
    expect(await page.locator('tbody').textContent()).to.not.contain('Ærlige Åse Øren');
    await context.close();
  });

  for (const locale of ['nb', 'en'] as const) {
    it(`has no axe violations on import, review, erase and settings in ${locale === 'nb' ? 'Norwegian' : 'English'}`, async () => {
      const context = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await signIn(context, admin);
      if (locale === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.waitForURL(`${e2e.live.baseUrl}/`);
      }
      for (const p of [
        '/representatives/import',
        '/representatives/review',
        `/representatives/${someone}/erase`,
        '/admin/settings',
      ]) {
        const response = await page.goto(e2e.live.baseUrl + p);
        expect(response?.status(), p).to.equal(200);
        await expectNoAxeViolations(page, `${p} (${locale})`);
        await page.screenshot({
          path: path.join(screenshotDir, `${locale}${p.replace(/\//g, '_')}.png`),
          fullPage: true,
        });
      }
      expect(await page.locator('main').textContent()).to.match(/\d/);
      await page.goto(`${e2e.live.baseUrl}/representatives/import`);
      await page
        .getByRole('button', { name: locale === 'nb' ? 'Last opp og se gjennom' : 'Upload and review' })
        .click();
      expect(await page.locator('.ds-error-summary').count()).to.equal(1);
      await expectNoAxeViolations(page, `import without a file (${locale})`);
      await page.goto(`${e2e.live.baseUrl}/admin/settings`);
      await page.locator('#dataReviewMonths').fill('1000');
      await page.locator('form.app-form button[type=submit]').click();
      expect(await page.locator('.ds-error-summary').count()).to.equal(1);
      await expectNoAxeViolations(page, `settings with errors (${locale})`);
      await context.close();
    });
  }
});
