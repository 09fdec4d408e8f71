import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser } from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';

/** The fields of the settings form as the browser would send them: text inputs and the checked checkboxes. */
function formFields(html: string): Record<string, string> {
  const form = /<form[^>]*action="\/admin\/settings"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const fields: Record<string, string> = {};
  for (const [input] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    const type = /\btype="([^"]*)"/.exec(input)?.[1] ?? 'text';
    const value = /\bvalue="([^"]*)"/.exec(input)?.[1] ?? '';
    if (!name) continue;
    if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(input)) continue;
    fields[name] = value.replace(/&#34;|&quot;/g, '"').replace(/&amp;/g, '&');
  }
  return fields;
}

const valueOf = (html: string, name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1];

describe('the settings form (issue 14, items 1 and 13)', () => {
  let t: TestApp;
  let org: number;
  let agent: Agent;

  const signInAs = async (locale: 'nb' | 'en') => {
    const admin = await buildUser(t.db, org, { role: 'admin', locale });
    agent = (await signIn(t.app, admin.email, admin.password)).agent;
  };

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db);
  });
  afterEach(() => t.close());

  it('shows every stored value, the weights included, in the form', async () => {
    await signInAs('nb');
    const page = await agent.get('/admin/settings').expect(200);
    const fields = formFields(page.text);
    expect(fields).to.include({
      dataReviewMonths: '24',
      sentEmailRetentionDays: '30',
      auditRetentionYears: '5',
      emailsPerMinute: '60',
      roundingMinutes: '30',
      minimumPaidMinutesInPerson: '60',
      preparationPaid: 'on',
    });
    for (const weight of ['niceToHave', 'fairness', 'rest', 'diversity', 'language']) {
      expect(fields[weight], weight).to.match(/^\d+(,\d+)?$/);
    }
    expect(fields.niceToHave).to.equal('0,35');
  });

  it('saves the form unchanged, and again after a reload, without changing anything', async () => {
    await signInAs('nb');
    const before = await t.services.organisationsService.settings(org);
    for (let round = 0; round < 2; round++) {
      const page = await agent.get('/admin/settings').expect(200);
      const res = await agent.post('/admin/settings').type('form').send(formFields(page.text));
      expect(res.status, `round ${round}: ${/ds-validation-message[^>]*>([^<]*)/.exec(res.text)?.[1]}`).to.equal(303);
    }
    expect(await t.services.organisationsService.settings(org)).to.deep.equal(before);
    const page = await agent.get('/admin/settings');
    expect(formFields(page.text).fairness).to.equal('0,2');
  });

  it('shows the hourly rate with a decimal comma in Norwegian and accepts it back in either format', async () => {
    await signInAs('nb');
    let page = await agent.get('/admin/settings');
    expect(valueOf(page.text, 'hourlyRate')).to.equal('300,00');
    for (const [typed, ore] of [
      ['312,50', 31_250],
      ['312.50', 31_250],
      ['312', 31_200],
      ['1 312,5', 131_250],
    ] as const) {
      page = await agent.get('/admin/settings');
      const res = await agent
        .post('/admin/settings')
        .type('form')
        .send({ ...formFields(page.text), hourlyRate: typed });
      expect(res.status, typed).to.equal(303);
      expect((await t.services.organisationsService.settings(org)).hourlyHonorariumOre, typed).to.equal(ore);
    }
    page = await agent.get('/admin/settings');
    expect(valueOf(page.text, 'hourlyRate')).to.equal('1312,50');
    const weights = await agent
      .post('/admin/settings')
      .type('form')
      .send({ ...formFields(page.text), niceToHave: '0,5', fairness: '0.25' });
    expect(weights.status).to.equal(303);
    expect((await t.services.organisationsService.settings(org)).matchingWeights).to.include({
      niceToHave: 0.5,
      fairness: 0.25,
    });
    expect(valueOf((await agent.get('/admin/settings')).text, 'niceToHave')).to.equal('0,5');
  });

  it('shows the hourly rate and the weights with a decimal point in English', async () => {
    await signInAs('en');
    const page = await agent.get('/admin/settings');
    expect(valueOf(page.text, 'hourlyRate')).to.equal('300.00');
    expect(valueOf(page.text, 'niceToHave')).to.equal('0.35');
    const res = await agent
      .post('/admin/settings')
      .type('form')
      .send({ ...formFields(page.text), hourlyRate: '312,50' });
    expect(res.status).to.equal(303);
    expect((await t.services.organisationsService.settings(org)).hourlyHonorariumOre).to.equal(31_250);
  });

  it('saves the audit retention, shows it after a reload, and saves it again unchanged (issue 18)', async () => {
    await signInAs('nb');
    let page = await agent.get('/admin/settings');
    expect(page.text).to.contain('Representanter slettes aldri automatisk');
    await agent
      .post('/admin/settings')
      .type('form')
      .send({ ...formFields(page.text), auditRetentionYears: '2' })
      .expect(303);
    expect((await t.services.organisationsService.settings(org)).auditRetentionYears).to.equal(2);
    page = await agent.get('/admin/settings');
    expect(formFields(page.text).auditRetentionYears).to.equal('2');
    const saved = await t.services.organisationsService.settings(org);
    await agent.post('/admin/settings').type('form').send(formFields(page.text)).expect(303);
    expect(await t.services.organisationsService.settings(org)).to.deep.equal(saved);
    expect(formFields((await agent.get('/admin/settings')).text).auditRetentionYears).to.equal('2');
  });

  for (const [locale, message] of [
    ['nb', 'Skriv et helt antall år fra 1 til 10.'],
    ['en', 'Enter a whole number of years from 1 to 10.'],
  ] as const) {
    it(`refuses an audit retention outside 1 to 10 years in the user's language (${locale}), keeping it typed`, async () => {
      await signInAs(locale);
      const before = await t.services.organisationsService.settings(org);
      for (const typed of ['0', '11', 'fem', '2.5', '']) {
        const page = await agent.get('/admin/settings');
        const res = await agent
          .post('/admin/settings')
          .type('form')
          .send({ ...formFields(page.text), auditRetentionYears: typed });
        expect(res.status, typed).to.equal(422);
        expect(res.text, typed).to.contain(message);
        expect(res.text).to.match(/href="#auditRetentionYears"/);
        expect(formFields(res.text).auditRetentionYears, typed).to.equal(typed);
      }
      expect(await t.services.organisationsService.settings(org)).to.deep.equal(before);
    });
  }

  it('refuses only the one bad field among good ones, keeping everything typed and writing nothing', async () => {
    await signInAs('nb');
    const before = await t.services.organisationsService.settings(org);
    const page = await agent.get('/admin/settings');
    const typed = {
      ...formFields(page.text),
      dataReviewMonths: '36',
      hourlyRate: '320,75',
      fairness: '0,4',
      emailsPerMinute: 'mange',
    };
    const res = await agent.post('/admin/settings').type('form').send(typed);
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Skriv et helt tall fra 0 til 6000.');
    const errors = [...res.text.matchAll(/aria-invalid="true"/g)];
    expect(errors).to.have.length(1);
    expect(res.text).to.match(/href="#emailsPerMinute"/);
    const shown = formFields(res.text);
    expect(shown).to.include({
      dataReviewMonths: '36',
      hourlyRate: '320,75',
      fairness: '0,4',
      emailsPerMinute: 'mange',
      _csrf: csrfFrom(res.text),
    });
    expect(await t.services.organisationsService.settings(org)).to.deep.equal(before);
  });
});
