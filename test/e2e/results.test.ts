import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import {
  buildImpact,
  buildInvitation,
  buildInvolvement,
  buildMeeting,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';

/** The pages of a PDF: its page objects (`/Type /Page`, not the `/Type /Pages` tree nodes). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
/** A4 in PDF points (about 595.9 x 842.9 as Chromium rounds it), each page's MediaBox. */
const A4_MEDIA_BOX = /\/MediaBox\s*\[\s*0\s+0\s+595\.\d+\s+84[12]\.\d+\s*\]/;

// Issue 21, item 1: a project's results page, reached from the project as a supervisor would, axe clean in both
// languages, and printed by Chromium on A4 by the page's own print style (no navigation or buttons on paper).
describe('a project’s results, read and printed by a supervisor', () => {
  const e2e = setUpE2e();
  let supervisor: BuiltUser;
  let projectId: number;

  before(async () => {
    const db = e2e.live.db;
    const orgId = await buildOrganisation(db, { name: 'Eksempel kommune' });
    supervisor = await buildUser(db, orgId, { role: 'supervisor', name: 'Siri Leder' });
    projectId = await buildProject(db, orgId, { title: 'Trygg utskriving fra sykehus', seats: 6 });
    await db('projects')
      .where({ id: projectId })
      .update({ purpose: 'Færre reinnleggelser etter utskriving', phase: 'evaluating' });
    for (let i = 0; i < 6; i += 1) {
      const rep = await buildRepresentative(db, orgId, {
        name: `Deltaker ${i}`,
        consents: i === 0 ? ['roster', 'email_contact', 'named_in_reports'] : undefined,
      });
      await buildInvitation(db, orgId, { projectId, representativeId: rep, status: 'accepted' });
      await buildInvolvement(db, orgId, { projectId, representativeId: rep, occurredOn: '2026-10-15' });
    }
    await buildMeeting(db, orgId, projectId, {
      startsAt: '2026-10-15T09:00:00.000Z',
      endsAt: '2026-10-15T11:00:00.000Z',
    });
    await buildImpact(db, orgId, projectId, {
      whatSaid: 'Ingen visste hvem de skulle ringe',
      whatChanged: 'Et telefonnummer på utskrivingsbrevet',
      status: 'adopted',
      decidedOn: '2026-11-20',
    });
  });

  it('opens from the project page, passes axe in both languages and prints on A4 without navigation', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, supervisor);
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}`);
    await page.getByRole('link', { name: /^Resultater:/ }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/projects/${projectId}/results`);
    const main = page.locator('main');
    expect(await main.textContent()).to.contain('Et telefonnummer på utskrivingsbrevet');
    expect(await main.textContent()).to.contain('Deltaker 0');
    expect(await main.textContent()).not.to.contain('Deltaker 1');
    await expectNoAxeViolations(page, '/projects/:id/results (nb)');
    await page.screenshot({ path: path.join(screenshotDir, 'nb_project_results.png'), fullPage: true });

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header nav').first().isVisible()).to.equal(false);
    expect(await page.getByText('Siden kan skrives ut på A4').isVisible()).to.equal(false);
    await page.emulateMedia({ media: 'screen' });
    const pdf = await page.pdf({ format: 'A4' });
    fs.writeFileSync(path.join(screenshotDir, 'nb_project_results.pdf'), pdf);
    expect(pageCount(pdf), 'pages').to.be.within(1, 3);
    expect(pdf.toString('latin1')).to.match(A4_MEDIA_BOX);

    await page.getByRole('button', { name: 'English' }).click();
    expect(await main.textContent()).to.contain('What the representatives said, and what changed');
    await expectNoAxeViolations(page, '/projects/:id/results (en)');
    await context.close();
  });
});
