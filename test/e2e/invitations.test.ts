import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { rootDir } from '../../src/config.js';
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
import type { ReceivedMail } from '../helpers/smtp.js';

// Debian's python3-icalendar (apt-get install python3-icalendar): a real iCalendar parser, outside our code
const PYTHON = '/usr/bin/python3';

const linkIn = (mail: ReceivedMail, kind: 'i' | 'me') => {
  const match = new RegExp(`(http://127\\.0\\.0\\.1:\\d+/${kind}/[A-Za-z0-9_-]{43})`).exec(mail.text);
  if (!match) throw new Error(`no /${kind}/ link in the e-mail`);
  return match[1]!;
};

describe('invitations from shortlist to team, in Chromium, with a real SMTP server', () => {
  const e2e = setUpE2e({ smtp: true });
  let facilitator: BuiltUser;
  let projectId: number;

  before(async () => {
    const orgId = await buildOrganisation(e2e.live.db, { name: 'Eksempel kommune' });
    await e2e.live
      .db('organisations')
      .where({ id: orgId })
      .update({ settings: JSON.stringify({ emailsPerMinute: 0 }) });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    projectId = await buildProject(e2e.live.db, orgId, { title: 'Trygg utskriving fra sykehus', seats: 2 });
    await e2e.live.db('projects').where({ id: projectId }).update({
      facilitator_user_id: facilitator.id,
      purpose: 'Færre reinnleggelser etter utskriving',
      what_matters: 'At hjemmetjenesten vet hva sykehuset har sagt',
      honorarium_applies: true,
    });
    await buildMeeting(e2e.live.db, orgId, projectId, {
      startsAt: '2027-02-03T09:00:00.000Z',
      endsAt: '2027-02-03T11:00:00.000Z',
      place: 'Helsehuset, møterom 3',
      agenda: 'Oppstart',
    });
    const people = [
      await buildRepresentative(e2e.live.db, orgId, { name: 'Berit Hansen', email: 'berit@test.example' }),
      await buildRepresentative(e2e.live.db, orgId, { name: 'Anna Smith', email: 'anna@test.example' }),
      await buildRepresentative(e2e.live.db, orgId, { name: 'Odd Telefon', email: null }),
    ];
    await e2e.live.db('representatives').where({ id: people[1] }).update({ locale: 'en' });
    await e2e.live
      .db('representatives')
      .where({ id: people[2] })
      .update({ phone: '+47 900 12 345', preferred_contact: 'phone' });
    const now = new Date().toISOString();
    for (const rep of people) {
      await buildInvitation(
        e2e.live.db,
        orgId,
        { projectId, representativeId: rep, status: 'draft' },
        { createdAt: now },
      );
    }
  });

  it('sends, is accepted and declined through the links, records a phoned yes, and shows the team', async () => {
    const staff = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page: Page = await signInInBrowser(staff, e2e.live.baseUrl, facilitator);
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/invitations`);
    await expectNoAxeViolations(page, '/projects/:id/invitations (preview)');
    expect(await page.locator('main').textContent()).to.contain('+47 900 12 345');
    await page.getByRole('button', { name: 'Send 2 invitasjoner' }).click();
    expect(await page.locator('.app-flash').textContent()).to.contain('2 invitasjoner er lagt i utboksen');

    // Berit reads her e-mail (Norwegian) and accepts in a fresh browser
    const invitation = await e2e.smtp.waitForMail('berit@test.example', /^Invitasjon: Trygg utskriving/);
    expect(invitation.text).to.contain('Færre reinnleggelser');
    expect(invitation.html).to.contain('/i/');
    const berit = await e2e.browser.newContext({ locale: 'nb-NO' });
    const answerPage = await berit.newPage();
    await answerPage.goto(linkIn(invitation, 'i'));
    expect(await answerPage.locator('h1').textContent()).to.equal('Trygg utskriving fra sykehus');
    await expectNoAxeViolations(answerPage, '/i/:token (nb)');
    await answerPage.screenshot({ path: path.join(screenshotDir, 'nb_invitation_answer.png'), fullPage: true });
    await answerPage.getByLabel('Ja, jeg vil være med').check();
    await answerPage.getByRole('button', { name: 'Send svaret' }).click();
    expect(await answerPage.locator('.app-flash').textContent()).to.contain('Takk! Du er med.');
    await expectNoAxeViolations(answerPage, '/i/:token answered (nb)');

    // her confirmation carries the meetings as an .ics that a real parser reads
    const confirmation = await e2e.smtp.waitForMail('berit@test.example', /^Du er med/);
    const ics = confirmation.attachments.find((a) => a.filename === 'medvirk.ics');
    expect(ics, 'the .ics attachment').to.not.equal(undefined);
    const icsFile = path.join(rootDir, 'test', '.tmp', `confirmation-${process.pid}.ics`);
    fs.writeFileSync(icsFile, ics!.content);
    const parsed = execFileSync(PYTHON, [
      '-c',
      [
        'import sys, icalendar',
        "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())",
        "events = list(cal.walk('VEVENT'))",
        "print(cal['METHOD'], len(events), events[0]['UID'], events[0]['SEQUENCE'], events[0]['DTSTART'].dt.isoformat(), events[0]['LOCATION'])",
      ].join('\n'),
      icsFile,
    ])
      .toString()
      .trim();
    expect(parsed).to.match(
      /^REQUEST 1 meeting-\d+@medvirk\.invalid 0 2027-02-03T09:00:00\+00:00 Helsehuset\\?, møterom 3$/,
    );

    // Anna reads hers in English and declines with a reason
    const annaMail = await e2e.smtp.waitForMail('anna@test.example', /^Invitation: /);
    const anna = await e2e.browser.newContext({ locale: 'en-GB' });
    const annaPage = await anna.newPage();
    await annaPage.goto(linkIn(annaMail, 'i'));
    await expectNoAxeViolations(annaPage, '/i/:token (en)');
    await annaPage.getByLabel('No, not this time').check();
    await annaPage.getByLabel('If you decline: why? (optional)').selectOption('timing');
    await annaPage.getByLabel('Anything to add? (optional)').fill('Away in February');
    await annaPage.getByRole('button', { name: 'Send my answer' }).click();
    expect(await annaPage.locator('.app-flash').textContent()).to.contain('Thank you for your answer');

    // her own page, in English and (after the switch) in Norwegian
    const mePage = await anna.newPage();
    await mePage.goto(linkIn(annaMail, 'me'));
    expect(await mePage.locator('h1').textContent()).to.equal('Hello Anna Smith');
    const languageBoxes = mePage.locator('input[name="languages"]');
    expect(await languageBoxes.first().getAttribute('type')).to.equal('checkbox');
    expect(await languageBoxes.first().isChecked()).to.equal(true);
    await expectNoAxeViolations(mePage, '/me/:token (en)');
    await mePage.getByRole('button', { name: 'Norsk (bokmål)' }).click();
    expect(await mePage.locator('h1').textContent()).to.equal('Hei, Anna Smith');
    await expectNoAxeViolations(mePage, '/me/:token (nb)');
    await mePage.screenshot({ path: path.join(screenshotDir, 'nb_me.png'), fullPage: true });

    // Odd is phoned; the facilitator records the invitation and then his yes
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}/invitations`);
    await page.getByRole('button', { name: 'Registrer som ringt (Odd Telefon)' }).click();
    await page.getByText('Registrer svar').click();
    await page.getByLabel('Vil være med').check();
    await page.getByLabel('Merknad').fill('Ringt, sa ja');
    await page.getByRole('button', { name: 'Lagre svaret' }).click();
    expect(await page.locator('.app-flash').textContent()).to.contain('Svaret er registrert: blir med.');
    await expectNoAxeViolations(page, '/projects/:id/invitations (answers)');
    const table = (await page.locator('table').textContent()) ?? '';
    expect(table).to.match(/Berit Hansen[\s\S]*Blir med/);
    expect(table).to.contain('Away in February');

    // the project page shows the team: two of two seats
    await page.goto(`${e2e.live.baseUrl}/projects/${projectId}`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).to.contain('2 av 2');
    await staff.close();
    await berit.close();
    await anna.close();
  });

  it('answers an unknown link with a friendly 404 page in both languages, without axe violations', async () => {
    for (const locale of ['nb-NO', 'en-GB']) {
      const context = await e2e.browser.newContext({ locale });
      const page = await context.newPage();
      const res = await page.goto(`${e2e.live.baseUrl}/i/${'u'.repeat(43)}`);
      expect(res?.status()).to.equal(404);
      await expectNoAxeViolations(page, `/i/unknown (${locale})`);
      await context.close();
    }
  });
});
