import path from 'node:path';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import type { BrowserContext, Page } from 'playwright-core';
import {
  buildMeeting,
  buildOrganisation,
  buildProject,
  buildSkill,
  buildUser,
  type BuiltUser,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';
import { table } from '../helpers/rows.js';

// Issue 20, item 4 in Chromium: a project copied from a template to a new start date, with a recurring series of
// meetings added to the copy; axe on the copy form and on a project page with a series, in both languages.

const ZONE = 'Europe/Oslo';
const oslo = (v: string | Date) => DateTime.fromJSDate(new Date(v)).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm");

describe('projects that start from a template, in Chromium (issue 20)', () => {
  const e2e = setUpE2e();
  let facilitator: BuiltUser;
  let templateId: number;
  let copyId: number;
  let skills: number[];

  before(async () => {
    const db = e2e.live.db;
    const orgId = await buildOrganisation(db, { name: 'Malkommune' });
    facilitator = await buildUser(db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    templateId = await buildProject(db, orgId, {
      title: 'Pasientforløp kreft',
      startsOn: '2027-01-01',
      endsOn: '2027-06-30',
    });
    await table(db, 'projects')
      .where({ id: templateId })
      .update({ purpose: 'Bedre overganger', what_matters: 'Å slippe å fortelle alt på nytt', location: 'Solheim' });
    skills = [
      await buildSkill(db, orgId, { nameNb: 'Erfaring med cellegift', nameEn: 'Experience of chemotherapy' }),
      await buildSkill(db, orgId, { nameNb: 'Pårørende til kreftsyk', nameEn: 'Next of kin of a cancer patient' }),
    ];
    await db('project_requirements').insert([
      { project_id: templateId, skill_id: skills[0], must: true, min_level: 2 },
      { project_id: templateId, skill_id: skills[1], must: false, min_level: 1 },
    ]);
    // 10:00 on 11 January and 18:00 on 1 March, Oslo time
    await buildMeeting(db, orgId, templateId, {
      startsAt: '2027-01-11T09:00:00.000Z',
      endsAt: '2027-01-11T11:00:00.000Z',
    });
    await buildMeeting(db, orgId, templateId, {
      startsAt: '2027-03-01T17:00:00.000Z',
      endsAt: '2027-03-01T19:00:00.000Z',
    });
  });

  const signIn = (context: BrowserContext): Promise<Page> => signInInBrowser(context, e2e.live.baseUrl, facilitator);

  it('copies the template to a new start date and adds a series every 2 weeks to the copy', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false });
    const page = await signIn(context);
    await page.goto(`${e2e.live.baseUrl}/projects/${templateId}`);
    await page.getByRole('link', { name: 'Kopier', exact: true }).click();
    await page.waitForURL(/\/projects\/\d+\/copy$/);
    expect(await page.locator('#title').inputValue()).to.equal('Pasientforløp kreft (kopi)');

    // a period that ends before it starts is refused, with what was typed kept
    await page.locator('#startsOn').fill('2027-08-02');
    await page.locator('#endsOn').fill('2027-07-01');
    await page.getByRole('button', { name: 'Lag kopien' }).click();
    expect(await page.locator('.ds-error-summary').textContent()).to.contain('kan ikke slutte før det starter');
    expect(await page.locator('#startsOn').inputValue()).to.equal('2027-08-02');
    await page.locator('#endsOn').fill('');
    await page.getByRole('button', { name: 'Lag kopien' }).click();
    await page.waitForURL(/\/projects\/\d+$/);
    copyId = Number(/\/projects\/(\d+)$/.exec(page.url())![1]);
    expect(copyId).to.not.equal(templateId);
    expect(await page.locator('#copied-from').textContent()).to.contain('Kopiert fra Pasientforløp kreft');
    const requirements = await page.locator('#section-requirements').locator('..').textContent();
    expect(requirements).to.contain('Erfaring med cellegift');
    expect(requirements).to.contain('Pårørende til kreftsyk');

    // a series on the copy: every 2 weeks from Monday 16 August to 8 November, across the end of summer time
    await page.locator('summary', { hasText: 'Nytt møte' }).click();
    expect(await page.locator('#place').inputValue()).to.equal('Solheim');
    await page.locator('#date').fill('2027-08-16');
    await page.locator('#startTime').fill('18:00');
    await page.locator('#endTime').fill('20:00');
    await page.locator('#repeatWeeks').selectOption({ label: 'Hver 2. uke' });
    await page.locator('#repeatUntil').fill('2027-11-08');
    await page.locator('form[action$="/meetings"] button[type=submit]').click();
    await page.waitForURL(/#section-meetings$/);
    expect(await page.locator('.ds-tag', { hasText: 'del av en serie, hver 2. uke' }).count()).to.equal(7);
    await page.screenshot({ path: path.join(screenshotDir, 'nb_project-copy-with-series.png'), fullPage: true });
    await context.close();

    const copied = await table(e2e.live.db, 'project_requirements').where({ project_id: copyId }).orderBy('skill_id');
    expect(copied.map((r) => [r.skill_id, Boolean(r.must), r.min_level])).to.deep.equal([
      [skills[0], true, 2],
      [skills[1], false, 1],
    ]);
    const meetings = await table(e2e.live.db, 'meetings').where({ project_id: copyId }).orderBy('starts_at');
    const single = meetings.filter((m) => !m.series_id).map((m) => oslo(m.starts_at));
    // the template's meetings moved 213 days (1 January → 2 August), each at its own time of day
    expect(single).to.deep.equal(['2027-08-12T10:00', '2027-09-30T18:00']);
    const series = meetings.filter((m) => m.series_id);
    expect(series.map((m) => oslo(m.starts_at))).to.deep.equal(
      ['08-16', '08-30', '09-13', '09-27', '10-11', '10-25', '11-08'].map((d) => `2027-${d}T18:00`),
    );
    expect(new Set(series.map((m) => m.series_id)).size).to.equal(1);
  });

  for (const locale of ['nb', 'en'] as const) {
    it(`has no axe violations on the copy form and a project page with a series in ${locale === 'nb' ? 'Norwegian' : 'English'}`, async () => {
      const context = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await signIn(context);
      if (locale === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.waitForURL(`${e2e.live.baseUrl}/`);
      }
      for (const p of [`/projects/${templateId}/copy`, `/projects/${copyId}`]) {
        const response = await page.goto(e2e.live.baseUrl + p);
        expect(response?.status(), p).to.equal(200);
        await expectNoAxeViolations(page, `${p} (${locale})`);
        await page.screenshot({
          path: path.join(screenshotDir, `${locale}${p.replace(/\//g, '_')}.png`),
          fullPage: true,
        });
      }
      expect(
        await page.locator('.ds-tag', { hasText: locale === 'nb' ? 'hver 2. uke' : 'every 2 weeks' }).count(),
      ).to.equal(7);

      // the copy form refused: the error summary and the messages by the fields
      await page.goto(`${e2e.live.baseUrl}/projects/${templateId}/copy`);
      await page.locator('#startsOn').fill('');
      await page.locator('form.app-form button[type=submit]').click();
      expect(await page.locator('.ds-error-summary').count()).to.equal(1);
      await expectNoAxeViolations(page, `refused copy form (${locale})`);

      // a series with no end refused: the meeting form comes back open, with its message
      await page.goto(`${e2e.live.baseUrl}/projects/${copyId}`);
      await page.locator('summary', { hasText: locale === 'nb' ? 'Nytt møte' : 'New meeting' }).click();
      await page.locator('#date').fill('2027-09-06');
      await page.locator('#startTime').fill('10:00');
      await page.locator('#endTime').fill('11:00');
      await page.locator('#repeatWeeks').selectOption('1');
      // wait for the answer itself (a busy CI machine once took longer than a locator's wait), and say its status if it fails
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/meetings'), {
          timeout: 30000,
        }),
        page.locator('form[action$="/meetings"] button[type=submit]').click(),
      ]);
      expect(refused.status()).to.equal(422);
      await page.waitForLoadState('domcontentloaded');
      expect(await page.locator('#repeatUntil-error').textContent()).to.contain(
        locale === 'nb' ? 'Skriv inn siste dag for serien.' : 'Enter the last day of the series.',
      );
      expect(await page.locator('#date').inputValue()).to.equal('2027-09-06');
      await expectNoAxeViolations(page, `project with a refused series (${locale})`);
      await context.close();
    });
  }
});
