import { expect } from 'chai';
import type { TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildRepresentative, buildSkill } from '../../helpers/builders.js';
import { signedInApp, submitForm, type Agent } from '../../helpers/forms.js';

const names = (html: string) =>
  [...html.matchAll(/<td[^>]*><a class="ds-link" href="\/representatives\/\d+">([^<]+)<\/a><\/td>/g)].map((m) => m[1]);

describe('the roster list', () => {
  let t: TestApp;
  let orgId: number;
  let agent: Agent;
  beforeEach(async () => {
    ({ t, orgId, agent } = await signedInApp('facilitator'));
  });
  afterEach(() => t.close());

  it('searches names case-insensitively with æ, ø and å', async () => {
    await buildRepresentative(t.db, orgId, { name: 'Ærlig Øystein Åsen' });
    await buildRepresentative(t.db, orgId, { name: 'Kari Nordmann' });
    for (const q of ['øYSTEIN', 'ÆRLIG', 'åsen', 'stein å']) {
      const res = await agent.get(`/representatives?q=${encodeURIComponent(q)}`).expect(200);
      expect(names(res.text), q).to.deep.equal(['Ærlig Øystein Åsen']);
    }
    const none = await agent.get('/representatives?q=%25').expect(200);
    expect(names(none.text)).to.deep.equal([]);
  });

  it('sorts names in Norwegian order, with Æ, Ø and Å after Z, both ways', async () => {
    for (const name of ['Åse Berg', 'Zara Ali', 'Øystein Lie', 'Anne Dahl', 'Ærlend Vik'])
      await buildRepresentative(t.db, orgId, { name });
    const asc = await agent.get('/representatives').expect(200);
    expect(names(asc.text)).to.deep.equal(['Anne Dahl', 'Zara Ali', 'Ærlend Vik', 'Øystein Lie', 'Åse Berg']);
    const desc = await agent.get('/representatives?sort=name_desc').expect(200);
    expect(names(desc.text)).to.deep.equal(['Åse Berg', 'Øystein Lie', 'Ærlend Vik', 'Zara Ali', 'Anne Dahl']);
  });

  it('filters by several skills, all required, at a minimum level', async () => {
    const a = await buildSkill(t.db, orgId, { nameNb: 'Prosjektarbeid' });
    const b = await buildSkill(t.db, orgId, { nameNb: 'Undervisning' });
    await buildRepresentative(t.db, orgId, {
      name: 'Both Expert',
      skills: [
        { skillId: a, level: 3 },
        { skillId: b, level: 3 },
      ],
    });
    await buildRepresentative(t.db, orgId, {
      name: 'Both Basic',
      skills: [
        { skillId: a, level: 1 },
        { skillId: b, level: 2 },
      ],
    });
    await buildRepresentative(t.db, orgId, { name: 'Only A', skills: [{ skillId: a, level: 3 }] });
    const both = await agent.get(`/representatives?skill=${a}&skill=${b}`).expect(200);
    expect(names(both.text)).to.deep.equal(['Both Basic', 'Both Expert']);
    expect(both.text).to.contain('2 av 3 representanter passer til søket');
    const experts = await agent.get(`/representatives?skill=${a}&skill=${b}&minLevel=3`).expect(200);
    expect(names(experts.text)).to.deep.equal(['Both Expert']);
    // the chosen skills stay ticked, so the form shows the search that is running
    expect(both.text).to.match(new RegExp(`value="${a}" checked`));
  });

  it('filters by kind, status, area and language', async () => {
    await buildRepresentative(t.db, orgId, {
      name: 'Nok Sentrum',
      kind: 'next_of_kin',
      area: 'Sentrum',
      languages: 'nb,ar',
    });
    await buildRepresentative(t.db, orgId, {
      name: 'Pasient Sentrum',
      kind: 'patient',
      area: 'Sentrum',
      languages: 'nb',
    });
    await buildRepresentative(t.db, orgId, { name: 'Pasient Nord', kind: 'patient', area: 'Nord', status: 'retired' });
    expect(names((await agent.get('/representatives?kind=next_of_kin')).text)).to.deep.equal(['Nok Sentrum']);
    expect(names((await agent.get('/representatives?status=retired')).text)).to.deep.equal(['Pasient Nord']);
    expect(names((await agent.get('/representatives?area=Sentrum&kind=patient')).text)).to.deep.equal([
      'Pasient Sentrum',
    ]);
    expect(names((await agent.get('/representatives?language=ar')).text)).to.deep.equal(['Nok Sentrum']);
  });

  it('finds who is free in a period: active, or paused only until before it, with a term that covers it', async () => {
    await buildRepresentative(t.db, orgId, { name: 'Free Active' });
    await buildRepresentative(t.db, orgId, { name: 'Paused Through', status: 'paused', pausedUntil: '2027-03-01' });
    await buildRepresentative(t.db, orgId, { name: 'Paused Before', status: 'paused', pausedUntil: '2027-01-15' });
    await buildRepresentative(t.db, orgId, { name: 'Term Ends', termEnd: '2027-02-01' });
    await buildRepresentative(t.db, orgId, { name: 'Prospective', status: 'prospective' });
    const res = await agent.get('/representatives?freeFrom=2027-02-01&freeTo=2027-02-28').expect(200);
    expect(names(res.text)).to.deep.equal(['Free Active', 'Paused Before']);
  });

  it('paginates 25 a page with the filters kept in the page links', async () => {
    for (let i = 0; i < 30; i += 1)
      await buildRepresentative(t.db, orgId, { name: `Person ${String(i).padStart(2, '0')}`, kind: 'patient' });
    await buildRepresentative(t.db, orgId, { name: 'Other Kind', kind: 'next_of_kin' });
    const first = await agent.get('/representatives?kind=patient').expect(200);
    expect(names(first.text)).to.have.length(25);
    expect(first.text).to.contain('30 av 31 representanter');
    expect(first.text).to.contain('href="/representatives?kind=patient&amp;page=2"');
    const second = await agent.get('/representatives?kind=patient&page=2').expect(200);
    expect(names(second.text)).to.deep.equal(['Person 25', 'Person 26', 'Person 27', 'Person 28', 'Person 29']);
  });

  it('ignores malformed filters instead of failing', async () => {
    await buildRepresentative(t.db, orgId, { name: 'Still Here' });
    const res = await agent
      .get('/representatives?skill=abc&skill=99999&minLevel=7&kind=alien&freeFrom=2027-13-45&page=-3&sort=random')
      .expect(200);
    expect(names(res.text)).to.deep.equal(['Still Here']);
  });

  it('updates the counts as soon as the roster changes', async () => {
    await buildRepresentative(t.db, orgId, { name: 'One' });
    expect((await agent.get('/representatives')).text).to.contain('1 representant');
    const res = await submitForm(agent, '/representatives/new', '/representatives/new', {
      name: 'Two',
      kind: 'patient',
      status: 'active',
      email: 'two@test.example',
      locale: 'nb',
      preferredContact: 'email',
      consentMethod: 'written',
    });
    expect(res.status).to.equal(303);
    expect((await agent.get('/representatives')).text).to.contain('2 representanter');
  });

  it('runs a fixed number of queries for a page, however many rows it shows (no N+1)', async () => {
    const skill = await buildSkill(t.db, orgId);
    const count = async (n: number) => {
      for (let i = 0; i < n; i += 1) await buildRepresentative(t.db, orgId, { skills: [{ skillId: skill, level: 2 }] });
      let queries = 0;
      const listener = () => {
        queries += 1;
      };
      t.db.on('query', listener);
      await agent.get(`/representatives?skill=${skill}`).expect(200);
      t.db.off('query', listener);
      return queries;
    };
    const few = await count(2);
    const many = await count(23);
    expect(many).to.equal(few);
    // 9 since the roster counts the people waiting on the written-language review (issue 25): one query, not per row
    expect(many).to.be.at.most(9);
  });

  it('never shows another organisation’s representatives', async () => {
    const other = await buildOrganisation(t.db);
    const theirs = await buildRepresentative(t.db, other, { name: 'Other Org Person' });
    const res = await agent.get('/representatives?q=other').expect(200);
    expect(names(res.text)).to.deep.equal([]);
    await agent.get(`/representatives/${theirs}`).expect(404);
  });
});
