import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { DateTime } from 'luxon';
import {
  buildMeeting,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { setUpE2e } from '../helpers/e2e.js';

// Issue 20 ("done when"): two facilitators share an organisation; one hands a project to the other, whose worklist
// then shows it; axe clean on the hand-over pages and /account in both languages; the calendar feed serves the
// meetings of one's projects.
describe('two facilitators: a project handed over, /account and the calendar feed in Chromium', () => {
  const e2e = setUpE2e();
  let anne: BuiltUser;
  let bjorn: BuiltUser;
  let projectId: number;

  before(async () => {
    const db = e2e.live.db;
    const orgId = await buildOrganisation(db, { name: 'Eksempel kommune' });
    anne = await buildUser(db, orgId, { role: 'facilitator', name: 'Anne Borte' });
    // the second facilitator, created by the test's builders
    bjorn = await buildUser(db, orgId, { role: 'facilitator', name: 'Bjørn Kollega' });
    projectId = await buildProject(db, orgId, { title: 'Trygg utskriving fra sykehus' });
    const second = await buildProject(db, orgId, { title: 'Brukerråd psykisk helse' });
    await db('projects').whereIn('id', [projectId, second]).update({ facilitator_user_id: anne.id, phase: 'planning' });
    // a meeting in two days: on the worklist's "meetings this week" of whoever is responsible
    const start = DateTime.utc().plus({ days: 2 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
    await buildMeeting(db, orgId, projectId, {
      startsAt: start.toISO(),
      endsAt: start.plus({ hours: 2 }).toISO(),
      place: 'Helsehuset, møterom 3',
    });
    const rep = await buildRepresentative(db, orgId, { name: 'Ola Nordmann' });
    await db('representatives').where({ id: rep }).update({ contact_user_id: anne.id });
  });

  it('hands a project to a colleague, whose worklist then shows it', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page: Page = await signInInBrowser(context, e2e.live.baseUrl, anne);
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}`);
    await page.getByRole('link', { name: 'Gi til en kollega' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/projects/${projectId}/hand-over`);
    await expectNoAxeViolations(page, '/projects/:id/hand-over (nb)');
    // refused without a colleague: the error summary and the message by the field
    await page.getByRole('button', { name: 'Gi videre' }).click();
    expect(await page.locator('.ds-error-summary').count()).to.equal(1);
    await expectNoAxeViolations(page, '/projects/:id/hand-over refused (nb)');
    await page.getByRole('button', { name: 'English' }).click();
    await expectNoAxeViolations(page, '/projects/:id/hand-over (en)');
    await page.getByLabel('Hand over to').selectOption({ label: 'Bjørn Kollega' });
    await page.getByLabel('Message to your colleague (optional)').fill('The room is booked.');
    await page.getByRole('button', { name: 'Hand over' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/projects/${projectId}`);
    expect(await page.locator('.app-flash').first().textContent()).to.contain('The project has a new responsible');
    const mail = await e2e.live.db('outbox_messages').where({ kind: 'handover', to_address: bjorn.email });
    expect(mail).to.have.length(1);
    await context.close();

    const other = await e2e.browser.newContext({ locale: 'nb-NO' });
    const bPage = await signInInBrowser(other, e2e.live.baseUrl, bjorn);
    await bPage.goto(`${e2e.live.baseUrl}/?view=mine`);
    expect(await bPage.locator('main').textContent()).to.contain('Trygg utskriving fra sykehus');
    await other.close();
  });

  it('shows /account and the hand-over of everything accessibly in both languages, and serves the calendar feed', async () => {
    // the first test switched Anne to English (the language choice is kept with the user)
    await e2e.live.db('users').where({ id: anne.id }).update({ locale: 'nb' });
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page: Page = await signInInBrowser(context, e2e.live.baseUrl, anne);
    await page.getByRole('link', { name: 'Anne Borte' }).first().click();
    await page.waitForURL(`${e2e.live.baseUrl}/account`);
    await expectNoAxeViolations(page, '/account (nb)');
    await page.getByRole('button', { name: 'Lag kalenderadresse' }).click();
    await page.waitForURL(/\/account/);
    const address = (await page.locator('.app-secret code').textContent())!;
    expect(address).to.match(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await expectNoAxeViolations(page, '/account with the new calendar address (nb)');
    const feed = await page.request.get(`${e2e.live.baseUrl}${new URL(address).pathname}`);
    expect(feed.status()).to.equal(200);
    expect(feed.headers()['content-type']).to.equal('text/calendar; charset=utf-8');
    // the first project went to the colleague: its meeting left this feed
    expect(await feed.text()).not.to.contain('Trygg utskriving');
    await page.getByRole('button', { name: 'English' }).click();
    await expectNoAxeViolations(page, '/account (en)');

    await page.getByRole('link', { name: 'Hand over all projects and people to a colleague' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/account/hand-over`);
    expect(await page.locator('main').textContent()).to.contain('Open projects: 1. People as contact person: 1.');
    await expectNoAxeViolations(page, '/account/hand-over (en)');
    await page.getByRole('button', { name: 'Norsk (bokmål)' }).click();
    await expectNoAxeViolations(page, '/account/hand-over (nb)');
    await page.getByLabel('Gi til').selectOption({ label: 'Bjørn Kollega' });
    await page.getByRole('button', { name: 'Gi fra meg 1 prosjekter og 1 personer' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/account`);
    expect(await page.locator('.app-flash').first().textContent()).to.contain(
      'Gitt videre: 1 prosjekter og 1 personer.',
    );
    await context.close();
  });
});
