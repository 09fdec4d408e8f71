import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildContact,
  buildInvitation,
  buildInvolvement,
  buildMeeting,
  buildOrganisation,
  buildOutboxMessage,
  buildProject,
  buildRepresentative,
  buildSkill,
  buildUser,
} from '../../helpers/builders.js';
import { signIn, type Agent } from '../../helpers/forms.js';
import { insertReturningIds } from '../../../src/db.js';

// Issue 17, item 1: every table is a responsive table (class app-table--cards, views/partials/table-head.ejs): on a
// phone each row is a card whose cells show their column's name from data-label. The layout itself is checked at
// 360 px by test/e2e/page-tour.test.ts; here, the markup every page must carry for it: a caption, and for each cell
// either the name of the column it stands in or one of the kinds that need none (the cell heading the card, a
// row header, the actions, an input with its own label).

const UNLABELLED =
  /class="[^"]*\b(app-table__title|app-table__check|app-table__field|app-table__actions|app-row-actions)\b/;
const text = (html: string) => html.replace(/<[^>]+>/g, '').trim();

interface Problem {
  page: string;
  problem: string;
}

function tableProblems(page: string, html: string): { tables: number; problems: Problem[] } {
  const problems: Problem[] = [];
  const tables = [...html.matchAll(/<table\b([^>]*)>([\s\S]*?)<\/table>/g)];
  for (const [, attributes, body] of tables) {
    const caption = /<caption\b[^>]*>([\s\S]*?)<\/caption>/.exec(body!)?.[1];
    const name = caption ? text(caption) : '(no caption)';
    if (!caption) problems.push({ page, problem: 'a table without a caption' });
    // the month-by-month trend of the report: three short columns, a table on a phone too (see docs/ui-patterns.md)
    if (!attributes!.includes('app-table--cards')) {
      if (!body!.includes('data-people="Representanter som deltok 20')) {
        problems.push({ page, problem: `${name}: not a responsive table` });
      }
      continue;
    }
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(body!)?.[1] ?? '';
    const columns = [...head.matchAll(/<th scope="col">([\s\S]*?)<\/th>/g)].map((m) => text(m[1]!));
    const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(body!)?.[1] ?? '';
    for (const [, row] of tbody.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)) {
      const cells = [...row!.matchAll(/<(td|th)\b([^>]*)>([\s\S]*?)<\/\1>/g)];
      if (cells.length !== columns.length) {
        problems.push({ page, problem: `${name}: a row of ${cells.length} cells under ${columns.length} columns` });
      }
      cells.forEach(([, tag, cellAttributes, content], index) => {
        const label = /data-label="([^"]*)"/.exec(cellAttributes!)?.[1];
        if (label !== undefined) {
          if (label !== columns[index]) {
            problems.push({ page, problem: `${name}: column "${columns[index]}" has a cell labelled "${label}"` });
          }
        } else if (tag !== 'th' && !UNLABELLED.test(cellAttributes!) && !/<(form|button|details)\b/.test(content!)) {
          problems.push({ page, problem: `${name}: a cell in column "${columns[index]}" without its name` });
        }
      });
    }
  }
  return { tables: tables.length, problems };
}

describe('responsive tables (issue 17)', () => {
  let t: TestApp;
  let admin: Agent;
  let ids: { project: number; meeting: number; person: number };

  before(async () => {
    t = await buildTestApp();
    const org = await buildOrganisation(t.db);
    const user = await buildUser(t.db, org, { role: 'admin' });
    admin = (await signIn(t.app, user.email, user.password)).agent;
    const now = new Date().toISOString();
    await insertReturningIds(t.db, 'units', [
      { organisation_id: org, name: 'Hjemmetjenesten', kind: 'home_care', created_at: now },
    ]);
    await buildSkill(t.db, org, { nameNb: 'Diabetes', nameEn: 'Diabetes', category: 'lived_experience' });
    await buildContact(t.db, org, { name: 'Kari Fagperson' });
    await buildOutboxMessage(t.db, org, { status: 'failed' });
    await buildOutboxMessage(t.db, org, { status: 'sent' });
    const project = await buildProject(t.db, org, { startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const meeting = await buildMeeting(t.db, org, project, {
      startsAt: '2026-11-10T09:00:00.000Z',
      endsAt: '2026-11-10T11:00:00.000Z',
    });
    const people = [];
    for (const name of ['Anne Aas', 'Bjørn Berg', 'Cecilie Dahl', 'Dina Eng', 'Eva Fjell', 'Frida Gran']) {
      people.push(await buildRepresentative(t.db, org, { name }));
    }
    const statuses = ['accepted', 'accepted', 'sent', 'declined', 'draft', 'undeliverable'] as const;
    for (const [index, status] of statuses.entries()) {
      await buildInvitation(t.db, org, { projectId: project, representativeId: people[index]!, status });
    }
    for (const person of people.slice(0, 2)) {
      await buildInvolvement(
        t.db,
        org,
        { projectId: project, representativeId: person, occurredOn: '2026-11-10' },
        { meetingId: meeting, minutes: 120, honorariumOre: 60000, attended: true },
      );
    }
    ids = { project, meeting, person: people[0]! };
  });
  after(() => t.close());

  it('gives every table a caption and every cell the name of its column (or a reason to need none)', async () => {
    const p = `/projects/${ids.project}`;
    const pages = [
      '/representatives',
      `/representatives/${ids.person}`,
      '/representatives/review',
      '/skills',
      '/units',
      '/contacts',
      '/projects',
      `${p}/invitations`,
      `${p}/involvement`,
      `${p}/meetings/${ids.meeting}/attendance`,
      '/payments?from=2026-11-01&to=2026-11-30',
      '/reports?period=month&at=2026-11-10',
      '/admin/users',
      '/admin/settings',
      '/admin/outbox',
      '/admin/mailbox',
      '/admin/audit',
    ];
    const problems: Problem[] = [];
    let tables = 0;
    for (const url of pages) {
      const page = await admin.get(url).expect(200);
      const found = tableProblems(url, page.text);
      expect(found.tables, `tables on ${url}`).to.be.greaterThan(0);
      tables += found.tables;
      problems.push(...found.problems);
    }
    expect(problems.map((f) => `${f.page}: ${f.problem}`)).to.deep.equal([]);
    expect(tables).to.be.at.least(pages.length + 4);
  });

  it('shows a labelled input for each person on the attendance form, and the total as the last line of a payment', async () => {
    const attendance = await admin.get(`/projects/${ids.project}/meetings/${ids.meeting}/attendance`).expect(200);
    // the label a phone shows beside the box names the column; screen readers hear the person too
    expect(attendance.text).to.contain(
      `<label class="ds-sr-only app-table__label" for="attended-${ids.person}">Deltok<span class="ds-sr-only">: Anne Aas</span></label>`,
    );
    expect(attendance.text).to.contain('class="app-sticky-actions"');
    const payments = await admin.get('/payments?from=2026-11-01&to=2026-11-30').expect(200);
    expect(payments.text).to.match(/<td class="app-table__total" data-label="[^"]+">600,00<\/td>/);
  });
});
