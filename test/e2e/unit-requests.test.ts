import path from 'node:path';
import { expect } from 'chai';
import {
  buildContact,
  buildInvitation,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';

// Issue 21, item 4 ("done when"): a unit's request, sent in a browser without an account, becomes a project with one
// click; the project's owner gets the e-mail that the team is complete through the real SMTP server; axe clean on
// the request form and the requests page in both languages.
describe('a unit asks for involvement, and the owner hears back, in Chromium with a real SMTP server', () => {
  const e2e = setUpE2e({ smtp: true });
  let facilitator: BuiltUser;
  let projectId: number;

  before(async () => {
    const db = e2e.live.db;
    const orgId = await buildOrganisation(db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    const owner = await buildContact(db, orgId, { name: 'Ingrid Eier', email: 'ingrid.eier@test.example' });
    projectId = await buildProject(db, orgId, { title: 'Trygg utskriving', seats: 1 });
    await db('projects')
      .where({ id: projectId })
      .update({ owner_contact_id: owner, facilitator_user_id: facilitator.id });
    const rep = await buildRepresentative(db, orgId, { name: 'Odd Telefon', email: null });
    await buildInvitation(db, orgId, { projectId, representativeId: rep, status: 'sent' }, { channel: 'phone' });
  });

  it('turns a unit’s request into a project, and tells the owner by e-mail when the team is complete', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, facilitator);
    await page.goto(`${e2e.live.baseUrl}/requests`);
    await page.getByRole('button', { name: 'Lag en adresse' }).click();
    const message = (await page.locator('.app-flash').textContent()) ?? '';
    const address = /(http\S*\/ask\/[A-Za-z0-9_-]{43})/.exec(message)?.[1];
    expect(address, message).to.be.a('string');

    // a unit leader without an account
    const unit = await e2e.browser.newContext({ locale: 'nb-NO' });
    const form = await unit.newPage();
    await form.goto(address!);
    await expectNoAxeViolations(form, '/ask/:token (nb)');
    await form.getByRole('button', { name: 'Send forespørselen' }).click();
    expect(await form.locator('#error-summary').count()).to.equal(1);
    await expectNoAxeViolations(form, '/ask/:token with errors (nb)');
    await form.getByLabel('Enhet eller tjeneste').fill('Hjemmetjenesten Nord');
    await form.getByLabel('Hva vil dere forbedre?').fill('Bedre overgang fra sykehus til hjem');
    await form.getByLabel('For hvem?').fill('Eldre som skrives ut');
    await form.getByLabel('Når?').fill('Fra mars');
    await form.getByLabel('Ditt navn').fill('Ingrid Leder');
    await form.getByLabel('Din e-postadresse').fill('ingrid.leder@test.example');
    await form.getByRole('button', { name: 'Send forespørselen' }).click();
    expect(await form.locator('h1').textContent()).to.equal('Takk, forespørselen er sendt');
    // the language switch goes back to the form's address: the form in English
    await form.getByRole('button', { name: 'English' }).click();
    expect(await form.locator('h1').textContent()).to.equal('Ask for user involvement');
    await expectNoAxeViolations(form, '/ask/:token (en)');
    await unit.close();

    await page.goto(`${e2e.live.baseUrl}/`);
    expect(await page.locator('main').textContent()).to.contain('Hjemmetjenesten Nord ber om brukermedvirkning');
    await page.goto(`${e2e.live.baseUrl}/requests`);
    await expectNoAxeViolations(page, '/requests (nb)');
    await page.screenshot({ path: path.join(screenshotDir, 'nb_unit_requests.png'), fullPage: true });
    await page.getByRole('button', { name: /^Gjør om til prosjekt/ }).click();
    await page.waitForURL(/\/projects\/\d+\/edit$/);
    expect(await page.getByLabel('Tittel').inputValue()).to.equal(
      'Hjemmetjenesten Nord: Bedre overgang fra sykehus til hjem',
    );
    const told = await e2e.smtp.waitForMail('ingrid.leder@test.example', /er blitt et prosjekt/);
    expect(told.text).to.contain('Kari Tilrettelegger');
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`${e2e.live.baseUrl}/requests`);
    await expectNoAxeViolations(page, '/requests (en)');

    // the last seat of the owner's project is taken: Odd said yes on the phone
    await page.getByRole('button', { name: 'Norsk (bokmål)' }).click();
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/invitations`);
    await page.getByText('Registrer svar').click();
    await page.getByLabel('Vil være med').check();
    await page.getByRole('button', { name: 'Lagre svaret' }).click();
    const owner = await e2e.smtp.waitForMail('ingrid.eier@test.example', /^Teamet i «Trygg utskriving» er fullt$/);
    expect(owner.text).to.contain('1 representant har takket ja');
    expect(owner.text).not.to.contain('Odd Telefon');
    await context.close();
  });
});
