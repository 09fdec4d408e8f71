import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { rootDir } from '../../src/config.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { setUpE2e } from '../helpers/e2e.js';
import { IMPORT_PAGE_SIZE } from '../../src/features/representatives/import-limits.js';

const workDir = path.join(rootDir, 'test', '.tmp', 'import-preview-pages');

// Issue 15, finding 1: the preview shows one page of rows (errors first) and only the mapped columns; the mapping
// shows each column's first value. Read in Chromium, paged, with axe, in both languages.
describe('the import preview, one page at a time, in Chromium (issue 15, finding 1)', () => {
  const e2e = setUpE2e();
  let facilitator: BuiltUser;

  before(async () => {
    fs.mkdirSync(workDir, { recursive: true });
    const orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator' });
  });

  for (const locale of ['nb', 'en'] as const) {
    it(`pages through a 120-row file with the row in error first and no axe violations (${locale})`, async () => {
      const csvPath = path.join(workDir, `rader-${locale}.csv`);
      const lines = ['Navn;E-post;Intern kode'];
      for (let i = 1; i <= 120; i += 1)
        lines.push(`Person ${i};${i === 90 ? 'ikke-en-adresse' : `p${i}@example.no`};KODE-${i}`);
      fs.writeFileSync(csvPath, lines.join('\r\n'));
      await e2e.live.db('users').where({ id: facilitator.id }).update({ locale });
      const context = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await signInInBrowser(context, e2e.live.baseUrl, facilitator);
      await page.goto(`${e2e.live.baseUrl}/representatives/import`);
      await page.setInputFiles('#file', csvPath);
      await page.locator('form[enctype] button[type=submit]').click();
      await page.waitForURL(/\/representatives\/import\/\d+$/);

      const rows = page.locator('tbody tr[id^="line-"]');
      expect(await rows.count()).to.equal(IMPORT_PAGE_SIZE);
      expect(await rows.first().getAttribute('id')).to.equal('line-91');
      // the unmapped column is shown beside its mapping (first row's value), not in the table
      expect(await page.locator('table').textContent()).not.to.contain('KODE-');
      expect(await page.locator('.app-mapping').textContent()).to.contain('KODE-1');
      await expectNoAxeViolations(page, `import preview, page 1 (${locale})`);

      await page.locator('a[rel="next"]').click();
      await page.waitForURL(/\?page=2$/);
      expect(await rows.first().getAttribute('id')).to.equal(`line-${IMPORT_PAGE_SIZE + 1}`);
      await expectNoAxeViolations(page, `import preview, page 2 (${locale})`);
      await context.close();
    });
  }
});
