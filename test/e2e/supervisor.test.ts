import { expect } from 'chai';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
  buildInvitation,
  buildInvolvement,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { setUpE2e } from '../helpers/e2e.js';
import { insertReturningIds } from '../../src/db.js';

// Issue 14 item 11 in Chromium: a supervisor signs in, sees the latest headline figures with links, opens the
// read-only project list and a project page; the browser's own request for /favicon.ico gets an icon. Item 8's
// team line is on the same project page.
describe('a supervisor without dead ends, in Chromium (issue 14 items 11 and 8)', () => {
  const e2e = setUpE2e();
  const users: Partial<Record<'nb' | 'en', BuiltUser>> = {};
  let project: number;

  before(async () => {
    const org = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    users.nb = await buildUser(e2e.live.db, org, { role: 'supervisor', name: 'Siri Leder' });
    users.en = await buildUser(e2e.live.db, org, { role: 'supervisor', name: 'Sam Manager', locale: 'en' });
    const now = new Date().toISOString();
    const [unit] = await insertReturningIds(e2e.live.db, 'units', [
      { organisation_id: org, name: 'Hjemmetjenesten', kind: 'home_care', created_at: now },
    ]);
    project = await buildProject(e2e.live.db, org, {
      title: 'Trygg utskriving',
      seats: 3,
      startsOn: e2e.live.clock.now().minus({ months: 2 }).toISODate()!,
      endsOn: e2e.live.clock.now().plus({ months: 6 }).toISODate()!,
    });
    await buildProject(e2e.live.db, org, {
      title: 'Bedre innkomst',
      seats: 2,
      startsOn: '2099-01-01',
      endsOn: '2099-12-31',
    });
    await e2e.live.db('projects').where({ id: project }).update({ unit_id: unit, phase: 'running' });
    const named = await buildRepresentative(e2e.live.db, org, {
      name: 'Åse Ødegård',
      consents: ['roster', 'email_contact', 'named_in_reports'],
    });
    const unnamed = await buildRepresentative(e2e.live.db, org, { name: 'Bjørn Berg', kind: 'next_of_kin' });
    for (const rep of [named, unnamed]) {
      await buildInvitation(
        e2e.live.db,
        org,
        { projectId: project, representativeId: rep, status: 'accepted' },
        { createdAt: now },
      );
      await buildInvolvement(
        e2e.live.db,
        org,
        { projectId: project, representativeId: rep, occurredOn: e2e.live.clock.now().toISODate()! },
        { minutes: 90, attended: true, honorariumOre: 45000, createdAt: now },
      );
    }
    await e2e.live.db('organisations').where({ id: org }).increment('roster_version', 1);
  });

  const text = {
    nb: {
      figures: 'Siste tall',
      hours: '3',
      projectsLink: 'Se prosjektene',
      reportLink: 'Se hele rapporten',
      phase: 'Pågår',
      // issue 15 finding 4: a team of two reads as fewer than 5
      seats: '3 plasser, færre enn 5 i teamet',
      others: 'og færre enn 5 andre representanter',
    },
    en: {
      figures: 'Latest figures',
      hours: '3',
      projectsLink: 'See the projects',
      reportLink: 'See the full report',
      phase: 'Running',
      seats: '3 seats, fewer than 5 on the team',
      others: 'and fewer than 5 other representatives',
    },
  };

  for (const locale of ['nb', 'en'] as const) {
    it(`signs in to the figures, opens the project list and a project page, with a favicon (${locale})`, async () => {
      const t = text[locale];
      const context = await e2e.browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
      const page = await signInInBrowser(context, e2e.live.baseUrl, users[locale]!);

      const figures = page.locator('section[aria-labelledby="dash-figures"]');
      expect(await figures.locator('h2').innerText()).to.equal(t.figures);
      const shown = await figures.locator('.app-headline__figure').allInnerTexts();
      expect(shown).to.have.length(5);
      // the second project starts long after the last 12 months
      expect(shown[0]).to.equal('1 / 1');
      expect(shown[2]).to.equal(t.hours);
      expect(await figures.getByRole('link', { name: t.reportLink }).getAttribute('href')).to.equal('/reports');
      await expectNoAxeViolations(page, `supervisor dashboard (${locale})`);

      await figures.getByRole('link', { name: t.projectsLink }).click();
      await page.waitForURL(`${e2e.live.baseUrl}/projects`);
      const row = page.locator('tr', { hasText: 'Trygg utskriving' });
      const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim());
      expect(cells.slice(0, 4)).to.deep.equal(['Trygg utskriving', t.phase, 'Hjemmetjenesten', t.seats]);
      expect(await page.locator('a[href="/projects/new"]').count()).to.equal(0);
      expect(await page.locator('main').innerText()).to.not.match(/@/);
      await expectNoAxeViolations(page, `supervisor project list (${locale})`);

      await row.getByRole('link', { name: 'Trygg utskriving' }).click();
      await page.waitForURL(`${e2e.live.baseUrl}/projects/${project}`);
      const team = await page.locator('section[aria-labelledby="section-team"]').innerText();
      expect(team).to.contain('Åse Ødegård');
      expect(team).to.contain(t.others);
      expect(team).to.not.contain('Bjørn Berg');
      await expectNoAxeViolations(page, `supervisor project page (${locale})`);

      // headless Chromium does not fetch icons by itself: fetch /favicon.ico and every icon the page links to
      const icons = [
        '/favicon.ico',
        ...(await page
          .locator('link[rel="icon"]')
          .evaluateAll((links) => links.map((l) => l.getAttribute('href') ?? ''))),
      ];
      expect(icons).to.include.members(['/favicon.ico', '/assets/favicon.svg']);
      for (const href of icons) {
        const icon = await page.request.get(e2e.live.baseUrl + href);
        expect(icon.status(), href).to.equal(200);
        expect(icon.headers()['content-type'], href).to.match(/^image\//);
      }
      await context.close();
    });
  }
});
