import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildInvitation,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildRequirements,
  buildSkill,
  buildUser,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';

// Issue 17 item 2: the matches page is a compact ranked list, ten at a time with "show more" (?shown=20, a bad
// value falls back to ten), the fit in words and a bar, plain words for each part of the score, a next step to
// sending the invitations, and, for a project without requirements, a note that says so instead of a fit.
describe('the matches page as a compact ranked list (issue 17 item 2)', () => {
  let t: TestApp;
  let agent: Agent;
  let en: Agent;
  let org: number;
  let project: number;
  let bare: number;
  const ids: number[] = [];

  before(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db);
    agent = (await signIn(t.app, ...creds(await buildUser(t.db, org, { role: 'facilitator' })))).agent;
    en = (await signIn(t.app, ...creds(await buildUser(t.db, org, { role: 'facilitator', locale: 'en' })))).agent;
    const interpreting = await buildSkill(t.db, org, { nameNb: 'Tolking', nameEn: 'Interpreting' });
    const statistics = await buildSkill(t.db, org, { nameNb: 'Statistikk', nameEn: 'Statistics' });
    project = await buildProject(t.db, org, { title: 'Trygg utskriving' });
    bare = await buildProject(t.db, org, { title: 'Uten krav' });
    await buildRequirements(t.db, project, [
      { skillId: interpreting, must: true, minLevel: 1 },
      { skillId: statistics, must: false, minLevel: 2 },
    ]);
    for (let i = 0; i < 25; i += 1) {
      ids.push(
        await buildRepresentative(t.db, org, {
          name: `Kandidat ${String(i).padStart(2, '0')}`,
          skills: [{ skillId: interpreting, level: 1 }, ...(i < 5 ? [{ skillId: statistics, level: 3 }] : [])],
        }),
      );
    }
  });
  after(() => t.close());

  const creds = (u: { email: string; password: string }) => [u.email, u.password] as const;
  const rows = (html: string) =>
    [...html.matchAll(/<li class="app-candidate" id="candidate-(\d+)"/g)].map((m) => +m[1]!);
  const page = async (query = '', who = agent) =>
    (await who.get(`/projects/${project}/matches${query}`).expect(200)).text;

  it('shows the best ten, with a link to ten more that lands on the eleventh', async () => {
    const html = await page();
    const shown = rows(html);
    expect(shown).to.have.length(10);
    expect(html).to.contain('De 10 beste av 25');
    const all = rows(await page('?shown=30'));
    expect(all).to.have.length(25);
    expect(shown).to.deep.equal(all.slice(0, 10));
    expect(html).to.contain(
      `<a class="ds-link" href="/projects/${project}/matches?shown=20#candidate-${all[10]}">Vis 10 til</a>`,
    );
  });

  it('shows more with the parameter, and the last few without a further link', async () => {
    const twenty = await page('?shown=20');
    expect(rows(twenty)).to.have.length(20);
    expect(twenty).to.contain('De 20 beste av 25');
    expect(twenty).to.contain('>Vis 5 til</a>');
    const thirty = await page('?shown=30');
    expect(rows(thirty)).to.have.length(25);
    expect(thirty).to.not.contain('Vis 5 til');
    expect(thirty).to.not.contain('app-show-more');
  });

  it('falls back to ten on a bad value, never a 500', async () => {
    for (const bad of ['abc', '-5', '5', '9', '1000', '51', '20.5', '', '%00', '1e1']) {
      expect(rows(await page(`?shown=${bad}`)), `shown=${bad}`).to.have.length(10);
    }
    expect(rows(await page('?shown=20&shown=30')), 'a repeated value').to.have.length(10);
    expect(rows(await page('?shown[]=20')), 'an array').to.have.length(10);
  });

  it('keeps the count shown through a look-up and a shortlisting, and back to ten on a bad posted value', async () => {
    const html = await page('?shown=20');
    expect(html).to.contain('<input type="hidden" name="shown" value="20">');
    const person = rows(html)[14]!;
    const res = await agent
      .post(`/projects/${project}/shortlist`)
      .type('form')
      .send({ _csrf: csrfFrom(html), representativeId: String(person), shown: '20' })
      .expect(303);
    expect(res.headers.location).to.equal(`/projects/${project}/matches?shown=20#candidate-${person}`);
    const back = await agent
      .post(`/projects/${project}/unshortlist`)
      .type('form')
      .send({ _csrf: csrfFrom(html), representativeId: String(person), shown: 'lots' })
      .expect(303);
    expect(back.headers.location).to.equal(`/projects/${project}/matches#candidate-${person}`);
  });

  it('links a looked-up person ranked beyond the first ten to their place in the list', async () => {
    const all = rows(await page('?shown=30'));
    const name = `Kandidat ${String(ids.indexOf(all[16]!)).padStart(2, '0')}`;
    const html = await page(`?q=${encodeURIComponent(name)}`);
    expect(html).to.contain('foreslått som nummer 17');
    expect(html).to.contain(
      `href="/projects/${project}/matches?q=${encodeURIComponent(name).replace(/%20/g, '+')}&amp;shown=20#candidate-${all[16]}"`,
    );
  });

  it('shows the fit in words and a bar, at most three reasons, and each part in plain words (nb and en)', async () => {
    const html = await page();
    const start = html.indexOf('<li class="app-candidate"');
    const first = html.slice(start, html.indexOf('</details>', start));
    expect(first).to.match(
      /<meter class="app-score-bar__meter" min="0" max="100" [^>]*value="\d+" aria-labelledby="fit-\d+">/,
    );
    expect(first).to.match(/id="fit-\d+">(Svært godt egnet|Godt egnet|Delvis egnet)</);
    const reasons = first.slice(first.indexOf('app-ranked__reasons'), first.indexOf('</ul>'));
    expect(reasons.match(/<li>/g)?.length).to.be.within(1, 3);
    expect(first).to.contain('<summary>Hvorfor denne plasseringen');
    expect(first).to.contain('Har alt prosjektet gjerne vil ha');
    expect(first).to.contain('Har ikke vært spurt mye i det siste');
    expect(first).to.not.match(/Rettferdig fordeling|Mangfold: \d|Fairness|Diversity/);
    const enHtml = await page('', en);
    expect(enHtml).to.contain('Has not been asked much lately');
    expect(enHtml).to.match(/>(Very good fit|Good fit|Partial fit)</);
    expect(enHtml).to.contain('>Show 10 more</a>');
  });

  it('gives the next step to sending the invitations once someone is on the shortlist', async () => {
    expect(await page()).to.contain('Sett dem du vil spørre på kortlisten.');
    await buildInvitation(t.db, org, { projectId: project, representativeId: ids[0]!, status: 'draft' });
    const html = await page();
    expect(html).to.contain('1 person er på kortlisten.');
    expect(html).to.contain(`<a class="ds-button" data-variant="primary" href="/projects/${project}/invitations">`);
    await t.db('invitations').where({ project_id: project }).delete();
  });

  it('says a project without requirements has none, with a link to add them, instead of a fit for everyone', async () => {
    const html = (await agent.get(`/projects/${bare}/matches`).expect(200)).text;
    expect(html).to.contain('Prosjektet har ingen krav ennå');
    expect(html).to.contain(`href="/projects/${bare}?open=new-requirement#new-requirement"`);
    // the link lands on the requirement form, open
    const target = (await agent.get(`/projects/${bare}?open=new-requirement`).expect(200)).text;
    expect(target).to.match(/<details [^>]*id="new-requirement" open>/);
    expect(html).to.contain('10 av 25 som kan spørres');
    expect(html).to.not.contain('<meter');
    expect(rows(html)).to.have.length(10);
    const withRequirements = await page();
    expect(withRequirements).to.not.contain('Prosjektet har ingen krav ennå');
  });
});
