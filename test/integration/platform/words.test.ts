import { expect } from 'chai';
import type { TestApp } from '../../helpers/app.js';
import { buildProject, buildRepresentative } from '../../helpers/builders.js';
import { buildImpact } from '../../helpers/record-builders.js';
import { signedInApp, type Agent } from '../../helpers/forms.js';

// Issue 17, item 6: words a facilitator or an administrator would stumble on, read as they read them.

describe('words on the pages (issue 17)', () => {
  let t: TestApp;
  let orgId: number;
  let agent: Agent;
  beforeEach(async () => {
    ({ t, orgId, agent } = await signedInApp('admin'));
  });
  afterEach(() => t.close());

  it('names the status of someone not yet ready so that it cannot be mistaken for active', async () => {
    const rep = await buildRepresentative(t.db, orgId, { name: 'Nina Ny', status: 'prospective' });
    const roster = (await agent.get('/representatives').expect(200)).text;
    expect(roster).to.contain('Ny, ikke klar');
    expect(roster).to.not.contain('Aktuell');
    const profile = (await agent.get(`/representatives/${rep}`).expect(200)).text;
    expect(profile).to.contain('Brukerrepresentant · Ny, ikke klar');
  });

  it('says what the profile’s download is for, and names the e-mail language in the reader’s language', async () => {
    const rep = await buildRepresentative(t.db, orgId);
    const nb = (await agent.get(`/representatives/${rep}`).expect(200)).text;
    expect(nb).to.contain('Last ned en kopi til personen');
    expect(nb).to.not.contain('(JSON)');
    expect(nb).to.contain('<dd>Norsk (bokmål)</dd>');
    expect((await agent.get(`/representatives/${rep}/erase`).expect(200)).text).to.contain(
      'Last ned en kopi til personen',
    );
    await t.db('users').update({ locale: 'en' });
    const en = (await agent.get(`/representatives/${rep}`).expect(200)).text;
    expect(en).to.contain('Download a copy for the person');
    expect(en).to.contain('<dd>Norwegian (Bokmål)</dd>');
  });

  it('tells an administrator in plain words that e-mail does not go out yet, without naming a setting', async () => {
    const outbox = (await agent.get('/admin/outbox').expect(200)).text;
    expect(outbox).to.contain('E-post sendes ikke til virkelige adresser ennå.');
    expect(outbox).to.contain('IT-avdelingen kobler Medvirk til kommunens e-posttjener');
    expect(outbox).to.not.contain('SMTP');
    const mailbox = (await agent.get('/admin/mailbox').expect(200)).text;
    expect(mailbox).to.not.contain('installasjonen');
  });

  it('shows a change under “we did” only once it is adopted, and a proposed one as proposed', async () => {
    const project = await buildProject(t.db, orgId);
    await buildImpact(t.db, orgId, project, { whatChanged: 'Kortere brev', status: 'proposed' });
    await buildImpact(t.db, orgId, project, {
      whatChanged: 'Nytt skjema',
      status: 'adopted',
      decidedOn: '2026-11-01',
    });
    const page = (await agent.get(`/projects/${project}/impacts`).expect(200)).text;
    expect(page).to.contain('<strong>Foreslått endring:</strong> Kortere brev');
    expect(page).to.contain('<strong>Vi gjorde:</strong> Nytt skjema');
    expect(page).to.not.contain('<strong>Vi gjorde:</strong> Kortere brev');
  });
});
