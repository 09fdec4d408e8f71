import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { bokmalIn } from '../helpers/bokmal.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../helpers/builders.js';
import { expectNoAxeViolations, signInInBrowser } from '../helpers/browser.js';
import { screenshotDir, setUpE2e } from '../helpers/e2e.js';
import type { ReceivedMail } from '../helpers/smtp.js';

// Issue 25 (Nynorsk): a Nynorsk organisation, end to end in Chromium with a real SMTP server. The admin sets the
// official written standard; a facilitator who works in Nynorsk adds a representative (whose written language
// defaults to Nynorsk), creates a project, shortlists and invites them by e-mail; the representative reads the
// invitation, answers on their link page and gets the confirmation with its calendar file, all in Nynorsk.

const isoDay = (daysFromNow: number): string =>
  new Date(Date.now() + daysFromNow * 24 * 3600 * 1000).toISOString().slice(0, 10);

const answerLinkIn = (mail: ReceivedMail): string => {
  const match = /(http:\/\/127\.0\.0\.1:\d+\/i\/[A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match) throw new Error('no /i/ link in the e-mail');
  return match[1]!;
};

describe('a Nynorsk organisation, from the written standard to the calendar file, in Chromium with SMTP', () => {
  const e2e = setUpE2e({ smtp: true });
  let admin: BuiltUser;
  let facilitator: BuiltUser;
  let orgId: number;
  let projectId: number;

  const title = 'Betre heimeteneste';
  const representative = { name: 'Sigrid Haugland', email: 'sigrid@test.example' };
  const place = 'Helsehuset på Sandane';

  before(async () => {
    orgId = await buildOrganisation(e2e.live.db, { name: 'Fjordane kommune' });
    admin = await buildUser(e2e.live.db, orgId, { role: 'admin', name: 'Ingrid Admin' });
    facilitator = await buildUser(e2e.live.db, orgId, { role: 'facilitator', name: 'Kari Fjellstad' });
  });

  /** The page is Nynorsk (`lang="nn"`), shows the Nynorsk text, has no Bokmål word, and axe finds nothing. */
  const expectNynorskPage = async (page: Page, label: string, text: string): Promise<void> => {
    expect(await page.locator('html').getAttribute('lang'), `lang on ${label}`).to.equal('nn');
    const body = await page.locator('body').innerText();
    expect(body, `Nynorsk text on ${label}`).to.contain(text);
    expect(bokmalIn(body), `Bokmål words on ${label}`).to.deep.equal([]);
    await expectNoAxeViolations(page, label);
  };

  it('sets Nynorsk as the written standard, and a facilitator adds, shortlists and invites in Nynorsk', async function () {
    // a dozen pages, each through axe
    this.timeout(120_000);
    const { baseUrl, db } = e2e.live;

    // 1. the admin sets the organisation's official written standard to Nynorsk
    const adminContext = await e2e.browser.newContext({ locale: 'nb-NO' });
    const adminPage = await signInInBrowser(adminContext, baseUrl, admin);
    await adminPage.goto(`${baseUrl}/admin/settings`);
    const languageForm = adminPage.locator('form[action="/admin/settings/language"]');
    expect(await languageForm.locator('input[name="writtenStandard"][value="nb"]').isChecked()).to.equal(true);
    await languageForm.getByLabel('Nynorsk').check();
    await languageForm.locator('button[type=submit]').click();
    await adminPage.waitForURL(new RegExp(`^${baseUrl}/admin/settings#`));
    expect(await adminPage.locator('.app-flash').innerText()).to.contain('Målformen er lagret.');
    expect(await languageForm.locator('input[name="writtenStandard"][value="nn"]').isChecked()).to.equal(true);
    // the page lands on the section of the form just saved
    const landedOnTheSection = await adminPage.evaluate(
      () =>
        document
          .querySelector(':target')
          ?.contains(document.querySelector('form[action="/admin/settings/language"]')) ?? false,
    );
    expect(landedOnTheSection, 'the fragment after saving names the written-standard section').to.equal(true);
    await expectNoAxeViolations(adminPage, '/admin/settings (nb, after choosing Nynorsk)');
    expect(
      (await db('organisations').where({ id: orgId }).first<{ default_locale: string }>()).default_locale,
    ).to.equal('nn');
    await adminContext.close();

    // 2. the facilitator switches to Nynorsk in the header (the browser still asks for Bokmål)
    const staff = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(staff, baseUrl, facilitator);
    await page.getByRole('button', { name: 'Norsk (nynorsk)' }).click();
    await page.waitForURL(`${baseUrl}/`);
    expect((await db('users').where({ id: facilitator.id }).first<{ locale: string }>()).locale).to.equal('nn');
    await expectNynorskPage(page, '/ (nn)', 'Oversyn');

    // the roster, and a new representative whose written language is already Nynorsk by the organisation's standard
    await page.getByRole('link', { name: 'Representantar', exact: true }).first().click();
    await page.waitForURL(`${baseUrl}/representatives`);
    await expectNynorskPage(page, '/representatives (nn)', 'Representantar');
    await page.getByRole('link', { name: 'Ny representant' }).click();
    await page.waitForURL(`${baseUrl}/representatives/new`);
    await expectNynorskPage(page, '/representatives/new (nn)', 'Språk for e-post frå oss');
    const writtenLanguage = page.locator('input[name="locale"]:checked');
    expect(await writtenLanguage.count()).to.equal(1);
    expect(await writtenLanguage.getAttribute('value'), 'the default written language').to.equal('nn');
    await page.locator('#name').fill(representative.name);
    await page.getByLabel('Brukarrepresentant', { exact: true }).check();
    await page.locator('#email').fill(representative.email);
    await page.getByLabel('Stå i oversynet over representantar').check();
    await page.getByLabel('Bli kontakta på e-post').check();
    await page.getByRole('button', { name: 'Lagre representant' }).click();
    await page.waitForURL(/\/representatives\/\d+$/);
    expect(await page.locator('h1').innerText()).to.equal(representative.name);
    expect(await page.locator('.app-flash').innerText()).to.contain('Representanten er lagd til.');
    await expectNynorskPage(page, '/representatives/:id (nn)', 'Norsk (nynorsk)');
    const stored = await db('representatives')
      .where({ organisation_id: orgId, email: representative.email })
      .first<{ locale: string }>();
    expect(stored.locale, "the representative's written language").to.equal('nn');

    // a project with a meeting
    await page.getByRole('link', { name: 'Prosjekt', exact: true }).first().click();
    await page.waitForURL(`${baseUrl}/projects`);
    await expectNynorskPage(page, '/projects (nn)', 'Nytt prosjekt');
    await page.getByRole('link', { name: 'Nytt prosjekt' }).click();
    await page.waitForURL(`${baseUrl}/projects/new`);
    await expectNynorskPage(page, '/projects/new (nn)', 'Kva som er viktig for brukarar og pårørande');
    await page.locator('#title').fill(title);
    await page.locator('#whatMatters').fill('Å vere trygg heime etter sjukehusopphald');
    await page.locator('#seats').fill('2');
    await page.locator('#startsOn').fill(isoDay(30));
    await page.locator('#endsOn').fill(isoDay(200));
    await page.getByRole('button', { name: 'Lagre', exact: true }).click();
    await page.waitForURL(/\/projects\/\d+$/);
    projectId = Number(/\/projects\/(\d+)$/.exec(page.url())![1]);
    expect(await page.locator('.app-flash').innerText()).to.contain('Prosjektet er oppretta.');
    await page.locator('summary', { hasText: 'Nytt møte' }).click();
    await page.locator('#date').fill(isoDay(60));
    await page.locator('#startTime').fill('10:00');
    await page.locator('#endTime').fill('12:00');
    await page.locator('#place').fill(place);
    await page.getByRole('button', { name: 'Legg til møte' }).click();
    await page.waitForURL(new RegExp(`/projects/${projectId}(#.*)?$`));
    expect(await page.locator('section[aria-labelledby="section-meetings"]').innerText()).to.contain(place);
    await expectNynorskPage(page, '/projects/:id (nn)', 'Finn representantar');

    // the matching page: shortlist the representative, then on to sending
    await page.getByRole('link', { name: 'Finn representantar' }).click();
    await page.waitForURL(new RegExp(`/projects/${projectId}/matches`));
    await expectNynorskPage(page, '/projects/:id/matches (nn)', 'Kandidatar');
    await page.getByRole('button', { name: `Set på kortliste ${representative.name}` }).click();
    await page.locator('.app-candidate .ds-tag', { hasText: 'På kortlista' }).waitFor();
    await expectNynorskPage(page, '/projects/:id/matches, shortlisted (nn)', '1 person er på kortlista.');
    await page.getByRole('link', { name: 'Gå til utsending av invitasjonar', exact: true }).click();
    await page.waitForURL(`${baseUrl}/projects/${projectId}/invitations`);
    await expectNynorskPage(page, '/projects/:id/invitations (nn)', 'Klar til å sende');
    // the preview is the e-mail as the representative gets it: in their Nynorsk
    const preview = await page.locator('pre.app-mail-text').textContent();
    expect(preview).to.contain('spør om du vil vere med i prosjektet');
    await page.getByRole('button', { name: 'Send 1 invitasjon' }).click();
    expect(await page.locator('.app-flash').innerText()).to.contain(
      '1 invitasjon ligg no i utboksen og går ut straks.',
    );
    await expectNynorskPage(page, '/projects/:id/invitations, sent (nn)', 'Ventar på svar');
    await staff.close();
  });

  it('sends the invitation and the confirmation in Nynorsk, and answers on a Nynorsk link page', async function () {
    this.timeout(90_000);
    expect(projectId, 'the project of the test above').to.be.a('number');
    const { baseUrl } = e2e.live;

    // 3. the invitation arrives in Nynorsk
    const invitation = await e2e.smtp.waitForMail(representative.email, new RegExp(`^Invitasjon: ${title}$`));
    expect(invitation.text).to.contain(
      `Fjordane kommune spør om du vil vere med i prosjektet «${title}». Vi treng erfaringa di som brukar eller pårørande.`,
    );
    expect(invitation.text).to.contain('Kva som er viktig for pasientar og pårørande:');
    expect(invitation.text).to.contain('Svar innan');
    expect(bokmalIn(invitation.text), 'Bokmål words in the invitation').to.deep.equal([]);

    // the e-mail's HTML on a phone: the answer is a button-like link with the plain address beside it, above the
    // project's background, and the message has no axe violations
    const own = await e2e.browser.newContext({ locale: 'nb-NO', viewport: { width: 360, height: 740 } });
    const mailPage = await own.newPage();
    await mailPage.setContent(invitation.html);
    const button = mailPage.getByRole('link', { name: 'Svar på invitasjonen' });
    expect(await button.getAttribute('href')).to.equal(answerLinkIn(invitation));
    const buttonBox = (await button.boundingBox())!;
    const background = (await mailPage.getByText('Kva som er viktig for pasientar og pårørande:').boundingBox())!;
    expect(buttonBox.y, 'the answer button above the background').to.be.lessThan(background.y);
    expect(buttonBox.height, 'a button a finger can hit').to.be.at.least(44);
    await expectNoAxeViolations(mailPage, 'the invitation e-mail (nn)');
    await mailPage.screenshot({ path: path.join(screenshotDir, 'nn_invitation-email_phone.png'), fullPage: true });
    await mailPage.close();

    // the representative opens the link in a browser of their own (that asks for Bokmål): the page is Nynorsk, and
    // the question comes before the project's background
    const answerPage = await own.newPage();
    await answerPage.goto(answerLinkIn(invitation));
    expect(await answerPage.locator('h1').innerText()).to.equal(title);
    await expectNynorskPage(answerPage, '/i/:token (nn)', 'Vil du vere med?');
    const question = (await answerPage.getByText('Vil du vere med?').boundingBox())!;
    const about = (await answerPage.getByRole('heading', { name: 'Om prosjektet' }).boundingBox())!;
    expect(question.y, 'the question above the background').to.be.lessThan(about.y);
    await answerPage.screenshot({ path: path.join(screenshotDir, 'nn_answer_phone.png'), fullPage: true });
    await answerPage.getByLabel('Ja, eg vil vere med').check();
    await answerPage.getByRole('button', { name: 'Send svaret' }).click();
    await answerPage.locator('.app-flash').waitFor();
    expect(await answerPage.locator('.app-flash').innerText()).to.contain(
      'Takk! Du er med. Vi har sendt deg ei stadfesting med møta.',
    );
    await expectNynorskPage(answerPage, '/i/:token answered (nn)', 'Du har svart ja, og du er med.');
    await own.close();

    // 4. the confirmation arrives in Nynorsk, with the meeting in a calendar file named in Nynorsk
    const confirmation = await e2e.smtp.waitForMail(representative.email, new RegExp(`^Du er med: ${title}$`));
    expect(confirmation.text).to.contain(`Takk! Du er med i prosjektet «${title}».`);
    expect(confirmation.text).to.contain('Her er møta. Opne vedlegget for å leggje dei inn i kalenderen din:');
    expect(bokmalIn(confirmation.text), 'Bokmål words in the confirmation').to.deep.equal([]);
    const ics = confirmation.attachments.find((a) => a.filename === 'medvirk.ics');
    expect(ics, 'the .ics attachment').to.not.equal(undefined);
    // unfold the folded lines (RFC 5545: CRLF and one space or tab) before reading a property
    const lines = ics!.content.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
    expect(
      lines.filter((l) => l.startsWith('SUMMARY')),
      'the event summary',
    ).to.deep.equal([`SUMMARY:Medverknad: ${title}`]);

    // and the facilitator, in Nynorsk, sees the yes
    const staff = await e2e.browser.newContext({ locale: 'nb-NO' });
    const page = await signInInBrowser(staff, baseUrl, facilitator);
    await page.goto(`${baseUrl}/projects/${projectId}/invitations`);
    expect(await page.locator('table').innerText()).to.match(new RegExp(`${representative.name}[\\s\\S]*Blir med`));
    await expectNynorskPage(page, '/projects/:id/invitations, accepted (nn)', 'Fylte plassar: 1 av 2.');
    await staff.close();
  });
});
