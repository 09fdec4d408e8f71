import { expect } from 'chai';
import type { Page } from 'playwright-core';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
  buildMeeting,
  buildInvitation,
} from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { setUpE2e } from '../helpers/e2e.js';
import { table } from '../helpers/rows.js';

describe('one-click consequences and lost places, in Chromium (issue 14, item 12)', () => {
  const e2e = setUpE2e();
  let facilitator: BuiltUser;
  let projectId: number;
  let siri: number;
  const meetings: Record<'past' | 'soon' | 'later', number> = { past: 0, soon: 0, later: 0 };

  before(async () => {
    const orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    projectId = await buildProject(e2e.live.db, orgId, {
      title: 'Trygg utskriving fra sykehus',
      seats: 4,
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    });
    await e2e.live.db('projects').where({ id: projectId }).update({ facilitator_user_id: facilitator.id });
    const kari = await buildRepresentative(e2e.live.db, orgId, { name: 'Kari Nordmann', email: 'kari@test.example' });
    const odd = await buildRepresentative(e2e.live.db, orgId, { name: 'Odd Telefon', email: null });
    await e2e.live
      .db('representatives')
      .where({ id: odd })
      .update({ phone: '+47 900 12 345', preferred_contact: 'phone' });
    const now = new Date().toISOString();
    for (const [rep, channel] of [
      [kari, 'email'],
      [odd, 'phone'],
    ] as const) {
      await buildInvitation(
        e2e.live.db,
        orgId,
        { projectId, representativeId: rep, status: 'accepted' },
        { channel, sentAt: now, respondedAt: now, createdAt: now },
      );
    }
    const day = (days: number, hour: number) =>
      new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 11) +
      `${String(hour).padStart(2, '0')}:00:00.000Z`;
    for (const [key, days] of [
      ['past', -7],
      ['soon', 20],
      ['later', 40],
    ] as const) {
      meetings[key] = await buildMeeting(e2e.live.db, orgId, projectId, {
        startsAt: day(days, 9),
        endsAt: day(days, 11),
        place: 'Helsehuset',
        agenda: `Møte ${key}`,
      });
    }
    // a long list of candidates, so that a reload at the top would lose the place
    for (let i = 0; i < 15; i += 1) {
      await buildRepresentative(e2e.live.db, orgId, { name: `Kandidat ${String(i).padStart(2, '0')}` });
    }
    siri = await buildRepresentative(e2e.live.db, orgId, { name: 'Siri Kandidat', email: 'siri@test.example' });
  });

  const focusedCandidate = (page: Page) =>
    page.evaluate(() => document.activeElement?.closest('li.app-candidate')?.id ?? null);

  it('shortlists and lands back on the same candidate, with a link on to sending', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, facilitator);
    // issue 17: the page shows ten at a time; Siri is the 16th, in the second ten
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/matches?shown=20`);
    await expectNoAxeViolations(page, '/projects/:id/matches (nb)');
    await page.getByRole('button', { name: 'Sett på kortliste Siri Kandidat' }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/projects/${projectId}/matches?shown=20#candidate-${siri}`);
    expect(await page.locator('.app-flash').textContent()).to.contain('Satt på kortlisten');
    const item = page.locator(`#candidate-${siri}`);
    expect(await item.evaluate((el) => el.matches(':target'))).to.equal(true);
    expect(await item.getAttribute('tabindex')).to.equal('-1');
    // keyboard users continue from the candidate, not from the top of the page
    await page.keyboard.press('Tab');
    expect(await focusedCandidate(page)).to.equal(`candidate-${siri}`);
    const onward = item.getByRole('link', { name: /Gå til utsending av invitasjoner/ });
    expect(await onward.count()).to.equal(1);
    await expectNoAxeViolations(page, '/projects/:id/matches after shortlisting (nb)');

    await page.getByRole('button', { name: 'English' }).click();
    expect(await item.getByRole('link', { name: /Go to sending the invitations/ }).count()).to.equal(1);
    await expectNoAxeViolations(page, '/projects/:id/matches after shortlisting (en)');
    await item.getByRole('link', { name: /Go to sending the invitations/ }).click();
    await page.waitForURL(`${e2e.live.baseUrl}/projects/${projectId}/invitations`);
    await page.getByRole('button', { name: 'Norsk (bokmål)' }).click();
    await context.close();
  });

  it('offers attendance only for a meeting that has started, and cancels one through its confirmation page', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, facilitator);
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}`);
    const attendance = (id: number) => page.locator(`a[href="/projects/${projectId}/meetings/${id}/attendance"]`);
    expect(await attendance(meetings.past).count()).to.equal(1);
    expect(await attendance(meetings.soon).count()).to.equal(0);
    expect(await attendance(meetings.later).count()).to.equal(0);
    await expectNoAxeViolations(page, '/projects/:id (nb)');

    // "Avlys" leads to a page that says what will happen; nothing is sent from the project page
    await page.locator(`a[href="/projects/${projectId}/meetings/${meetings.soon}/cancel"]`).click();
    await page.waitForURL(`${e2e.live.baseUrl}/projects/${projectId}/meetings/${meetings.soon}/cancel`);
    expect(await page.locator('h1').textContent()).to.equal('Vil du avlyse møtet?');
    expect(await page.locator('#cancel-emailed').textContent()).to.contain('Kari Nordmann');
    expect(await page.locator('#cancel-tell').textContent()).to.contain('Odd Telefon: +47 900 12 345');
    await expectNoAxeViolations(page, '/projects/:id/meetings/:id/cancel (nb)');
    expect(await table(e2e.live.db, 'outbox_messages').where({ kind: 'meeting_cancelled' })).to.have.length(0);

    // keeping the meeting changes nothing
    await page.getByRole('link', { name: 'Behold møtet' }).click();
    expect(
      await table(e2e.live.db, 'meetings').where({ id: meetings.soon }).whereNull('cancelled_at').first(),
    ).to.not.equal(undefined);

    // in English
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/meetings/${meetings.later}/cancel`);
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('h1').textContent()).to.equal('Cancel the meeting?');
    await expectNoAxeViolations(page, '/projects/:id/meetings/:id/cancel (en)');
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}`);
    await expectNoAxeViolations(page, '/projects/:id (en)');
    await page.getByRole('button', { name: 'Norsk (bokmål)' }).click();

    // confirming sends the one cancellation
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/meetings/${meetings.soon}/cancel`);
    await page.getByRole('button', { name: 'Avlys møtet og send 1 avlysning' }).click();
    expect(await page.locator('.app-flash').textContent()).to.contain('Møtet er avlyst');
    const sent = await table(e2e.live.db, 'outbox_messages').where({ kind: 'meeting_cancelled' });
    expect(sent.map((m) => m.to_address)).to.deep.equal(['kari@test.example']);
    expect(await page.locator(`a[href="/projects/${projectId}/meetings/${meetings.soon}/cancel"]`).count()).to.equal(0);
    await context.close();
  });
});
