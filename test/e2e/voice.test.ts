import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { DEMO_LOGINS, seedDemo } from '../../seeds/demo.js';
import { buildInvolvement, buildMeeting, buildProject } from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';
import { table } from '../helpers/rows.js';

// Issue 22 ("done when"), in Chromium with a real SMTP server, on the demo municipality: a project moves to
// evaluating; three representatives answer by the links in their e-mail (the results page says "fewer than 5
// answers"); with five answers the averages appear on the results page and in the report; the representativeness
// section names the demo municipality's gaps. axe clean on the survey (also at 360 px) and the new admin pages, in
// both languages.
describe('the representatives’ voice and representativeness, in Chromium with a real SMTP server (issue 22)', function () {
  this.timeout(120_000);
  const e2e = setUpE2e({ smtp: true });
  const facilitator = DEMO_LOGINS.find((l) => l.role === 'facilitator')!;
  const admin = DEMO_LOGINS.find((l) => l.role === 'admin')!;
  const supervisor = DEMO_LOGINS.find((l) => l.role === 'supervisor')!;
  let projectId: number;
  const emails: string[] = [];

  before(async () => {
    const { db, config, clock } = e2e.live;
    await seedDemo(db, config, clock);
    const org = (await table(db, 'organisations').first())!.id;
    const kari = (await table(db, 'users').where({ email: facilitator.email }).first())!;
    projectId = await buildProject(db, org, { title: 'Kveldstilbud på dagsenteret', seats: 6 });
    await db('projects').where({ id: projectId }).update({ phase: 'running', facilitator_user_id: kari.id });
    const today = clock.now().toISODate()!;
    const meeting = await buildMeeting(db, org, projectId, {
      startsAt: clock.now().minus({ days: 3 }).toUTC().toISO()!,
      endsAt: clock.now().minus({ days: 3 }).plus({ hours: 2 }).toUTC().toISO()!,
    });
    // five active people of the demo who can be e-mailed took part
    const people = await db('representatives as r')
      .where({ 'r.organisation_id': org, 'r.status': 'active', 'r.email_undeliverable': false, 'r.locale': 'nb' })
      .whereNotNull('r.email')
      .whereExists((q) => {
        void q
          .select(db.raw('1'))
          .from('consents as c')
          .whereRaw('c.representative_id = r.id')
          .where({ 'c.purpose': 'email_contact' })
          .whereNull('c.withdrawn_at');
      })
      .orderBy('r.id')
      .limit(5)
      .select<Array<{ id: number; email: string }>>('r.id', 'r.email');
    expect(people).to.have.length(5);
    for (const p of people) {
      emails.push(p.email);
      await buildInvolvement(db, org, { projectId, representativeId: p.id, occurredOn: today }, { meetingId: meeting });
    }
  });

  const answer = async (email: string, scores: string[], freeText: string) => {
    const mail = await e2e.smtp.waitForMail(email, /^Hvordan var det å være med i Kveldstilbud på dagsenteret\?$/);
    const link = /(http\S*\/survey\/[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(link, mail.text).to.be.a('string');
    const context = await e2e.browser.newContext({ locale: 'nb-NO', viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(link!);
    const legends = [
      'Jeg var godt forberedt til arbeidet',
      'Jeg ble lyttet til',
      'Innspillene mine gjorde en forskjell',
      'Jeg ble behandlet som en likeverdig',
      'Jeg vil gjerne være med igjen',
    ];
    for (const [i, legend] of legends.entries()) {
      await page
        .getByRole('group', { name: legend })
        .getByLabel(new RegExp(`^${scores[i]} `))
        .check();
    }
    await page.getByLabel('Er det noe mer du vil fortelle oss?').fill(freeText);
    await page.getByRole('button', { name: 'Send svarene mine' }).click();
    expect(await page.locator('h1').textContent()).to.equal('Tusen takk!');
    await context.close();
  };

  async function results(page: Page): Promise<string> {
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/results`);
    return (await page.locator('#results-voice').locator('xpath=..').innerText()).replace(/\s+/g, ' ');
  }

  it('asks the team when the project moves to evaluating, and shows averages only from five answers', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, facilitator);
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}`);
    await page.locator('summary', { hasText: 'Flytt prosjektet til en annen fase' }).click();
    await page.getByLabel('Evaluering').check();
    await page.getByRole('button', { name: 'Endre fase' }).click();
    expect(await page.locator('.app-flash').textContent()).to.contain(
      'Undersøkelsen ble sendt på e-post til 5 som var med',
    );

    // the survey on a phone, axe clean in both languages, with its error summary
    const first = await e2e.smtp.waitForMail(emails[0]!, /Kveldstilbud på dagsenteret/);
    const link = /(http\S*\/survey\/[A-Za-z0-9_-]{43})/.exec(first.text)![1]!;
    const phone = await e2e.browser.newContext({ locale: 'nb-NO', viewport: { width: 360, height: 740 } });
    const survey = await phone.newPage();
    await survey.goto(link);
    await expectNoAxeViolations(survey, '/survey/:token (nb, 360 px)');
    await survey.getByRole('button', { name: 'Send svarene mine' }).click();
    expect(await survey.locator('#error-summary').count()).to.equal(1);
    await expectNoAxeViolations(survey, '/survey/:token with errors (nb, 360 px)');
    await survey.screenshot({ path: path.join(screenshotDir, 'nb_survey_phone.png'), fullPage: true });
    await survey.getByRole('button', { name: 'English' }).click();
    expect(await survey.locator('h1').textContent()).to.equal('How was it to take part?');
    await expectNoAxeViolations(survey, '/survey/:token (en, 360 px)');
    await survey.getByRole('button', { name: 'Norsk (bokmål)' }).click();
    await phone.close();

    await answer(emails[0]!, ['4', '5', '3', '5', '4'], 'Godt å bli hørt');
    await answer(emails[1]!, ['3', '4', '3', '4', '5'], '');
    await answer(emails[2]!, ['5', '5', '4', '5', '5'], 'Fint med kveldsmøter');
    expect(await results(page)).to.contain('Svar færre enn 5 svar');
    expect(await results(page)).not.to.match(/\d,\d av 5/);

    await answer(emails[3]!, ['4', '4', '2', '4', '4'], 'Litt mye fagspråk');
    await answer(emails[4]!, ['4', '5', '3', '5', '5'], '');
    const shown = await results(page);
    expect(shown).to.contain('Svar 5');
    expect(shown).to.contain('Jeg var godt forberedt til arbeidet 4 av 5');
    expect(shown).to.contain('Jeg ble lyttet til 4,6 av 5');
    expect(await page.locator('[data-free-texts] li').allTextContents()).to.deep.equal([
      'Fint med kveldsmøter',
      'Godt å bli hørt',
      'Litt mye fagspråk',
    ]);
    await page.screenshot({ path: path.join(screenshotDir, 'nb_results_voice.png'), fullPage: true });

    // the report (this month: only this project's answers) for the supervisor, with the representativeness
    const boss = await e2e.browser.newContext({ locale: 'nb-NO' });
    const report = await signInInBrowser(boss, e2e.live.baseUrl, supervisor);
    await report.goto(`${e2e.live.baseUrl}/reports?period=month`);
    const voice = (await report.locator('#r-voice').locator('xpath=..').innerText()).replace(/\s+/g, ' ');
    expect(voice).to.contain('Jeg ble lyttet til 4,6 av 5');
    const representation = (await report.locator('#r-representation').locator('xpath=..').innerText()).replace(
      /\s+/g,
      ' ',
    );
    expect(representation).to.contain('Hvem nettverket mangler');
    expect(representation).to.match(/30-49 år: 33 % av befolkningen; aktive representanter: /);
    expect(await report.locator('[data-gaps] li').count()).to.be.within(1, 3);
    expect((await report.locator('main').textContent())!).not.to.contain('Godt å bli hørt');
    await expectNoAxeViolations(report, '/reports with the survey and representativeness (nb, supervisor)');
    await report.screenshot({ path: path.join(screenshotDir, 'nb_report_voice.png'), fullPage: true });
    await boss.close();
    await context.close();
  });

  it('gives the admin the areas and the population, axe clean in both languages', async () => {
    for (const [locale, switchTo] of [
      ['nb', undefined],
      ['en', 'English'],
    ] as const) {
      const context = await e2e.browser.newContext({ locale: 'nb-NO' });
      const page = await signInInBrowser(context, e2e.live.baseUrl, admin);
      if (switchTo) await page.getByRole('button', { name: switchTo }).click();
      await page.goto(`${e2e.live.baseUrl}/admin/areas`);
      // the demo's two people with a typed-in area wait to be mapped
      expect(await page.locator('main').textContent()).to.contain('sentrum nord');
      await expectNoAxeViolations(page, `/admin/areas (${locale})`);
      await page.screenshot({ path: path.join(screenshotDir, `${locale}_admin_areas.png`), fullPage: true });
      await page.goto(`${e2e.live.baseUrl}/admin/population`);
      await expectNoAxeViolations(page, `/admin/population (${locale})`);
      // shares that do not add up: said by how much, what was typed kept
      await page.locator('#age-share_18-29').fill('10');
      await page.locator('#population-age').locator('xpath=..').getByRole('button').click();
      expect((await page.locator('#error-summary').textContent())!).to.match(
        locale === 'nb'
          ? /90,5 % til sammen: 9,5 prosentpoeng under 100 %/
          : /90.5 %: 9.5 percentage points short of 100 %/,
      );
      expect(await page.locator('#age-share_18-29').inputValue()).to.equal('10');
      await expectNoAxeViolations(page, `/admin/population with errors (${locale})`);
      await page.screenshot({ path: path.join(screenshotDir, `${locale}_admin_population.png`), fullPage: true });
      await context.close();
    }
  });
});
