import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  buildInvitation,
  buildMeeting,
} from '../../helpers/builders.js';
import { csrfFrom, signIn, type Agent } from '../../helpers/forms.js';
import { ManualClock } from '../../../src/lib/clock.js';

const cells = (html: string, name: string) => {
  const row = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!).find((r) => r.includes(name)) ?? '';
  return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
};
const headers = (html: string) => [...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]!.trim());

describe('hours on the payments page and in its CSV (issue 14, item 7)', () => {
  let t: TestApp;
  let org: number;
  let agent: Agent;
  let project: number;
  let meeting: number;
  let anne: number;

  const setUp = async (locale: 'nb' | 'en') => {
    t = await buildTestApp({}, { clock: new ManualClock('2026-12-08T09:00:00Z') });
    org = await buildOrganisation(t.db);
    const facilitator = await buildUser(t.db, org, { role: 'facilitator', locale });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
    project = await buildProject(t.db, org, { title: 'Bedre hverdag', seats: 3, startsOn: '2026-01-01' });
    meeting = await buildMeeting(t.db, org, project, {
      startsAt: '2026-11-10T09:00:00.000Z',
      endsAt: '2026-11-10T11:00:00.000Z',
    });
    anne = await buildRepresentative(t.db, org, { name: 'Anne Aas' });
    const now = new Date().toISOString();
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: anne, status: 'accepted' },
      { createdAt: now },
    );
    // 2 hours in person and half an hour of preparation, paid: 2.5 hours at 300 kr
    const page = await agent.get(`/projects/${project}/meetings/${meeting}/attendance`);
    await agent
      .post(`/projects/${project}/meetings/${meeting}/attendance`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        activity: 'meeting',
        hours: '2',
        preparationHours: locale === 'nb' ? '0,5' : '0.5',
        levelDelivered: 'involve',
        [`attended-${anne}`]: 'on',
        [`inPerson-${anne}`]: 'on',
      })
      .expect(303);
  };
  afterEach(() => t.close());

  it('shows attended hours, preparation and paid hours as separate labelled columns that agree with the amount', async () => {
    await setUp('nb');
    const page = await agent.get('/payments?from=2026-11-01&to=2026-11-30').expect(200);
    const columns = headers(page.text);
    expect(columns).to.include.members(['Timer til stede', 'Timer forberedelse', 'Betalte timer']);
    const row = cells(page.text, 'Anne Aas');
    const at = (column: string) => row[columns.indexOf(column)];
    expect(at('Timer til stede')).to.equal('2,00');
    expect(at('Timer forberedelse')).to.equal('0,50');
    expect(at('Betalte timer')).to.equal('2,50');
    expect(at('Honorar (kr)')).to.equal('750,00');
  });

  it('puts the same three columns in the CSV, in English too', async () => {
    await setUp('en');
    const csv = await agent.get('/payments.csv?from=2026-11-01&to=2026-11-30').expect(200);
    const [header, row] = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    const columns = header!.split(';').map((c) => c.replace(/"/g, ''));
    const values = row!.split(';').map((c) => c.replace(/"/g, ''));
    const at = (column: string) => values[columns.indexOf(column)];
    expect(columns).to.include.members(['Hours attended', 'Hours of preparation', 'Paid hours']);
    expect(at('Hours attended')).to.equal('2.00');
    expect(at('Hours of preparation')).to.equal('0.50');
    expect(at('Paid hours')).to.equal('2.50');
    expect(at('Honorarium (kr)')).to.equal('750.00');
  });
});
