import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
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
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';

/** The pages of a PDF: its page objects (`/Type /Page`, not the `/Type /Pages` tree nodes). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;

// Issue 20, item 5 ("done when"): a letter invitation printed (PDF via Chromium, one A4 page per person) and
// recorded; axe clean on the letters page and on the invitations page with its warning and note field.
describe('letter invitations printed in Chromium and recorded as sent', () => {
  const e2e = setUpE2e();
  let facilitator: BuiltUser;
  let projectId: number;
  let letterPeople: number[];

  before(async () => {
    const db = e2e.live.db;
    const orgId = await buildOrganisation(db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    await db('users').where({ id: facilitator.id }).update({ phone: '+47 22 00 00 01' });
    projectId = await buildProject(db, orgId, {
      title: 'Trygg utskriving fra sykehus',
      seats: 2,
      whatMatters: 'At hjemmetjenesten vet hva sykehuset har sagt',
    });
    await db('projects').where({ id: projectId }).update({
      facilitator_user_id: facilitator.id,
      purpose: 'Færre reinnleggelser etter utskriving',
      honorarium_applies: true,
    });
    for (const day of ['2027-02-03', '2027-02-17', '2027-03-03']) {
      await buildMeeting(db, orgId, projectId, {
        startsAt: `${day}T09:00:00.000Z`,
        endsAt: `${day}T11:00:00.000Z`,
        place: 'Helsehuset, møterom 3',
      });
    }
    letterPeople = [];
    for (const [name, address, locale] of [
      ['Liv Brev', 'Storgata 1\n0155 Oslo', 'nb'],
      ['John Letter', 'Lillevegen 2\n7010 Trondheim', 'en'],
    ] as const) {
      const rep = await buildRepresentative(db, orgId, { name, email: null });
      await db('representatives')
        .where({ id: rep })
        .update({ preferred_contact: 'letter', postal_address: address, locale });
      letterPeople.push(rep);
    }
    const byEmail = await buildRepresentative(db, orgId, { name: 'Berit Hansen', email: 'berit@test.example' });
    const onTeam = await buildRepresentative(db, orgId, { name: 'Per Med' });
    // the shortlist: two letters and an e-mail waiting, one already taking part (so 1 + 3 outnumber the 2 seats)
    for (const rep of [...letterPeople, byEmail]) {
      await buildInvitation(db, orgId, { projectId, representativeId: rep, status: 'draft' });
    }
    await buildInvitation(db, orgId, { projectId, representativeId: onTeam, status: 'accepted' });
  });

  const invitations = () => e2e.live.db('invitations').where({ project_id: projectId }).orderBy('id');

  it('shows the letters waiting, prints one A4 page per letter without changing anything, then records them', async () => {
    const staff = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page: Page = await signInInBrowser(staff, e2e.live.baseUrl, facilitator);
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/invitations`);
    const main = page.locator('main');
    expect(await main.textContent()).to.contain(
      'Du inviterer 3 nå, og 1 er allerede med, men prosjektet har 2 plasser.',
    );
    expect(await page.getByLabel('Et personlig ord fra deg (valgfritt)').count()).to.equal(1);
    await expectNoAxeViolations(page, '/projects/:id/invitations with the seats warning and the note (nb)');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await main.textContent()).to.contain('You are inviting 3 now and 1 are already taking part');
    expect(await page.getByLabel('A personal word from you (optional)').count()).to.equal(1);
    await expectNoAxeViolations(page, '/projects/:id/invitations with the seats warning and the note (en)');

    const before = await invitations();
    await page.getByRole('link', { name: 'Print the letters to 2 people who prefer a letter' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/projects/${projectId}/invitations/letters`);
    expect(await page.locator('article.app-letter').count()).to.equal(2);
    await expectNoAxeViolations(page, '/projects/:id/invitations/letters (en)');
    await page.getByRole('button', { name: 'Norsk (bokmål)' }).click();
    await expectNoAxeViolations(page, '/projects/:id/invitations/letters (nb)');
    const text = await main.textContent();
    expect(text).to.contain('Storgata 1');
    expect(text).to.contain('Kontaktpersonen din er Kari Tilrettelegger, telefon +47 22 00 00 01.');
    expect(text).to.contain('Your contact person is Kari Tilrettelegger, phone +47 22 00 00 01.');
    expect(text).to.contain('Svarslipp – Trygg utskriving fra sykehus');
    await page.screenshot({ path: path.join(screenshotDir, 'nb_invitation_letters.png'), fullPage: true });

    const pdf = await page.pdf({ format: 'A4' });
    fs.writeFileSync(path.join(screenshotDir, 'nb_invitation_letters.pdf'), pdf);
    // the letters as printed, for a look at the layout (navigation, buttons and instructions hidden)
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(screenshotDir, 'nb_invitation_letters_print.png'), fullPage: true });
    await page.emulateMedia({ media: null });
    expect(pageCount(pdf), 'pages in the printed letters').to.equal(2);
    expect(await invitations(), 'opening and printing the letters changed nothing').to.deep.equal(before);

    await page.getByRole('button', { name: 'Registrer 2 brev som sendt' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/projects/${projectId}/invitations`);
    expect(await page.locator('.app-flash').first().textContent()).to.contain('2 brev er registrert som sendt.');
    const letters = (await invitations()).filter((i: { representative_id: number }) =>
      letterPeople.includes(Number(i.representative_id)),
    );
    expect(letters.map((i: { status: string; channel: string }) => `${i.status}/${i.channel}`)).to.deep.equal([
      'sent/letter',
      'sent/letter',
    ]);
    const audited = await e2e.live.db('audit_events').where({ action: 'invitation.contacted' }).orderBy('entity_id');
    expect(audited.map((a: { entity_id: number }) => Number(a.entity_id))).to.deep.equal(
      letters.map((i: { id: number }) => Number(i.id)),
    );
    // the link to the letters is gone: none are waiting
    expect(await page.getByRole('link', { name: /Skriv ut brev/ }).count()).to.equal(0);
    await staff.close();
  });
});
