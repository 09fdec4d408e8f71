import path from 'node:path';
import { expect } from 'chai';
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
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';

describe('involvement, honoraria and impact in Chromium', () => {
  const e2e = setUpE2e({ smtp: true });
  let facilitator: BuiltUser;
  let english: BuiltUser;
  let admin: BuiltUser;
  let projectId: number;
  let meetingId: number;
  const people: Record<string, number> = {};

  before(async () => {
    const orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    await e2e.live
      .db('organisations')
      .where({ id: orgId })
      .update({ settings: JSON.stringify({ emailsPerMinute: 0 }) });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    english = await buildUser(e2e.live.db, orgId, { role: 'facilitator', name: 'Sam Facilitator', locale: 'en' });
    admin = await buildUser(e2e.live.db, orgId, { role: 'admin' });
    projectId = await buildProject(e2e.live.db, orgId, {
      title: 'Bedre hverdagsrehabilitering',
      seats: 3,
      startsOn: '2026-01-01',
    });
    await e2e.live.db('projects').where({ id: projectId }).update({ facilitator_user_id: facilitator.id });
    meetingId = await buildMeeting(e2e.live.db, orgId, projectId, {
      startsAt: '2026-11-10T09:00:00.000Z',
      endsAt: '2026-11-10T11:00:00.000Z',
      agenda: 'Oppstart',
    });
    for (const [name, email] of <Array<[string, string]>>[
      ['Anne Aas', 'anne@test.example'],
      ['Bjørn Berg', 'bjorn@test.example'],
      ['Cecilie Dahl', 'cecilie@test.example'],
    ]) {
      people[name] = await buildRepresentative(e2e.live.db, orgId, { name, email });
      const now = new Date().toISOString();
      await buildInvitation(
        e2e.live.db,
        orgId,
        { projectId, representativeId: people[name], status: 'accepted' },
        { createdAt: now },
      );
    }
  });

  it('logs attendance for three (one absent, one declining payment), shows the honoraria, and feeds back an impact', async () => {
    const context = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, facilitator);
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}`);
    await page.getByRole('link', { name: 'Oppmøte' }).click();
    await expectNoAxeViolations(page, '/projects/:id/meetings/:id/attendance');
    await page.getByLabel('Timer til forberedelse').fill('0,5');
    await page.getByLabel('Deltok: Bjørn Berg').uncheck();
    await page.getByLabel('Takket nei til honorar: Cecilie Dahl').check();
    await page.getByLabel('Reiseutgifter (kr): Anne Aas').fill('120,50');
    await page.getByRole('button', { name: 'Lagre oppmøtet' }).click();
    expect(await page.locator('.app-flash').textContent()).to.contain('Oppmøtet er lagret');
    const rows = await page.locator('tbody tr').allTextContents();
    const rowOf = (name: string) => rows.find((r) => r.includes(name)) ?? '';
    // 2 h + 0.5 h preparation, rounded to 30 min, at 300 kr/h = 750 kr
    expect(rowOf('Anne Aas')).to.contain('750,00');
    expect(rowOf('Bjørn Berg')).to.contain('fraværende');
    expect(rowOf('Cecilie Dahl')).to.contain('takket nei');
    await expectNoAxeViolations(page, '/projects/:id/meetings/:id/attendance (saved)');
    await page.screenshot({ path: path.join(screenshotDir, 'nb_attendance.png'), fullPage: true });

    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/involvement`);
    await expectNoAxeViolations(page, '/projects/:id/involvement');
    await page.goto(`${e2e.live.baseUrl}/payments?from=2026-11-01&to=2026-11-30`);
    expect(await page.locator('table').textContent()).to.contain('870,50'); // 750 + 120.50 travel
    await expectNoAxeViolations(page, '/payments');

    // you said, we did
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/impacts`);
    await expectNoAxeViolations(page, '/projects/:id/impacts');
    await page.getByLabel('Hva representantene sa').fill('Treningsprogrammet bør passe inn i hverdagen');
    await page
      .getByLabel('Hva som ble endret, eller foreslås endret')
      .fill('Øvelsene kan nå gjøres i korte økter hjemme');
    await page.getByLabel('Tatt i bruk', { exact: true }).check();
    await page.getByLabel('Anne Aas', { exact: true }).check();
    await page.getByLabel('Cecilie Dahl', { exact: true }).check();
    await page.getByRole('button', { name: 'Lagre' }).click();
    expect(await page.locator('.app-flash').textContent()).to.contain('Innspillet er registrert');
    await page.getByRole('button', { name: /^Gi beskjed/ }).click();
    expect(await page.locator('.app-flash').textContent()).to.contain('Beskjed er sendt til 2 personer');
    await expectNoAxeViolations(page, '/projects/:id/impacts (fed back)');

    // the worker delivers the feedback to the SMTP server
    for (let i = 0; i < 80 && e2e.smtp.received.filter((m) => m.subject.startsWith('Hva skjedde')).length < 2; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 125));
    }
    const feedback = e2e.smtp.received.filter((m) => m.subject.startsWith('Hva skjedde'));
    expect(feedback.map((m) => m.to[0]).sort()).to.deep.equal(['anne@test.example', 'cecilie@test.example']);
    expect(feedback[0]!.text).to.contain('Øvelsene kan nå gjøres i korte økter hjemme');
    await context.close();
  });

  it('shows the new pages in English with no axe violations, and the honorarium rules in the settings', async () => {
    const context = await e2e.browser.newContext({ locale: 'en-GB' });
    const page = await signInInBrowser(context, e2e.live.baseUrl, english);
    for (const url of [
      `/projects/${projectId}/meetings/${meetingId}/attendance`,
      `/projects/${projectId}/involvement`,
      `/projects/${projectId}/impacts`,
      '/payments',
    ]) {
      await page.goto(`${e2e.live.baseUrl}${url}`);
      expect(await page.getAttribute('html', 'lang')).to.equal('en');
      await expectNoAxeViolations(page, `${url} (en)`);
    }
    await context.close();
    const adminContext = await e2e.browser.newContext({ locale: 'nb-NO' });
    const adminPage = await signInInBrowser(adminContext, e2e.live.baseUrl, admin);
    await adminPage.goto(`${e2e.live.baseUrl}/admin/settings`);
    await adminPage.getByLabel('Rund av til nærmeste … minutter').fill('0');
    await adminPage.getByRole('button', { name: 'Lagre', exact: true }).click();
    expect(await adminPage.locator('.ds-error-summary').textContent()).to.contain('fra 1 til 120');
    await expectNoAxeViolations(adminPage, '/admin/settings with errors');
    await adminContext.close();
  });
});
