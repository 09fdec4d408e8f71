import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildInvitation,
  buildMeeting,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
} from '../../helpers/builders.js';
import { signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';
import { newToken } from '../../../src/lib/tokens.js';
import type { Logger } from '../../../src/lib/logger.js';

/** The calendar's lines, unfolded (a CRLF and one space continue the line before). */
const unfolded = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

describe('the calendar feed: a personal secret address with the meetings of one’s projects', () => {
  let t: TestApp;
  let orgId: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  const logged: string[] = [];
  const logger: Logger = {
    info: (event, fields) => logged.push(JSON.stringify({ event, ...fields })),
    error: (event, fields) => logged.push(JSON.stringify({ event, ...fields })),
  };

  beforeEach(async () => {
    logged.length = 0;
    t = await buildTestApp({}, { logger });
    t.clock.set('2027-02-15T12:00:00Z');
    orgId = await buildOrganisation(t.db);
    facilitator = await buildUser(t.db, orgId, { role: 'facilitator' });
    ({ agent } = await signIn(t.app, facilitator.email, facilitator.password));
  });
  afterEach(() => t.close());

  /** Makes (or renews) the feed on /account and reads the address shown once. */
  async function makeFeed(): Promise<string> {
    const res = await submitForm(agent, '/account', '/account/calendar', {});
    expect(res.status).to.equal(303);
    const page = await agent.get('/account').expect(200);
    const url = /<code>(https?:\/\/[^<]+\/calendar\/[A-Za-z0-9_-]{43}\.ics)<\/code>/.exec(page.text)?.[1];
    expect(url, 'the address is shown').to.be.a('string');
    // shown once: the next visit no longer has it
    expect((await agent.get('/account')).text).not.to.contain(url!);
    return new URL(url!).pathname;
  }

  async function ownProject(title: string): Promise<number> {
    const id = await buildProject(t.db, orgId, { title });
    await t.db('projects').where({ id }).update({ facilitator_user_id: facilitator.id });
    return id;
  }

  it('lists the meetings of the user’s projects in the window, with stable UIDs, UTC times and no one’s name', async () => {
    const project = await ownProject('Brukerråd, vår; 2027');
    await buildRepresentative(t.db, orgId, { name: 'Hemmelig Deltaker' });
    const rep = await buildRepresentative(t.db, orgId, { name: 'Ola Deltaker' });
    await buildInvitation(t.db, orgId, { projectId: project, representativeId: rep, status: 'accepted' });
    const meeting = await buildMeeting(t.db, orgId, project, { place: 'Rådhuset, sal 2', sequence: 3 });
    const cancelled = await buildMeeting(t.db, orgId, project, {
      startsAt: '2027-03-08T09:00:00.000Z',
      endsAt: '2027-03-08T10:00:00.000Z',
      cancelledAt: '2027-02-01T10:00:00.000Z',
    });
    const longAgo = await buildMeeting(t.db, orgId, project, {
      startsAt: '2026-12-01T09:00:00.000Z',
      endsAt: '2026-12-01T10:00:00.000Z',
    });
    const farAhead = await buildMeeting(t.db, orgId, project, {
      startsAt: '2028-03-01T09:00:00.000Z',
      endsAt: '2028-03-01T10:00:00.000Z',
    });
    const othersProject = await buildProject(t.db, orgId, { title: 'Kollegaens prosjekt' });
    const others = await buildMeeting(t.db, orgId, othersProject);

    const path = await makeFeed();
    const res = await request(t.app).get(path).expect(200);
    expect(res.headers['content-type']).to.equal('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).to.equal('no-store');
    const lines = unfolded(res.text);
    expect(res.text.endsWith('\r\n')).to.equal(true);
    expect(res.text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).to.equal(true);
    expect(lines).to.include('METHOD:PUBLISH');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).to.have.length(1);
    const uid = lines.find((l) => l.startsWith('UID:'))!;
    expect(uid).to.match(new RegExp(`^UID:meeting-${meeting}@`));
    expect(lines).to.include('DTSTART:20270301T090000Z');
    expect(lines).to.include('DTEND:20270301T110000Z');
    expect(lines).to.include('DTSTAMP:20270215T120000Z');
    expect(lines).to.include('SEQUENCE:3');
    expect(lines).to.include('SUMMARY:Brukerråd\\, vår\\; 2027');
    expect(lines).to.include('LOCATION:Rådhuset\\, sal 2');
    expect(lines.find((l) => l.startsWith('URL:'))).to.match(new RegExp(`/projects/${project}$`));
    for (const id of [cancelled, longAgo, farAhead, others]) expect(res.text).not.to.contain(`meeting-${id}@`);
    expect(res.text).not.to.contain('Deltaker');
    // the same meeting keeps its UID on the next refresh
    const again = await request(t.app).get(path).expect(200);
    expect(unfolded(again.text).find((l) => l.startsWith('UID:'))).to.equal(uid);
    expect(await table(t.db, 'audit_events').where({ action: 'user.calendar_feed_created' })).to.have.length(1);
  });

  it('stores only the SHA-256 of the address and keeps the token out of the request log', async () => {
    const path = await makeFeed();
    const token = path.slice('/calendar/'.length, -'.ics'.length);
    const row = await one(table(t.db, 'users').where({ id: facilitator.id }).first());
    expect(row.calendar_token_hash).to.match(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.to.contain(token);
    logged.length = 0;
    await request(t.app).get(path).expect(200);
    expect(logged.join('\n')).not.to.contain(token);
    expect(logged.join('\n')).to.contain('/calendar/[token]');
  });

  it('renewing makes a new address and the old one answers 404; turning it off makes every address 404', async () => {
    const first = await makeFeed();
    const second = await makeFeed();
    expect(second).not.to.equal(first);
    await request(t.app).get(first).expect(404);
    await request(t.app).get(second).expect(200);
    expect(await table(t.db, 'audit_events').where({ action: 'user.calendar_feed_renewed' })).to.have.length(1);
    const off = await submitForm(agent, '/account', '/account/calendar/off', {});
    expect(off.status).to.equal(303);
    await request(t.app).get(second).expect(404);
    expect(await table(t.db, 'audit_events').where({ action: 'user.calendar_feed_revoked' })).to.have.length(1);
    const page = await agent.get('/account');
    expect(page.text).to.contain('action="/account/calendar"');
    expect(page.text).not.to.contain('action="/account/calendar/off"');
  });

  it('answers 404 with no-store to a guessed, malformed or differently spelt address', async () => {
    const path = await makeFeed();
    for (const guess of [`/calendar/${newToken().token}.ics`, '/calendar/short.ics', path.replace('.ics', '')]) {
      const res = await request(t.app).get(guess);
      expect(res.status, guess).to.equal(404);
      expect(res.headers['cache-control'], guess).to.equal('no-store');
    }
    // the registry routes case-exact: another spelling of the prefix is not the feed
    await request(t.app).get(path.replace('/calendar/', '/Calendar/')).expect(404);
  });

  it('stops the feed of a deactivated user', async () => {
    const path = await makeFeed();
    await t.db('users').where({ id: facilitator.id }).update({ active: false });
    await request(t.app).get(path).expect(404);
  });
});
