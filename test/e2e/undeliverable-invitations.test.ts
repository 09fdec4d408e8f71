import { expect } from 'chai';
import type { Page } from 'playwright-core';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
  buildInvitation,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser, type LiveApp } from '../helpers/browser.js';
import { setUpE2e } from '../helpers/e2e.js';
import { table, one } from '../helpers/rows.js';

/** Waits for the app's own worker (running as in `npm start`) to settle an invitation's status. */
async function statusBecomes(live: LiveApp, representativeId: number, status: string): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    const row = await table(live.db, 'invitations').where({ representative_id: representativeId }).first();
    if (row?.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 125));
  }
  throw new Error(`the invitation of ${representativeId} never became ${status}`);
}

describe('an invitation the mail server refuses, in Chromium (issue 14, item 3)', () => {
  const e2e = setUpE2e({ smtp: true });
  let facilitator: BuiltUser;
  let projectId: number;
  let per: number;
  let siri: number;
  let kari: number;

  before(async () => {
    e2e.smtp.refuseRecipient('per@test.example', 550, '5.1.1 <per@test.example>: Recipient address rejected');
    e2e.smtp.refuseRecipient('siri@test.example', 554, '5.7.1 Message rejected as spam');
    const orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    await e2e.live
      .db('organisations')
      .where({ id: orgId })
      .update({ settings: JSON.stringify({ emailsPerMinute: 0 }) });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    projectId = await buildProject(e2e.live.db, orgId, { title: 'Trygg utskriving fra sykehus', seats: 3 });
    await e2e.live.db('projects').where({ id: projectId }).update({ facilitator_user_id: facilitator.id });
    per = await buildRepresentative(e2e.live.db, orgId, { name: 'Per Borte', email: 'per@test.example' });
    siri = await buildRepresentative(e2e.live.db, orgId, { name: 'Siri Filter', email: 'siri@test.example' });
    kari = await buildRepresentative(e2e.live.db, orgId, { name: 'Kari Nordmann', email: 'kari@test.example' });
    await e2e.live.db('representatives').where({ id: per }).update({ phone: '+47 911 11 111' });
    await e2e.live.db('representatives').where({ id: siri }).update({ postal_address: 'Storgata 1, 0155 Oslo' });
    const now = new Date().toISOString();
    for (const rep of [per, siri, kari]) {
      await buildInvitation(
        e2e.live.db,
        orgId,
        { projectId, representativeId: rep, status: 'draft' },
        { createdAt: now },
      );
    }
  });

  it('shows the refused invitations where the facilitator works, and records a phone invitation instead', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page: Page = await signInInBrowser(context, e2e.live.baseUrl, facilitator);
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/invitations`);
    await page.getByRole('button', { name: 'Send 3 invitasjoner' }).click();
    await statusBecomes(e2e.live, per, 'undeliverable');
    await statusBecomes(e2e.live, siri, 'undeliverable');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await table(e2e.live.db, 'invitations').where({ representative_id: kari }).first())!.status).to.equal(
      'sent',
    );
    expect(e2e.smtp.received.map((m) => m.to[0])).to.deep.equal(['kari@test.example']);

    // the invitations page: its own status, not "waiting", and the offer to phone or write
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/invitations`);
    const rows = page.locator('tbody tr');
    const perRow = rows.filter({ hasText: 'Per Borte' });
    const siriRow = rows.filter({ hasText: 'Siri Filter' });
    expect(await perRow.textContent()).to.contain('Kunne ikke leveres');
    expect(await siriRow.textContent()).to.contain('Kunne ikke leveres');
    expect(await rows.filter({ hasText: 'Kari Nordmann' }).textContent()).to.contain('Venter på svar');
    await expectNoAxeViolations(page, '/projects/:id/invitations with undeliverable (nb)');

    // the project page and the dashboard say so too, with a way to the invitations page
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}`);
    expect(await page.locator('#section-team + ul, #section-team ~ ul').first().textContent()).to.contain(
      'e-posten kom ikke fram',
    );
    await expectNoAxeViolations(page, '/projects/:id with undeliverable (nb)');
    // the worklist on / says so, one item per refused invitation, with what to do instead
    await page.goto(`${e2e.live.baseUrl}/`);
    const items = page.locator('li[data-item^="undeliverable:"]');
    expect(await items.count()).to.equal(2);
    const worklist = await page.locator('#worklist').textContent();
    expect(worklist).to.contain('Trygg utskriving fra sykehus: invitasjonen til Per Borte kom ikke fram');
    expect(worklist).to.contain('Trygg utskriving fra sykehus: invitasjonen til Siri Filter kom ikke fram');
    expect(worklist).to.contain('Ring eller skriv i stedet');
    await expectNoAxeViolations(page, '/ with undeliverable (nb)');

    // in English too
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('#worklist').textContent()).to.contain(
      'Trygg utskriving fra sykehus: the invitation to Per Borte did not arrive',
    );
    await expectNoAxeViolations(page, '/ with undeliverable (en)');
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}`);
    expect(await page.locator('main').textContent()).to.contain('the e-mail did not arrive');
    await expectNoAxeViolations(page, '/projects/:id with undeliverable (en)');
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/invitations`);
    expect(await perRow.textContent()).to.contain('Could not be delivered');
    await expectNoAxeViolations(page, '/projects/:id/invitations with undeliverable (en)');
    await page.getByRole('button', { name: 'Norsk (bokmål)' }).click();

    // from the worklist to the invitations page, and Per is phoned instead
    await page.goto(`${e2e.live.baseUrl}/`);
    await items.first().getByRole('link').first().click();
    await page.waitForURL(`${e2e.live.baseUrl}/projects/${projectId}/invitations`);
    await page.getByRole('button', { name: 'Registrer som ringt (Per Borte)' }).click();
    expect(await page.locator('.app-flash').textContent()).to.contain('Registrert som invitert');
    expect(await perRow.textContent()).to.contain('Telefon');
    expect(await perRow.textContent()).to.contain('Venter på svar');
    const row = await one(table(e2e.live.db, 'invitations').where({ representative_id: per }).first());
    expect([row.status, row.channel]).to.deep.equal(['sent', 'phone']);
    await page.goto(`${e2e.live.baseUrl}/`);
    expect(await items.count()).to.equal(1);
    expect(await items.first().textContent()).to.contain('Siri Filter');
    await context.close();
  });
});
