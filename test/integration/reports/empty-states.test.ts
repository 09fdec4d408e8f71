import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildInvolvement,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
} from '../../helpers/builders.js';
import { signIn, type Agent } from '../../helpers/forms.js';
import { translator } from '../../../src/lib/i18n.js';

// Issue 17, item 7: a list, table or chart with nothing to show says what it would show and why it is empty (the
// partial views/partials/empty-state.ejs), instead of headers over no rows or an axis under no bars.

const nb = translator('nb');
const en = translator('en');
const EMPTY_STATE = /<p class="ds-paragraph app-empty"[^>]*>([^<]*)/g;
const emptySentences = (html: string) => [...html.matchAll(EMPTY_STATE)].map((m) => m[1]!.trim());

describe('empty and partial states (issue 17)', () => {
  let t: TestApp;
  let org: number;
  const agents: Record<'facilitator' | 'supervisor' | 'admin', Agent> = {} as never;

  beforeEach(async () => {
    t = await buildTestApp();
    org = await buildOrganisation(t.db, { name: 'Tom kommune' });
    for (const role of ['facilitator', 'supervisor', 'admin'] as const) {
      const user = await buildUser(t.db, org, { role });
      agents[role] = (await signIn(t.app, user.email, user.password)).agent;
    }
  });
  afterEach(() => t.close());

  it('gives the report of an empty period a sentence for each section instead of empty tables and a blank chart', async () => {
    const page = await agents.supervisor.get('/reports?period=month&at=2026-11-10').expect(200);
    expect(emptySentences(page.text)).to.deep.equal([
      nb('empty.report.period'),
      nb('empty.report.adopted'),
      nb('empty.report.projects'),
      nb('empty.report.trend', { from: '2025-12', to: '2026-11' }),
      nb('empty.report.network'),
      nb('empty.report.activity'),
      nb('empty.report.depth'),
      nb('empty.report.invitations'),
      nb('empty.report.impact'),
      nb('empty.report.voice'),
      nb('empty.report.recruitment'),
      nb('empty.report.representation'),
    ]);
    expect(page.text).not.to.contain('<svg class="app-chart"');
    expect(page.text).not.to.contain('<table');
    // the headline cards stay: zeros are answers, and the previous period is beside them
    expect(page.text).to.contain('class="ds-list--unstyled app-headline"');
    expect(page.text).to.contain(nb('empty.report.noHours'));
  });

  it('shows what there is and says what is missing in a partial period, in English too', async () => {
    const project = await buildProject(t.db, org, { startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const person = await buildRepresentative(t.db, org);
    await buildInvolvement(t.db, org, { projectId: project, representativeId: person, occurredOn: '2026-11-10' });
    const page = await agents.facilitator.get('/reports?period=month&at=2026-11-10').expect(200);
    const sentences = emptySentences(page.text);
    expect(sentences).to.include(nb('empty.report.invitations'));
    expect(sentences).to.include(nb('empty.report.impact'));
    expect(sentences).not.to.include(nb('empty.report.period'));
    expect(sentences).not.to.include(nb('empty.report.activity'));
    expect(sentences).not.to.include(nb('empty.report.trend', { from: '2025-12', to: '2026-11' }));
    expect(page.text).to.contain('<svg class="app-chart"');
    expect(page.text).to.contain(`<caption>${nb('reports.activity.byActivity')}</caption>`);
    await t.db('users').where({ organisation_id: org, role: 'facilitator' }).update({ locale: 'en' });
    const english = await agents.facilitator.get('/reports?period=month&at=2026-11-10').expect(200);
    expect(emptySentences(english.text)).to.include(en('empty.report.invitations'));
  });

  it('says so in one sentence when a facilitator’s worklist is empty, and shows no empty lists', async () => {
    const page = await agents.facilitator.get('/').expect(200);
    expect(emptySentences(page.text)).to.deep.equal([nb('worklist.empty.all')]);
    expect(page.text).not.to.match(/<ul class="app-bullets">\s*<\/ul>/);
  });

  it('tells a supervisor of a new organisation that no figures exist yet, above the zeros', async () => {
    const page = await agents.supervisor.get('/').expect(200);
    expect(emptySentences(page.text)).to.deep.equal([nb('empty.dashboard.figures')]);
    expect(page.text.indexOf('app-empty')).to.be.lessThan(page.text.indexOf('app-headline'));
  });

  it('says what each empty list would hold, with the next step, and says so apart from a filter that finds nothing', async () => {
    const pages: Array<[Agent, string, string, string | null]> = [
      [agents.facilitator, '/projects', nb('empty.projects'), '/projects/new'],
      [agents.facilitator, '/projects?phase=running', nb('empty.projectsFiltered'), '/projects'],
      [agents.supervisor, '/projects', nb('empty.projectsSupervisor'), null],
      [agents.facilitator, '/representatives', nb('empty.representatives'), '/representatives/import'],
      [agents.facilitator, '/contacts', nb('empty.contacts'), '/contacts/new'],
      [agents.facilitator, '/units', nb('empty.units'), '#new-unit'],
      [agents.facilitator, '/payments?from=2026-11-01&to=2026-11-30', nb('empty.payments'), null],
      [agents.facilitator, '/representatives/review', nb('empty.review.due'), null],
      [agents.admin, '/admin/outbox', nb('empty.outbox'), null],
      [agents.admin, '/admin/outbox?status=failed', nb('empty.outboxFiltered'), '/admin/outbox'],
      [agents.admin, '/admin/mailbox', nb('empty.mailbox'), null],
    ];
    for (const [agent, url, sentence, next] of pages) {
      const page = await agent.get(url).expect(200);
      const found = [...page.text.matchAll(/<p class="ds-paragraph app-empty"[^>]*>([\s\S]*?)<\/p>/g)].find((m) =>
        m[1]!.startsWith(sentence),
      );
      expect(found, `${url}: "${sentence}"`).to.not.equal(undefined);
      if (next) expect(found![1], url).to.contain(`href="${next}"`);
      else expect(found![1], url).not.to.contain('href=');
      expect(page.text, `${url} has a table`).not.to.contain('<table');
    }
  });

  it('fits a headline figure in words to its card (the smaller, unbroken style), and leaves numbers as they are', async () => {
    const project = await buildProject(t.db, org, { startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const person = await buildRepresentative(t.db, org);
    await buildInvolvement(t.db, org, { projectId: project, representativeId: person, occurredOn: '2026-11-10' });
    const page = await agents.supervisor.get('/reports?period=month&at=2026-11-10').expect(200);
    expect(page.text).to.match(
      new RegExp(`<span class="app-headline__figure app-headline__figure--words"[^>]*>${nb('reports.fewerThan5')}<`),
    );
    expect(page.text).to.match(/<span class="app-headline__figure">1 \/ 1</);
    const dashboard = await agents.supervisor.get('/').expect(200);
    expect(dashboard.text).to.contain('app-headline__figure app-headline__figure--words');
  });
});
