import { expect } from 'chai';
import { DateTime } from 'luxon';
import {
  buildInvitation,
  buildMeeting,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { setUpE2e } from '../helpers/e2e.js';

describe('the worklist in Chromium (issue 20, item 1)', () => {
  const e2e = setUpE2e();
  let kari: BuiltUser;
  let jonas: BuiltUser;

  before(async () => {
    const db = e2e.live.db;
    const org = await buildOrganisation(db, { name: 'Eksempel kommune' });
    kari = await buildUser(db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    jonas = await buildUser(db, org, { role: 'facilitator', name: 'Jonas Kollega', locale: 'en' });
    const mine = await buildProject(db, org, { title: 'Trygg utskriving', seats: 2 });
    const theirs = await buildProject(db, org, { title: 'Hverdagsrehabilitering', seats: 2 });
    await db('projects').where({ id: mine }).update({ facilitator_user_id: kari.id });
    await db('projects').where({ id: theirs }).update({ facilitator_user_id: jonas.id });
    const per = await buildRepresentative(db, org, { name: 'Per Borte' });
    await buildInvitation(db, org, { projectId: mine, representativeId: per, status: 'undeliverable' });
    const soon = DateTime.utc().plus({ days: 2 }).startOf('hour');
    await buildMeeting(db, org, mine, { startsAt: soon.toISO(), endsAt: soon.plus({ hours: 2 }).toISO() });
    const tone = await buildRepresentative(db, org, {
      name: 'Tone Termin',
      termEnd: DateTime.utc().plus({ days: 20 }).toISODate(),
    });
    await db('representatives').where({ id: tone }).update({ contact_user_id: kari.id });
    const siri = await buildRepresentative(db, org, { name: 'Siri Svar' });
    await buildInvitation(
      db,
      org,
      { projectId: theirs, representativeId: siri, status: 'accepted' },
      { respondedAt: DateTime.utc().minus({ hours: 3 }).toISO() },
    );
  });

  it('groups Kari’s items, snoozes one and marks one done by buttons that name the item, and shows the organisation’s on "All"; axe clean in Norwegian and English', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, kari);
    expect(await page.getByRole('heading', { name: 'Å gjøre' }).isVisible()).to.equal(true);
    expect(await page.getByRole('link', { name: 'Mine' }).getAttribute('aria-current')).to.equal('page');
    expect(await page.getByRole('heading', { level: 3 }).allTextContents()).to.deep.equal([
      'Nå og i dag (2)',
      'Denne uka (1)',
      'Snart (1)',
    ]);
    expect(await page.locator('#worklist').textContent()).to.not.contain('Siri Svar');
    await expectNoAxeViolations(page, 'the worklist (nb)');

    const undeliverable = 'Trygg utskriving: invitasjonen til Per Borte kom ikke fram';
    const item = page.locator('li[data-item^="undeliverable:"]');
    await item.locator('summary').click();
    await item.getByLabel('Utsett til').fill(DateTime.utc().plus({ days: 3 }).toISODate());
    await item.getByRole('button', { name: `Utsett: ${undeliverable}` }).click();
    await page.waitForURL(/view=mine#worklist$/);
    expect(await page.getByText(/^Utsatt til .* for hele teamet\.$/).count()).to.equal(1);
    await page.getByRole('button', { name: /^Marker som gjort: Trygg utskriving: møte / }).click();
    await page.waitForURL(/view=mine#worklist$/);
    expect(await page.getByRole('heading', { level: 3 }).allTextContents()).to.deep.equal([
      'Nå og i dag (1)',
      'Snart (1)',
    ]);
    await page.getByText('Gjort og utsatt (2)').click();
    expect(await page.locator('details.app-collapsible').textContent()).to.contain('av Kari Tilrettelegger');
    await expectNoAxeViolations(page, 'the worklist with marks shown (nb)');

    await page.getByRole('link', { name: 'Hele organisasjonens' }).click();
    expect(await page.locator('#worklist').textContent()).to.contain('Hverdagsrehabilitering: Siri Svar');
    await expectNoAxeViolations(page, 'the organisation’s worklist (nb)');
    await context.close();

    const english = await e2e.browser.newContext({ locale: 'en-GB' });
    const jonasPage = await signInInBrowser(english, e2e.live.baseUrl, jonas);
    expect(await jonasPage.getByRole('heading', { name: 'To do' }).isVisible()).to.equal(true);
    expect(await jonasPage.locator('#worklist').textContent()).to.contain('Hverdagsrehabilitering: Siri Svar');
    await expectNoAxeViolations(jonasPage, 'the worklist (en)');
    await english.close();
  });
});
