import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { buildOrganisation, buildRepresentative, buildSkill, buildUser, type BuiltUser } from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';
import { table } from '../helpers/rows.js';

describe('the roster in Chromium', () => {
  const e2e = setUpE2e();
  let facilitator: BuiltUser;
  let existing: number;
  let skillIds: { project: number; dementia: number; training: number };

  before(async () => {
    const orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    skillIds = {
      project: await buildSkill(e2e.live.db, orgId, {
        nameNb: 'Prosjektarbeid',
        nameEn: 'Project work',
        category: 'competence',
      }),
      dementia: await buildSkill(e2e.live.db, orgId, {
        nameNb: 'Pårørende til person med demens',
        nameEn: 'Next of kin of a person with dementia',
        category: 'lived_experience',
      }),
      training: await buildSkill(e2e.live.db, orgId, {
        nameNb: 'Kurs for brukerrepresentanter',
        nameEn: 'Course for representatives',
        category: 'training',
      }),
    };
    existing = await buildRepresentative(e2e.live.db, orgId, {
      name: 'Åse Ødegård',
      skills: [{ skillId: skillIds.project, level: 2 }],
      consents: ['roster', 'health_experience', 'email_contact'],
    });
    for (let i = 0; i < 6; i += 1) await buildRepresentative(e2e.live.db, orgId, { name: `Person ${i}` });
  });

  const signIn = (context: BrowserContext): Promise<Page> => signInInBrowser(context, e2e.live.baseUrl, facilitator);

  it('adds a representative with skills and consents, finds them by filter, edits them and pauses them', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false });
    const page = await signIn(context);
    await page.getByRole('link', { name: 'Representanter' }).first().click();
    await page.getByRole('link', { name: 'Ny representant' }).click();

    // first a mistake: the form comes back with the message and what was typed
    await page.locator('#name').fill('Ola Ærlig');
    await page.locator('#email').fill('ola@');
    await page.getByLabel('Pårørenderepresentant').check();
    await page.getByLabel('Aktiv', { exact: true }).check();
    await page.getByRole('button', { name: 'Lagre representant' }).click();
    expect(await page.locator('.ds-error-summary').textContent()).to.contain('gyldig e-postadresse');
    expect(await page.locator('#name').inputValue()).to.equal('Ola Ærlig');

    await page.locator('#email').fill('ola@example.no');
    await page.locator('#area').fill('Nordbyen');
    await page.getByLabel('Engelsk').check();
    await page.getByLabel('Stå i oversikten over representanter').check();
    await page.getByLabel('Lagre helserelatert erfaring').check();
    await page.getByLabel('Bli kontaktet på e-post').check();
    await page.getByRole('button', { name: 'Lagre representant' }).click();
    await page.waitForURL(/\/representatives\/\d+$/);
    const profileUrl = page.url();
    expect(await page.locator('h1').textContent()).to.equal('Ola Ærlig');

    // skills: lived experience (the consent stands) and a competence at expert level; the form opens on demand
    // each save waits for its own answer and the page after it (a busy CI machine once read the page before)
    const saveSkill = async () => {
      await Promise.all([
        page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }),
        page.getByRole('button', { name: 'Lagre', exact: true }).click(),
      ]);
      await page.waitForLoadState('load');
    };
    await page.locator('summary', { hasText: 'Legg til eller endre kompetanse' }).click();
    await page.locator('#skillId').selectOption(String(skillIds.dementia));
    await page.getByLabel('Erfaren').check();
    await saveSkill();
    await page.locator('summary', { hasText: 'Legg til eller endre kompetanse' }).click();
    await page.locator('#skillId').selectOption(String(skillIds.project));
    await page.getByLabel('Ekspert').check();
    await saveSkill();
    expect(await page.locator('section[aria-labelledby="section-skills"]').textContent()).to.contain(
      'Prosjektarbeid – Ekspert',
    );

    // find by two skills and a minimum level
    await page.goto(`${e2e.live.baseUrl}/representatives`);
    await page.locator('summary', { hasText: 'Filtre' }).click();
    await page.locator('summary', { hasText: 'Kompetanse (0 valgt)' }).click();
    await page.getByRole('checkbox', { name: 'Prosjektarbeid' }).check();
    await page.getByRole('checkbox', { name: 'Pårørende til person med demens' }).check();
    await page.locator('#minLevel').selectOption('2');
    await page.getByRole('button', { name: 'Søk', exact: true }).click();
    expect(page.url()).to.contain(`skill=${skillIds.project}`);
    expect(await page.locator('summary', { hasText: 'Filtre' }).textContent()).to.contain('Filtre (1 i bruk)');
    const found = await page.locator('tbody td.app-table__title').allTextContents();
    expect(found.map((s) => s.trim())).to.deep.equal(['Ola Ærlig']);
    // (this context runs without JavaScript, so axe runs in the tests below)

    // edit
    await page.getByRole('link', { name: 'Ola Ærlig' }).click();
    await page.getByRole('link', { name: 'Endre' }).click();
    await page.locator('#area').fill('Sørlia');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.waitForURL(profileUrl);
    expect(await page.locator('.app-facts').first().textContent()).to.contain('Sørlia');

    // pause: a date in the past is refused (the form comes back open), a future one accepted
    await page.locator('summary', { hasText: 'Sett på pause, aktiver eller avslutt' }).click();
    await page.getByLabel('Pause', { exact: true }).check();
    await page.locator('#pausedUntil').fill('2020-01-01');
    await page.getByRole('button', { name: 'Endre status' }).click();
    expect(await page.locator('.ds-error-summary').textContent()).to.contain('må slutte etter i dag');
    await page.getByLabel('Pause', { exact: true }).check();
    await page.locator('#pausedUntil').fill('2099-06-30');
    await page.locator('#reason').fill('Trenger en pause');
    await page.getByRole('button', { name: 'Endre status' }).click();
    expect(await page.locator('.app-page-head .app-meta').textContent()).to.contain('Pause');
    expect(await page.locator('section[aria-labelledby="section-status"]').textContent()).to.contain(
      'Trenger en pause',
    );
    await context.close();
  });

  for (const locale of ['nb', 'en'] as const) {
    it(`has no axe violations on the roster, profile, skills and forms in ${locale === 'nb' ? 'Norwegian' : 'English'}`, async () => {
      const context = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await signIn(context);
      if (locale === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.waitForURL(`${e2e.live.baseUrl}/`);
      }
      const pages = [
        '/representatives',
        `/representatives?skill=${skillIds.project}&status=active`,
        '/representatives/new',
        `/representatives/${existing}`,
        `/representatives/${existing}/edit`,
        '/skills',
        `/skills/${skillIds.project}/edit`,
      ];
      for (const p of pages) {
        const response = await page.goto(e2e.live.baseUrl + p);
        expect(response?.status(), p).to.equal(200);
        await expectNoAxeViolations(page, `${p} (${locale})`);
        await page.screenshot({
          path: path.join(screenshotDir, `${locale}${p.replace(/[/?&=]/g, '_')}.png`),
          fullPage: true,
        });
      }
      // forms with errors
      await page.goto(`${e2e.live.baseUrl}/representatives/new`);
      await page.locator('#email').fill('nope');
      await page.locator('form.app-form button[type=submit]').click();
      expect(await page.locator('.ds-error-summary').count()).to.equal(1);
      await expectNoAxeViolations(page, `new representative with errors (${locale})`);
      await page.goto(`${e2e.live.baseUrl}/representatives/${existing}`);
      await page
        .locator('summary', { hasText: locale === 'nb' ? 'Legg til eller endre kompetanse' : 'Add or change a skill' })
        .click();
      await page.locator('#skillId').selectOption(String(skillIds.project));
      await page.locator('#expiresOn').fill('2030-01-01');
      await page.locator('form[action$="/skills"] button[type=submit]').click();
      expect(await page.locator('.ds-error-summary').count()).to.equal(1);
      await expectNoAxeViolations(page, `profile with a refused skill (${locale})`);
      await page.goto(`${e2e.live.baseUrl}/skills`);
      await page.locator('form[action="/skills"] button[type=submit]').click();
      await expectNoAxeViolations(page, `skills with errors (${locale})`);
      await page.screenshot({ path: path.join(screenshotDir, `${locale}_skills_errors.png`), fullPage: true });
      await context.close();
    });
  }

  it('keeps supervisors out of the roster', async () => {
    const supervisor = await buildUser(
      e2e.live.db,
      (await table(e2e.live.db, 'users').where({ id: facilitator.id }).first())!.organisation_id,
      { role: 'supervisor' },
    );
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await context.newPage();
    await page.goto(`${e2e.live.baseUrl}/login`);
    await page.locator('#email').fill(supervisor.email);
    await page.locator('#password').fill(supervisor.password);
    await page.locator('form.app-form button[type=submit]').click();
    await page.waitForURL(`${e2e.live.baseUrl}/`);
    expect(await page.getByRole('link', { name: 'Representanter' }).count()).to.equal(0);
    const response = await page.goto(`${e2e.live.baseUrl}/representatives/${existing}`);
    expect(response?.status()).to.equal(403);
    await context.close();
  });
});
