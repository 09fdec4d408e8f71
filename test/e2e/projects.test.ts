import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import {
  buildContact,
  buildOrganisation,
  buildRepresentative,
  buildSkill,
  buildUser,
  type BuiltUser,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';

describe('projects and matching in Chromium', () => {
  const e2e = setUpE2e();
  let facilitator: BuiltUser;
  let supervisor: BuiltUser;
  let contact: number;
  let projectId: number;

  before(async () => {
    const orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    supervisor = await buildUser(e2e.live.db, orgId, { role: 'supervisor' });
    contact = await buildContact(e2e.live.db, orgId, { name: 'Ingrid Haugen', email: 'ingrid@kommune.no' });
    const dementia = await buildSkill(e2e.live.db, orgId, {
      nameNb: 'Pårørende til person med demens',
      nameEn: 'Next of kin of a person with dementia',
      category: 'lived_experience',
    });
    const project = await buildSkill(e2e.live.db, orgId, { nameNb: 'Prosjektarbeid', nameEn: 'Project work' });
    await buildRepresentative(e2e.live.db, orgId, {
      name: 'Åse Ødegård',
      kind: 'next_of_kin',
      email: 'aase@example.no',
      consents: ['roster', 'email_contact', 'health_experience', 'named_in_reports'],
      skills: [
        { skillId: dementia, level: 3 },
        { skillId: project, level: 2 },
      ],
    });
    await buildRepresentative(e2e.live.db, orgId, {
      name: 'Bjørn Berg',
      area: 'Nordbyen',
      email: 'bjorn@example.no',
      skills: [{ skillId: dementia, level: 2 }],
    });
    await buildRepresentative(e2e.live.db, orgId, {
      name: 'Cecilie Dahl',
      email: 'cecilie@example.no',
      skills: [{ skillId: dementia, level: 1 }],
    });
  });

  const signIn = (context: BrowserContext, user: BuiltUser): Promise<Page> =>
    signInInBrowser(context, e2e.live.baseUrl, user);

  it('creates a project with requirements and a meeting, sees ranked candidates with reasons, and shortlists two', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO', javaScriptEnabled: false });
    const page = await signIn(context, facilitator);
    await page.getByRole('link', { name: 'Prosjekter' }).first().click();
    await page.getByRole('link', { name: 'Nytt prosjekt' }).click();
    await page.locator('#title').fill('Bedre innkomst på sykehjem');
    await page.locator('#whatMatters').fill('Å bli kjent med de ansatte før flyttingen');
    await page.locator('#ownerContactId').selectOption(String(contact));
    await page.locator('#seats').fill('0');
    await page.locator('#startsOn').fill('2027-01-01');
    await page.locator('#endsOn').fill('2027-06-30');
    await page.getByRole('button', { name: 'Lagre' }).click();
    expect(await page.locator('.ds-error-summary').textContent()).to.contain('fra 1 til 50');
    expect(await page.locator('#title').inputValue()).to.equal('Bedre innkomst på sykehjem');
    await page.locator('#seats').fill('2');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await page.waitForURL(/\/projects\/\d+$/);
    projectId = Number(/\/projects\/(\d+)$/.exec(page.url())![1]);

    // issue 17: the secondary forms open on demand (a <details> per form, no script)
    await page.locator('summary', { hasText: 'Nytt krav' }).click();
    await page.locator('#skillId').selectOption({ label: 'Pårørende til person med demens' });
    await page.getByLabel('må ha').check();
    await page.getByLabel('Erfaren').check();
    await page.getByRole('button', { name: 'Legg til krav' }).click();
    await page.locator('summary', { hasText: 'Nytt krav' }).click();
    await page.locator('#skillId').selectOption({ label: 'Prosjektarbeid' });
    await page.getByLabel('fint å ha').check();
    await page.getByRole('button', { name: 'Legg til krav' }).click();
    await page.locator('summary', { hasText: 'Nytt møte' }).click();
    await page.locator('#date').fill('2027-02-01');
    await page.locator('#startTime').fill('10:00');
    await page.locator('#endTime').fill('12:00');
    await page.locator('#place').fill('Solheim, møterom 2');
    await page.getByRole('button', { name: 'Legg til møte' }).click();
    expect(await page.locator('section[aria-labelledby="section-meetings"]').textContent()).to.contain(
      'Solheim, møterom 2',
    );

    await page.getByRole('link', { name: 'Finn representanter' }).click();
    const names = (await page.locator('.app-candidate h3 a').allTextContents()).map((s) => s.trim());
    expect(names).to.deep.equal(['Åse Ødegård', 'Bjørn Berg']);
    const first = await page.locator('.app-candidate').first().textContent();
    expect(first).to.contain('Har 1 av 1 ønskede ferdigheter');
    expect(first).to.contain('Gir et pårørendeperspektiv');
    expect(await page.locator('details.app-details').textContent()).to.contain('Mangler noe prosjektet må ha: 1');
    await page.getByRole('button', { name: 'Sett på kortliste Åse Ødegård' }).click();
    await page.getByRole('button', { name: 'Sett på kortliste Bjørn Berg' }).click();
    expect(await page.locator('.app-candidate .ds-tag').count()).to.equal(2);
    await page.locator('#q').fill('cecilie');
    await page.getByRole('button', { name: 'Slå opp' }).click();
    // issue 14 item 5: the reason names the must-have skill and level
    expect(await page.locator('section[aria-labelledby="lookup-heading"]').textContent()).to.contain(
      'Mangler Pårørende til person med demens (minst erfaren, har grunnleggende), som prosjektet må ha',
    );
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}`);
    expect(await page.locator('section[aria-labelledby="section-team"]').textContent()).to.contain('på kortliste');
    await context.close();
  });

  it('lets a supervisor read the project page without contact details', async () => {
    await e2e.live.db('invitations').where({ project_id: projectId }).update({ status: 'accepted' });
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signIn(context, supervisor);
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).to.contain('Bedre innkomst på sykehjem');
    expect(main).to.contain('Åse Ødegård');
    expect(main).to.not.contain('Bjørn Berg');
    // issue 14 item 8: the unnamed member as a count, not as a kind beside the named person
    expect(main).to.contain('og færre enn 5 andre representanter');
    expect(main).to.not.contain('Brukerrepresentant');
    expect(main).to.not.match(/@/);
    expect(await page.locator('a[href^="/representatives/"]').count()).to.equal(0);
    await expectNoAxeViolations(page, 'project page for a supervisor');
    await context.close();
  });

  for (const locale of ['nb', 'en'] as const) {
    it(`has no axe violations on projects, matches, units and contacts in ${locale === 'nb' ? 'Norwegian' : 'English'}`, async () => {
      const context = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await signIn(context, facilitator);
      if (locale === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.waitForURL(`${e2e.live.baseUrl}/`);
      }
      for (const p of [
        '/',
        '/projects',
        '/projects/new',
        `/projects/${projectId}`,
        `/projects/${projectId}/edit`,
        `/projects/${projectId}/matches?q=c`,
        '/units',
        '/contacts',
        '/contacts/new',
        `/contacts/${contact}`,
      ]) {
        const response = await page.goto(e2e.live.baseUrl + p);
        expect(response?.status(), p).to.equal(200);
        await expectNoAxeViolations(page, `${p} (${locale})`);
        await page.screenshot({
          path: path.join(screenshotDir, `${locale}${p.replace(/[/?=]/g, '_')}.png`),
          fullPage: true,
        });
      }
      await page.goto(`${e2e.live.baseUrl}/projects/${projectId}`);
      await page.locator('summary', { hasText: locale === 'nb' ? 'Nytt møte' : 'New meeting' }).click();
      await page.locator('#date').fill('2030-01-01');
      await page.locator('#startTime').fill('10:00');
      await page.locator('#endTime').fill('09:00');
      await page.locator('form[action$="/meetings"] button[type=submit]').click();
      expect(await page.locator('.ds-error-summary').count()).to.equal(1);
      // the refused form comes back open, with its messages and what was typed in sight
      expect(await page.locator('details:has(form[action$="/meetings"])').getAttribute('open')).to.equal('');
      await expectNoAxeViolations(page, `project with a refused meeting (${locale})`);
      await context.close();
    });
  }
});
