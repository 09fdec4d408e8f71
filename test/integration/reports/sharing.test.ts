import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildContact,
  buildImpact,
  buildInvitation,
  buildInvolvement,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';
import { table } from '../../helpers/rows.js';
import { checkPage } from '../../helpers/supervisor-walk.js';
import { ManualClock } from '../../../src/lib/clock.js';

// Issue 21, item 3: a read-only link to one report or one project's results for a manager without an account:
// exactly what a supervisor sees (the shared part of the two pages compared), secret, expiring within 90 days,
// revocable, listed with who made it, every view audited, no-store; guessed, expired and revoked links refused with
// a page that says so; no contact detail, no count of people under 5 and no health reason on a shared page.

const NOW = '2026-12-01T09:00:00.000Z';
const REPORT = '/reports?period=quarter&at=2026-11-01';

describe('share links for managers without an account (issue 21, item 3)', () => {
  let t: TestApp;
  let clock: ManualClock;
  let org: number;
  let project: number;
  let facilitator: Agent;
  let supervisor: Agent;

  beforeEach(async () => {
    clock = new ManualClock(NOW);
    t = await buildTestApp({}, { clock });
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    const kari = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    facilitator = (await signIn(t.app, kari.email, kari.password)).agent;
    const boss = await buildUser(t.db, org, { role: 'supervisor' });
    supervisor = (await signIn(t.app, boss.email, boss.password)).agent;
    const owner = await buildContact(t.db, org, { name: 'Ingrid Eier', email: 'ingrid@kommune.example' });
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 6 });
    await t.db('projects').where({ id: project }).update({ owner_contact_id: owner, phase: 'running' });
    // three took part (fewer than 5), one declined for health
    for (let i = 0; i < 3; i += 1) {
      const rep = await buildRepresentative(t.db, org, {
        name: `Deltaker ${i}`,
        consents: i === 0 ? ['roster', 'email_contact', 'named_in_reports'] : undefined,
      });
      await buildInvitation(t.db, org, { projectId: project, representativeId: rep, status: 'accepted' });
      await buildInvolvement(t.db, org, { projectId: project, representativeId: rep, occurredOn: '2026-11-10' });
    }
    const ill = await buildRepresentative(t.db, org, { name: 'Syk Person' });
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: ill, status: 'declined' },
      { declineReason: 'health', respondedAt: '2026-11-05T10:00:00.000Z' },
    );
    await buildImpact(t.db, org, project, { status: 'adopted', decidedOn: '2026-11-20', whatChanged: 'Nytt brev' });
  });
  afterEach(() => t.close());

  /** Makes a link from a page's share form as its user would; returns the secret address from the message shown. */
  const share = async (agent: Agent, page: string, action: string, fields: Record<string, string>) => {
    const html = (await agent.get(page).expect(200)).text;
    const res = await agent
      .post(action)
      .type('form')
      .send({ _csrf: csrfFrom(html), ...fields });
    expect(res.status).to.equal(303);
    const after = (await agent.get(res.headers.location!.split('#')[0]!).expect(200)).text;
    const url = /http[^\s<]*\/s\/([A-Za-z0-9_-]{43})/.exec(after)?.[1];
    return { token: url, after };
  };
  /** The part of a page a share link shows: the same markup on the link's page and the supervisor's. */
  const content = (html: string) => {
    const start = html.indexOf('<div id="shared-content">');
    expect(start, 'the shared part').to.be.above(-1);
    return html.slice(start, html.indexOf('<!-- /shared-content -->'));
  };

  it('when a facilitator shares the quarter’s report, then a visitor without an account sees exactly the supervisor’s figures', async () => {
    const { token, after } = await share(facilitator, REPORT, '/reports/share', {
      period: 'quarter',
      at: '2026-11-01',
      back: REPORT,
      days: '30',
    });
    expect(token, 'the link in the message').to.be.a('string');
    expect(after).to.contain('Laget av Kari Tilrettelegger');
    const visitor = await request(t.app).get(`/s/${token}`).expect(200);
    expect(visitor.headers['cache-control']).to.equal('no-store');
    expect(visitor.text).to.contain('Delt lenke: denne rapporten for Eksempel kommune');
    expect(visitor.text).to.match(/Lenken virker til 31\. des\. 2026/);
    expect(visitor.text).not.to.contain('action="/logout"');
    expect(visitor.text).not.to.contain('action="/reports"'); // no filter: the period is fixed
    const asSupervisor = (await supervisor.get(REPORT).expect(200)).text;
    const shared = content(visitor.text);
    expect(shared.length).to.be.above(2000);
    expect(content(asSupervisor)).to.equal(shared);
    checkPage(visitor.text, '/s/<report>');
    for (const hidden of ['Deltaker 1', 'Syk Person', 'ingrid@kommune.example'])
      expect(visitor.text).not.to.contain(hidden);
    const audit = await table(t.db, 'audit_events')
      .where({ organisation_id: org })
      .whereIn('action', ['share.created', 'share.viewed']);
    expect(audit.map((a) => a.action).sort()).to.deep.equal(['share.created', 'share.viewed']);
    const [link] = await table(t.db, 'share_links');
    expect(link!.token_hash).not.to.equal(token);
    expect(Number(link!.views)).to.equal(1);
  });

  it('when a supervisor shares a project’s results, then the visitor sees the results as the supervisor does', async () => {
    const page = `/projects/${project}/results`;
    const { token } = await share(supervisor, page, `${page}/share`, { days: '7' });
    const visitor = await request(t.app).get(`/s/${token}`).expect(200);
    expect(visitor.text).to.contain('Delt lenke: resultatene for dette prosjektet for Eksempel kommune');
    expect(content(visitor.text)).to.equal(content((await supervisor.get(page).expect(200)).text));
    checkPage(visitor.text, '/s/<results>');
    expect(visitor.text).to.contain('Deltaker 0');
    for (const hidden of ['Deltaker 1', 'Syk Person', 'ingrid@kommune.example'])
      expect(visitor.text).not.to.contain(hidden);
  });

  it('when the link is revoked or its time is up, then 410 with a page that says so; a guessed link is 404', async () => {
    const first = await share(facilitator, REPORT, '/reports/share', {
      period: 'quarter',
      at: '2026-11-01',
      days: '7',
    });
    const second = await share(facilitator, REPORT, '/reports/share', {
      period: 'quarter',
      at: '2026-11-01',
      days: '30',
    });
    const [newest] = await table(t.db, 'share_links').orderBy('id', 'desc');
    const html = (await facilitator.get(REPORT).expect(200)).text;
    await facilitator
      .post(`/share/${Number(newest!.id)}/revoke`)
      .type('form')
      .send({ _csrf: csrfFrom(html), back: REPORT })
      .expect(303);
    const revoked = await request(t.app).get(`/s/${second.token}`).expect(410);
    expect(revoked.text).to.contain('Lenken virker ikke lenger');
    expect(revoked.headers['cache-control']).to.equal('no-store');
    await request(t.app).get(`/s/${first.token}`).expect(200);
    clock.advance({ days: 8 });
    await request(t.app).get(`/s/${first.token}`).expect(410);
    const guessed = await request(t.app)
      .get(`/s/${'A'.repeat(43)}`)
      .expect(404);
    expect(guessed.text).to.contain('Vi fant ikke denne lenken');
    expect(await table(t.db, 'audit_events').where({ organisation_id: org, action: 'share.revoked' })).to.have.length(
      1,
    );
  });

  it('when the link would live longer than 90 days, then no link is made and the page says why', async () => {
    const html = (await facilitator.get(REPORT).expect(200)).text;
    const res = await facilitator
      .post('/reports/share')
      .type('form')
      .send({ _csrf: csrfFrom(html), period: 'quarter', at: '2026-11-01', back: REPORT, days: '365' });
    expect(res.status).to.equal(303);
    const after = (await facilitator.get(REPORT).expect(200)).text;
    expect(after).to.contain('Velg hvor lenge lenken skal virke: høyst 90 dager.');
    expect(await table(t.db, 'share_links')).to.have.length(0);
    // another organisation's project cannot be shared
    const other = await buildOrganisation(t.db);
    const theirs = await buildProject(t.db, other);
    await facilitator
      .post(`/projects/${theirs}/results/share`)
      .type('form')
      .send({ _csrf: csrfFrom(html), days: '7' })
      .expect(404);
  });
});
