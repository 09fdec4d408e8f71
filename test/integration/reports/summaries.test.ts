import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
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
import { ManualClock } from '../../../src/lib/clock.js';
import { PROJECTS_SHOWN } from '../../../src/features/reports/reports.routes.js';

// Issue 21, item 2: a written summary of a month, quarter or year, shown at the top of the report for exactly that
// period (and in its print), linked from the weekly digest; the report's print header and its per-project table.

const NOW = '2026-12-01T09:00:00.000Z'; // Tuesday; the fourth quarter of 2026 has begun

describe('written summaries and a report worth forwarding (issue 21, item 2)', () => {
  let t: TestApp;
  let org: number;
  let facilitator: Agent;
  let supervisor: Agent;
  let supervisorId: number;

  beforeEach(async () => {
    t = await buildTestApp({}, { clock: new ManualClock(NOW) });
    org = await buildOrganisation(t.db, { name: 'Eksempel kommune' });
    const kari = await buildUser(t.db, org, { role: 'facilitator', name: 'Kari Tilrettelegger' });
    facilitator = (await signIn(t.app, kari.email, kari.password)).agent;
    const boss = await buildUser(t.db, org, { role: 'supervisor' });
    supervisorId = boss.id;
    supervisor = (await signIn(t.app, boss.email, boss.password)).agent;
  });
  afterEach(() => t.close());

  const write = async (fields: Record<string, string>, path = '/reports/summaries') => {
    const page = (await facilitator.get('/reports/summaries').expect(200)).text;
    return facilitator
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(page), ...fields });
  };
  const quarter = {
    period: 'quarter',
    at: '2026-10-15',
    title: 'Fjerde kvartal: utskriving ble tryggere',
    body: 'Representantene har vært med i tre prosjekter.\n\nTelefonnummeret på utskrivingsbrevet kom fra dem.',
  };

  it('when a facilitator writes the quarter’s summary, then the quarter’s report opens with it, and no other period’s does', async () => {
    const res = await write(quarter);
    expect(res.status).to.equal(303);
    const list = (await supervisor.get('/reports/summaries').expect(200)).text;
    expect(list).to.contain('Fjerde kvartal: utskriving ble tryggere');
    expect(list).to.contain('href="/reports?period=quarter&amp;at=2026-10-01"');
    expect(list).not.to.contain('action="/reports/summaries"'); // a supervisor reads, and does not write

    const report = (await supervisor.get('/reports?period=quarter&at=2026-11-20').expect(200)).text;
    expect(report).to.contain(
      '<h2 class="ds-heading" data-size="sm" id="r-written">Fjerde kvartal: utskriving ble tryggere</h2>',
    );
    expect(report).to.contain('<p class="ds-paragraph app-pre">Representantene har vært med i tre prosjekter.</p>');
    expect(report).to.contain('<p class="ds-paragraph app-pre">Telefonnummeret på utskrivingsbrevet kom fra dem.</p>');
    expect(report).to.contain('Skrevet av Kari Tilrettelegger');
    for (const other of ['/reports?period=month&at=2026-11-20', '/reports?period=year&at=2026-11-20', '/reports']) {
      expect((await supervisor.get(other).expect(200)).text, other).not.to.contain('id="r-written"');
    }
    const project = await buildProject(t.db, org);
    expect(
      (await supervisor.get(`/reports?period=quarter&at=2026-11-20&project=${project}`).expect(200)).text,
    ).not.to.contain('id="r-written"');
    const audit = await table(t.db, 'audit_events').where({ organisation_id: org, action: 'summaries.saved' });
    expect(audit).to.have.length(1);
  });

  it('when the period has a summary, has not begun or is not a date, then 422 with the message by the field and the text kept', async () => {
    await write(quarter).then((r) => expect(r.status).to.equal(303));
    for (const [fields, message] of [
      [{ ...quarter, at: '2026-11-30', title: 'En til' }, 'Det finnes allerede en oppsummering for denne perioden.'],
      [{ ...quarter, period: 'year', at: '2027-01-01' }, 'Perioden har ikke begynt ennå.'],
      [{ ...quarter, period: 'month', at: '2026-02-30' }, 'Skriv en dato, for eksempel 2026-10-01.'],
      [{ ...quarter, period: 'week', at: '2026-11-02' }, 'Velg måned, kvartal eller år.'],
      [{ ...quarter, period: 'month', at: '2026-11-02', title: ' ' }, 'Skriv en tittel.'],
    ] as const) {
      const res = await write(fields);
      expect(res.status, JSON.stringify(fields)).to.equal(422);
      expect(res.text).to.contain(message);
      expect(res.text).to.contain('Telefonnummeret på utskrivingsbrevet kom fra dem.');
    }
    expect(await table(t.db, 'report_summaries')).to.have.length(1);
  });

  it('when the summary is changed and then deleted, then the report follows, and a supervisor may do neither', async () => {
    await write(quarter);
    const [row] = await table(t.db, 'report_summaries');
    const id = Number(row!.id);
    const edit = (await facilitator.get(`/reports/summaries/${id}/edit`).expect(200)).text;
    expect(edit).to.contain('value="2026-10-01"');
    const changed = await facilitator
      .post(`/reports/summaries/${id}/edit`)
      .type('form')
      .send({ _csrf: csrfFrom(edit), ...quarter, title: 'Et bedre kvartal' });
    expect(changed.status).to.equal(303);
    expect((await supervisor.get('/reports?period=quarter&at=2026-10-01').expect(200)).text).to.contain(
      'Et bedre kvartal',
    );
    const page = (await supervisor.get('/reports/summaries').expect(200)).text;
    await supervisor
      .post(`/reports/summaries/${id}/delete`)
      .type('form')
      .send({ _csrf: csrfFrom(page) })
      .expect(403);
    await facilitator
      .post(`/reports/summaries/${id}/delete`)
      .type('form')
      .send({ _csrf: csrfFrom(edit) })
      .expect(303);
    expect((await supervisor.get('/reports?period=quarter&at=2026-10-01').expect(200)).text).not.to.contain(
      'id="r-written"',
    );
    const other = await buildOrganisation(t.db);
    const theirs = await buildUser(t.db, other, { role: 'facilitator' });
    const agent = (await signIn(t.app, theirs.email, theirs.password)).agent;
    await write(quarter);
    const [again] = await table(t.db, 'report_summaries');
    await agent.get(`/reports/summaries/${Number(again!.id)}/edit`).expect(404);
  });

  it('when the weekly digest goes out, then it links to the latest summary', async () => {
    await write(quarter);
    await t.db('users').where({ id: supervisorId }).update({ weekly_digest: true });
    await t.services.reportsService.sendWeeklyDigests();
    const [mail] = await table(t.db, 'outbox_messages').where({ user_id: supervisorId, kind: 'weekly_digest' });
    expect(mail!.text_body).to.contain('Oppsummering: Fjerde kvartal: utskriving ble tryggere.');
    expect(mail!.text_body).to.contain('/reports?period=quarter&at=2026-10-01');
  });

  it('when a report is printed, then a header names the organisation, the scope, the period and the day; projects link to their results', async () => {
    const small = await buildProject(t.db, org, { title: 'Trygg utskriving' });
    for (let i = 0; i < 2; i += 1) {
      const rep = await buildRepresentative(t.db, org);
      await buildInvitation(t.db, org, { projectId: small, representativeId: rep, status: 'accepted' });
      await buildInvolvement(t.db, org, { projectId: small, representativeId: rep, occurredOn: '2026-11-10' });
    }
    await buildImpact(t.db, org, small, { status: 'adopted', decidedOn: '2026-11-20', whatChanged: 'Nytt brev' });
    const page = (await supervisor.get('/reports?period=quarter&at=2026-11-20').expect(200)).text;
    expect(page).to.match(
      /class="ds-paragraph app-print-only app-print-header">Eksempel kommune · hele organisasjonen · 1\. oktober 2026 – 31\. desember 2026 · skrevet ut 1\. des\. 2026, 10:00</,
    );
    expect(page).to.contain(`<a class="ds-link" href="/projects/${small}/results">Trygg utskriving</a>`);
    const row = page.slice(page.indexOf(`/projects/${small}/results`));
    expect(row.slice(0, row.indexOf('</tr>'))).to.contain('færre enn 5');
    const filtered = (await supervisor.get(`/reports?period=quarter&at=2026-11-20&project=${small}`).expect(200)).text;
    expect(filtered).to.contain('Eksempel kommune · Trygg utskriving · 1. oktober 2026');
  });

  it('when more projects took part than the table shows, then the most hours come first and the rest on asking', async () => {
    const rep = await buildRepresentative(t.db, org);
    for (let i = 0; i < PROJECTS_SHOWN + 5; i += 1) {
      const p = await buildProject(t.db, org, { title: `Prosjekt nr. ${i}` });
      await buildInvolvement(
        t.db,
        org,
        { projectId: p, representativeId: rep, occurredOn: '2026-11-10' },
        { minutes: 60 + i },
      );
    }
    const page = (await supervisor.get('/reports?period=quarter&at=2026-11-20').expect(200)).text;
    const rows = (html: string) => (html.match(/href="\/projects\/\d+\/results">Prosjekt nr\. /g) ?? []).length;
    expect(rows(page)).to.equal(PROJECTS_SHOWN);
    expect(page).to.contain(`Prosjekt nr. ${PROJECTS_SHOWN + 4}`); // the most hours
    expect(page).not.to.contain('/results">Prosjekt nr. 0<');
    expect(page).to.contain('Tabellen viser ikke de 5 prosjektene med færrest timer.');
    const all = (await supervisor.get('/reports?period=quarter&at=2026-11-20&projects=all').expect(200)).text;
    expect(rows(all)).to.equal(PROJECTS_SHOWN + 5);
    expect(all).not.to.contain('Tabellen viser ikke');
  });
});
