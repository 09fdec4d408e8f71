import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { rootDir } from '../../src/config.js';
import {
  buildOrganisation,
  buildProject,
  buildSkill,
  buildUser,
  type BuiltUser,
  buildRequirements,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';

const workDir = path.join(rootDir, 'test', '.tmp', 'import-consents-skills');

// Issue 14 item 9 in Chromium: a file with consent and skill columns is mapped, the consents' recording is
// confirmed once, a bad row is refused (422) until skipped, and the list of who cannot be invited yet links to each
// profile; a fully consented imported person is a candidate on a project's matches page.
describe('CSV import with consents and skills, in Chromium (issue 14 item 9)', () => {
  const e2e = setUpE2e();
  const users: Partial<Record<'nb' | 'en', BuiltUser>> = {};
  let project: number;

  const TEXT = {
    nb: {
      upload: 'Last opp og se gjennom',
      skillsColumn: 'Kolonnen «Hva de kan»',
      useColumns: 'Bruk disse kolonnene',
      counts: 'Klare til import: 2 · Med feil: 1',
      closest: /«Prosjektarbied» finnes ikke i kompetanselisten\. Mente du «Prosjektarbeid»\?/,
      active: 'Aktiv',
      method: 'Skriftlig',
      consent: /Jeg bekrefter at personene i filen har samtykket/,
      skip: /hopp over 1 rad med feil/,
      importButton: 'Importer 2 rader',
      rowsWithErrors: '1 rad har feil',
      summary: 'Importert: 2 · Kan inviteres nå: 1 · Kan ikke inviteres ennå: 1',
      reason: 'Vil bli kontaktet på e-post, men har ikke samtykket til det',
    },
    en: {
      upload: 'Upload and review',
      skillsColumn: 'Column “Hva de kan”',
      useColumns: 'Use these columns',
      counts: 'Ready to import: 2 · With errors: 1',
      closest: /“Prosjektarbied” is not in the skills list\. Did you mean “Project work”\?/,
      active: 'Active',
      method: 'In writing',
      consent: /I confirm that the people in the file consented/,
      skip: /skip 1 row with errors/,
      importButton: 'Import 2 rows',
      rowsWithErrors: '1 row has errors',
      summary: 'Imported: 2 · Can be invited now: 1 · Cannot be invited yet: 1',
      reason: 'Wants e-mail but has not consented to it',
    },
  };

  before(async () => {
    fs.mkdirSync(workDir, { recursive: true });
    const org = await buildOrganisation(e2e.live.db);
    users.nb = await buildUser(e2e.live.db, org, { role: 'facilitator' });
    users.en = await buildUser(e2e.live.db, org, { role: 'facilitator', locale: 'en' });
    const projectWork = await buildSkill(e2e.live.db, org, { nameNb: 'Prosjektarbeid', nameEn: 'Project work' });
    await buildSkill(e2e.live.db, org, { nameNb: 'Diabetes', nameEn: 'Diabetes', category: 'lived_experience' });
    project = await buildProject(e2e.live.db, org, { title: 'Bedre hjemmetjeneste' });
    await buildRequirements(e2e.live.db, project, [{ skillId: projectWork, must: true, minLevel: 2 }]);
  });

  const writeFile = (locale: 'nb' | 'en') => {
    const file = path.join(workDir, `roster-${locale}.csv`);
    fs.writeFileSync(
      file,
      [
        'Navn;E-post;Språk;Samtykke e-post;Samtykke helse;Samtykke navn;Hva de kan;Erfaring',
        `Kari ${locale};kari-${locale}@example.no;bokmål, English;ja;ja;ja;Prosjektarbeid (2);Diabetes`,
        `Ola ${locale};ola-${locale}@example.no;nynorsk;nei;nei;nei;Project work;`,
        `Feil ${locale};feil-${locale}@example.no;norsk;kanskje;;;Prosjektarbied;`,
      ].join('\r\n'),
    );
    return file;
  };

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });

  for (const locale of ['nb', 'en'] as const) {
    it(`maps consents and skills, refuses the bad row until skipped, and lists who cannot be invited yet (${locale})`, async () => {
      const text = TEXT[locale];
      const context = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await signInInBrowser(context, e2e.live.baseUrl, users[locale]!);
      await page.goto(`${e2e.live.baseUrl}/representatives/import`);
      await page.setInputFiles('#file', writeFile(locale));
      await page.getByRole('button', { name: text.upload }).click();
      await page.waitForURL(/\/representatives\/import\/\d+$/);
      const batchUrl = page.url();

      // "Hva de kan" is not a header Medvirk knows: the facilitator maps it to skills
      await page.getByLabel(text.skillsColumn).selectOption('skills');
      // a choice made before "use these columns" is kept through it
      await page.getByLabel(text.active, { exact: true }).check();
      await page.getByRole('button', { name: text.useColumns }).click();
      await page.waitForURL(/\/representatives\/import\/\d+\?/);
      expect(await page.getByRole('status').first().textContent()).to.contain(text.counts);
      expect(await page.locator('#line-4').textContent()).to.match(text.closest);
      expect(await page.getByLabel(text.active, { exact: true }).isChecked()).to.equal(true);
      await expectNoAxeViolations(page, `import preview with consent and skill columns (${locale})`);
      await shot(page, `${locale}_import_consents_skills_preview`);

      // confirm without skipping the bad row: 422, nothing written, every choice kept
      await page.getByLabel(text.method, { exact: true }).check();
      await page.getByLabel(text.consent).check();
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/confirm')),
        page.getByRole('button', { name: text.importButton }).click(),
      ]);
      expect(refused.status()).to.equal(422);
      await page.waitForLoadState();
      expect(await page.locator('.ds-error-summary').textContent()).to.contain(text.rowsWithErrors);
      expect(await page.getByLabel(text.active, { exact: true }).isChecked()).to.equal(true);
      expect(await page.getByLabel(text.method, { exact: true }).isChecked()).to.equal(true);
      expect(await page.getByLabel(text.consent).isChecked()).to.equal(true);
      expect(await page.getByLabel(text.skillsColumn).inputValue()).to.equal('skills');
      await expectNoAxeViolations(page, `import refused with a bad row (${locale})`);
      await shot(page, `${locale}_import_consents_skills_refused`);

      await page.getByLabel(text.skip).check();
      await page.getByRole('button', { name: text.importButton }).click();
      await page.waitForURL(/\/representatives\/import\/\d+\/result$/);
      expect(await page.locator('main').textContent()).to.contain(text.summary);
      const blocked = page.locator('main tbody tr');
      expect(await blocked.count()).to.equal(1);
      expect(await blocked.textContent()).to.contain(text.reason);
      await expectNoAxeViolations(page, `who cannot be invited yet (${locale})`);
      await shot(page, `${locale}_import_result`);

      // the batch is done: going back to it leads to the result
      await page.goto(batchUrl);
      await page.waitForURL(/\/result$/);

      // each person listed links to the profile
      await page.getByRole('link', { name: `Ola ${locale}` }).click();
      await page.waitForURL(/\/representatives\/\d+$/);
      expect(await page.locator('h1').textContent()).to.contain(`Ola ${locale}`);

      // the fully consented person is a candidate for a project that needs what she has
      await page.goto(`${e2e.live.baseUrl}/projects/${project}/matches`);
      await page.getByRole('link', { name: `Kari ${locale}`, exact: true }).waitFor();
      expect(await page.getByRole('link', { name: `Ola ${locale}`, exact: true }).count()).to.equal(0);
      await context.close();
    });
  }
});
