import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { rootDir } from '../../../src/config.js';
import { createDb, type Db } from '../../../src/db.js';
import { ManualClock } from '../../../src/lib/clock.js';
import { toNumber } from '../../../src/lib/db-values.js';
import { DEMO_COLLEAGUE_LOGIN, DEMO_LOGINS, DemoSeedRefused, seedDemo, seedDemoIfEmpty } from '../../../seeds/demo.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation } from '../../helpers/builders.js';
import { freshDatabase, testConfig, testEngine } from '../../helpers/db.js';
import { signIn, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';
import { LOCALES, tr, walkIds, walkSupervisorPages } from '../../helpers/supervisor-walk.js';

// Issue 18 item 1: the demo organisation is a living network on first start, dated from the injected clock,
// the same for the same clock, refused on a database that holds data, and every count a supervisor sees of it
// still keeps the small-number rule.

const nb = tr.nb;
const count = async (db: Db, name: Parameters<typeof table>[1], where: Record<string, unknown> = {}) =>
  toNumber((await table(db, name).where(where).count({ n: '*' }).first())?.n);
const stripTags = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe(`the demo organisation (${testEngine})`, function () {
  this.timeout(120_000);

  describe('seeding', () => {
    it('writes the same rows for the same clock, into two fresh databases', async () => {
      const at = '2026-11-23T09:00:00Z';
      const dbs = [createDb(await testConfig()), createDb(await testConfig())];
      try {
        for (const db of dbs) await seedDemo(db, { env: 'test', scryptLog2N: 10 }, new ManualClock(at));
        // every table the demo writes, in a stable order (the password hash has a random salt: left out)
        const tables: Array<[Parameters<typeof table>[1], string[]]> = [
          ['organisations', ['id']],
          ['users', ['id']],
          ['honorarium_rule_versions', ['id']],
          ['units', ['id']],
          ['contacts', ['id']],
          ['contact_notes', ['id']],
          ['skills', ['id']],
          ['representatives', ['id']],
          ['representative_skills', ['representative_id', 'skill_id']],
          ['consents', ['id']],
          ['representative_status_changes', ['id']],
          ['projects', ['id']],
          ['project_phase_changes', ['id']],
          ['project_requirements', ['id']],
          ['meetings', ['id']],
          ['invitations', ['id']],
          ['involvements', ['id']],
          ['impacts', ['id']],
          ['impact_representatives', ['impact_id', 'representative_id']],
          ['payment_exports', ['id']],
          ['representative_requests', ['id']],
          ['outbox_messages', ['id']],
          ['participation_links', ['id']],
          ['audit_events', ['id']],
        ];
        for (const [name, order] of tables) {
          const [a, b] = await Promise.all(
            dbs.map(async (db) =>
              (await table(db, name).orderBy(order).select()).map((row) => {
                const copy: Record<string, unknown> = { ...row };
                delete copy.password_hash;
                return copy;
              }),
            ),
          );
          expect(a!.length, name).to.be.above(0);
          expect(b, name).to.deep.equal(a);
        }
      } finally {
        await Promise.all(dbs.map((db) => db.destroy()));
      }
    });

    it('refuses a database that holds other data, and writes nothing', async () => {
      const db = createDb(await testConfig());
      try {
        await buildOrganisation(db, { name: 'Annen kommune' });
        let error: unknown;
        try {
          await seedDemo(db, { env: 'test', scryptLog2N: 10 }, new ManualClock());
        } catch (err) {
          error = err;
        }
        expect(error).to.be.instanceOf(DemoSeedRefused);
        expect((error as Error).message).to.match(/already holds data \(1 organisation\)/);
        // npm start seeds only an empty database, and starts anyway
        expect(await seedDemoIfEmpty(db, { env: 'development', scryptLog2N: 10 }, new ManualClock())).to.equal(false);
        expect(await count(db, 'organisations')).to.equal(1);
        expect(await count(db, 'users')).to.equal(0);
        expect(await count(db, 'representatives')).to.equal(0);
      } finally {
        await db.destroy();
      }
    });

    it('npm run db:seed on a database with data says why it refuses and exits with 1', async () => {
      const database = await freshDatabase();
      const db = createDb(database);
      await buildOrganisation(db, { name: 'Annen kommune' });
      await db.destroy();
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(rootDir, 'src', 'cli', 'db.ts'), 'seed'], {
        cwd: rootDir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          NODE_ENV: 'development',
          LOG_LEVEL: 'silent',
          SCRYPT_LOG2N: '10',
          DATABASE_URL: database.databaseUrl ?? '',
          SQLITE_FILE: database.sqliteFile,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code, stderr).to.equal(1);
      expect(stderr).to.match(/Refused: the database already holds data \(1 organisation\)/);
      expect(stderr).to.match(/npm run db:reset/);
      expect(stdout).not.to.match(/Seeded/);
      const after = createDb(database);
      try {
        expect(await count(after, 'organisations')).to.equal(1);
        expect(await count(after, 'users')).to.equal(0);
      } finally {
        await after.destroy();
      }
    });
  });

  describe('on first start', () => {
    let t: TestApp;
    let org: number;
    const agents = {} as Record<(typeof DEMO_LOGINS)[number]['role'], Agent>;
    const today = () => t.clock.now().setZone('Europe/Oslo').startOf('day');
    const day = (offset: number) => today().plus({ days: offset }).toISODate()!;

    before(async () => {
      t = await buildTestApp();
      await seedDemo(t.db, t.config, t.clock);
      org = (await one(table(t.db, 'organisations').where({ name: 'Eksempel kommune' }).first('id'))).id;
      for (const login of DEMO_LOGINS) {
        const { agent, res } = await signIn(t.app, login.email, login.password);
        expect(res.status, login.email).to.equal(303);
        agents[login.role] = agent;
      }
    });
    after(() => t.close());

    it('holds the situations a facilitator meets, dated from the clock', async () => {
      const reps = await table(t.db, 'representatives').where({ organisation_id: org });
      expect(reps.length).to.be.within(55, 65);
      const date = (v: string | Date | null) => (v instanceof Date ? v.toISOString() : (v ?? '')).slice(0, 10);
      const paused = reps.filter((r) => r.status === 'paused');
      expect(paused.map((r) => date(r.paused_until))).to.include(day(-1));
      expect(paused.some((r) => date(r.paused_until) > day(30))).to.equal(true);
      expect(reps.filter((r) => r.status === 'retired').length).to.be.at.least(1);
      expect(reps.filter((r) => r.status === 'prospective').length).to.be.at.least(1);
      expect(reps.filter((r) => r.email_undeliverable === true || r.email_undeliverable === 1)).to.have.length(1);
      expect(reps.filter((r) => r.preferred_contact === 'phone').length).to.be.at.least(2);
      expect(reps.filter((r) => r.preferred_contact === 'letter').length).to.be.at.least(2);
      expect(reps.filter((r) => r.locale === 'en').length).to.be.at.least(3);
      const active = reps.filter((r) => r.status === 'active');
      expect(active.some((r) => date(r.term_end) < day(0) && date(r.term_end) >= day(-7))).to.equal(true);
      expect(active.filter((r) => date(r.term_end) >= day(0) && date(r.term_end) <= day(60)).length).to.be.at.least(2);
      const reviewDue = today().minus({ months: 24 }).toUTC().toISO()!;
      const reviewed = (v: string | Date | null) => (v instanceof Date ? v.toISOString() : (v ?? ''));
      expect(reps.filter((r) => reviewed(r.last_reviewed_at) < reviewDue).length).to.be.at.least(3);
      const training = await table(t.db, 'representative_skills').whereNotNull('expires_on').select('expires_on');
      const expiries = training.map((s) => date(s.expires_on));
      expect(expiries.some((d) => d < day(0) && d >= day(-7))).to.equal(true);
      expect(expiries.filter((d) => d >= day(0) && d <= day(60)).length).to.be.at.least(2);

      const phases = (await table(t.db, 'projects').where({ organisation_id: org }).select('phase')).map(
        (p) => p.phase,
      );
      expect(phases).to.have.length(12);
      for (const phase of ['idea', 'planning', 'running', 'evaluating', 'closed']) expect(phases).to.include(phase);
      const statuses = (await table(t.db, 'invitations').where({ organisation_id: org }).select('status')).map(
        (i) => i.status,
      );
      for (const status of ['draft', 'sent', 'accepted', 'waitlisted', 'declined', 'expired', 'withdrawn']) {
        expect(statuses, status).to.include(status);
      }
      const reasons = (await table(t.db, 'invitations').where({ status: 'declined' }).select('decline_reason')).map(
        (i) => i.decline_reason,
      );
      expect(reasons).to.include('health');
      const meetings = (await table(t.db, 'meetings').where({ organisation_id: org }).select('starts_at')).map((m) =>
        new Date(m.starts_at).getTime(),
      );
      const now = t.clock.now().toMillis();
      expect(meetings.filter((m) => m < now).length).to.be.above(20);
      expect(meetings.filter((m) => m > now && m < now + 21 * 86_400_000).length).to.be.at.least(3);
      const impacts = await table(t.db, 'impacts').where({ organisation_id: org });
      expect(impacts.some((i) => i.status === 'adopted' && i.fed_back_at)).to.equal(true);
      expect(impacts.some((i) => i.status === 'rejected')).to.equal(true);
      // e-mail is all through the worker already: nothing waits to be sent (again) when the app starts
      const outbox = await table(t.db, 'outbox_messages').where({ organisation_id: org }).select('status');
      expect(outbox.length).to.be.above(20);
      expect(outbox.every((m) => m.status === 'sent' || m.status === 'failed')).to.equal(true);
    });

    it('holds a team of two facilitators: a hand-over, contact persons, a letter waiting, a series, the team’s marks', async () => {
      const users = await table(t.db, 'users').where({ organisation_id: org });
      const kari = users.find((u) => u.email === 'facilitator@example.no')!;
      const jonas = users.find((u) => u.email === DEMO_COLLEAGUE_LOGIN.email)!;
      expect(jonas).to.include({ role: 'facilitator' });
      expect(kari.phone).to.match(/^\+47/);
      const projects = await table(t.db, 'projects').where({ organisation_id: org });
      expect(projects.filter((p) => Number(p.facilitator_user_id) === Number(jonas.id)).length).to.be.at.least(2);
      // Kari handed one of them over, audited, and Jonas got the e-mail
      const handedOver = await table(t.db, 'audit_events').where({
        organisation_id: org,
        action: 'project.handed_over',
      });
      expect(handedOver).to.have.length(1);
      expect(Number(handedOver[0]!.actor_user_id)).to.equal(Number(kari.id));
      const mail = await table(t.db, 'outbox_messages').where({ organisation_id: org, kind: 'handover' });
      expect(mail.map((m) => m.to_address)).to.deep.equal([jonas.email]);
      // every representative has a contact person, and both facilitators have people
      const reps = await table(t.db, 'representatives').where({ organisation_id: org });
      expect(reps.every((r) => r.contact_user_id !== null)).to.equal(true);
      expect(new Set(reps.map((r) => Number(r.contact_user_id)))).to.deep.equal(
        new Set([Number(kari.id), Number(jonas.id)]),
      );
      // a letter invitation waits to be printed
      const waiting = await table(t.db, 'invitations').where({
        organisation_id: org,
        status: 'draft',
        channel: 'letter',
      });
      expect(waiting.length).to.be.at.least(1);
      // one recurring series, every four weeks
      const series = await table(t.db, 'meetings').where({ organisation_id: org }).whereNotNull('series_id');
      expect(series.length).to.be.at.least(3);
      expect(new Set(series.map((m) => m.series_id)).size).to.equal(1);
      expect(series.every((m) => Number(m.series_every_weeks) === 4)).to.equal(true);
      // the team has marked one item done and snoozed another
      const marks = await table(t.db, 'worklist_marks').where({ organisation_id: org });
      expect(marks.map((m) => m.state).sort()).to.deep.equal(['done', 'snoozed']);
      // Jonas's own worklist and the letters page answer
      const { agent } = await signIn(t.app, jonas.email, DEMO_COLLEAGUE_LOGIN.password);
      const worklist = await agent.get('/').expect(200);
      expect(worklist.text).to.match(/href="\/\?view=mine" aria-current="page"/);
      const letters = await agents.facilitator
        .get(`/projects/${waiting[0]!.project_id}/invitations/letters`)
        .expect(200);
      expect(letters.text.match(/class="app-letter"/g)?.length).to.equal(waiting.length);
    });

    it('holds the evidence for managers: the last quarter’s summary on its report, a shared link listed, results pages, a unit’s request', async () => {
      const quarter = today().minus({ quarters: 1 }).startOf('quarter');
      const report = (await agents.supervisor.get(`/reports?period=quarter&at=${quarter.toISODate()}`).expect(200))
        .text;
      expect(report).to.contain('id="r-written"');
      expect(report).to.contain('representantene endret utskrivingsbrevet');
      expect(report).to.contain('Laget av Kari');
      expect(report).to.match(/href="\/projects\/\d+\/results"/);
      const projects = await table(t.db, 'projects')
        .where({ organisation_id: org })
        .whereIn('phase', ['closed', 'evaluating']);
      expect(projects.length).to.be.at.least(1);
      for (const p of projects) {
        const page = (await agents.supervisor.get(`/projects/${p.id}/results`).expect(200)).text;
        expect(page, p.title).to.contain('id="shared-content"');
      }
      // a unit's request waits on the facilitators' worklist
      const worklist = (await agents.facilitator.get('/?view=all').expect(200)).text;
      expect(worklist).to.contain('Hjemmetjenesten sone Nord ber om brukermedvirkning');
    });

    it('shows the facilitator a dashboard with work in every part', async () => {
      const res = await agents.facilitator.get('/');
      expect(res.status).to.equal(200);
      for (const key of ['worklist.why.undeliverable', 'worklist.why.paused', 'worklist.why.request']) {
        expect(res.text, key).to.contain(nb(key));
      }
      expect(res.text, 'an empty part').not.to.contain('app-empty');
      expect(res.text).to.match(/href="\/projects\/\d+\/matches"/);
      expect(res.text).to.match(/href="\/contacts\/\d+"/);
      // the team's marks: an answer Kari has read, a term ending that Jonas snoozed until next week
      const all = (await agents.facilitator.get('/?view=all')).text;
      expect(all).to.contain('Gjort og utsatt (2)');
      expect(all).to.match(/gjort av [^<]+/);
      expect(all).to.match(/utsatt til [^<]+ av /);
    });

    it('shows the admin their projects, the dev mailbox with e-mail whose links work, and a refused message', async () => {
      const dashboard = await agents.admin.get('/');
      expect(dashboard.status).to.equal(200);
      expect(dashboard.text).to.match(/href="\/projects\/\d+\/matches"/);
      const mailbox = await agents.admin.get('/admin/mailbox');
      expect(mailbox.status).to.equal(200);
      const ids = [...mailbox.text.matchAll(/href="\/admin\/mailbox\/(\d+)"/g)].map((m) => Number(m[1]));
      expect(ids.length).to.be.at.least(10);
      // the newest invitation still waiting for an answer: its link opens the answer page
      const waiting = await one(
        table(t.db, 'outbox_messages')
          .where({ organisation_id: org, kind: 'invitation', status: 'sent' })
          .whereNotNull('text_body')
          .orderBy('id', 'desc')
          .first('id'),
      );
      const message = await agents.admin.get(`/admin/mailbox/${waiting.id}`);
      expect(message.status).to.equal(200);
      const link = /http:\/\/[^/\s"]+(\/i\/[A-Za-z0-9_-]{43})/.exec(message.text)?.[1];
      expect(link, 'an answer link').to.be.a('string');
      const answer = await request(t.app).get(link!);
      expect(answer.status).to.equal(200);
      expect(answer.text).to.contain('name="_csrf"');
      const outbox = await agents.admin.get('/admin/outbox?status=failed');
      expect(outbox.status).to.equal(200);
      expect(stripTags(outbox.text)).to.match(/550 5\.1\.1/);
    });

    it('shows the supervisor the figures of the last 12 months', async () => {
      const res = await agents.supervisor.get('/');
      expect(res.status).to.equal(200);
      expect(res.text).not.to.contain(nb('empty.dashboard.figures'));
      const people = /data-people="[^"]*">([^<]*)</.exec(res.text)?.[1];
      expect(Number(people), 'people who took part, shown as a number').to.be.at.least(5);
    });

    for (const role of ['facilitator', 'supervisor'] as const) {
      it(`gives the ${role} a report with every section and the chart with bars`, async () => {
        const res = await agents[role].get('/reports');
        expect(res.status).to.equal(200);
        expect(res.text, 'an empty section').not.to.contain('app-empty');
        const bars = [...res.text.matchAll(/<rect class="app-chart__bar"[^>]*height="(\d+)"/g)].map((m) =>
          Number(m[1]),
        );
        expect(bars).to.have.length(12);
        expect(bars.filter((h) => h > 0).length, 'months with bars').to.be.at.least(9);
        for (const section of [
          'summary',
          'trend',
          'network',
          'activity',
          'depth',
          'invitations',
          'fairness',
          'impact',
        ]) {
          expect(res.text, section).to.contain(nb(`reports.sections.${section}`));
        }
        expect(res.text).to.contain(nb('reports.sections.recruitment'));
      });
    }

    it('matches a project that is recruiting, with reasons for the candidates and the exclusions explained', async () => {
      const planning = await table(t.db, 'projects').where({ organisation_id: org, phase: 'planning' }).orderBy('id');
      expect(planning.length).to.be.at.least(1);
      for (const project of planning) {
        const res = await agents.facilitator.get(`/projects/${project.id}/matches`);
        expect(res.status).to.equal(200);
        expect([...res.text.matchAll(/class="app-candidate"/g)].length, project.title).to.be.at.least(3);
        expect(res.text).to.match(/<ul class="app-ranked__reasons"><li>/);
        const text = stripTags(res.text);
        for (const reason of ['paused', 'notActive', 'termEnded', 'openInvitation', 'missingMust', 'atLoadCap']) {
          expect(text, reason).to.contain(nb(`matching.exclusions.${reason}`));
        }
      }
    });

    it('lists last month’s honoraria for the payment office', async () => {
      const res = await agents.facilitator.get('/payments');
      expect(res.status).to.equal(200);
      expect(res.text).not.to.contain(nb('empty.payments'));
      const table = /<tbody>([\s\S]*?)<\/tbody>/.exec(res.text)?.[1] ?? '';
      expect([...table.matchAll(/<tr>/g)].length, 'people to pay').to.be.at.least(5);
    });

    it('opens the pages of a running project, the roster and the review list', async () => {
      const running = await one(
        table(t.db, 'projects').where({ organisation_id: org, phase: 'running' }).orderBy('id').first('id'),
      );
      for (const page of ['', '/invitations', '/involvement', '/impacts']) {
        const res = await agents.facilitator.get(`/projects/${running.id}${page}`);
        expect(res.status, page).to.equal(200);
      }
      const roster = await agents.facilitator.get('/representatives');
      expect(roster.status).to.equal(200);
      const review = await agents.facilitator.get('/representatives/review');
      expect(review.status).to.equal(200);
      expect([...review.text.matchAll(/href="\/representatives\/\d+"/g)].length).to.be.at.least(3);
    });

    it('shows a supervisor no count of people under 5, for every project and unit filter (the walk of issue 15)', async () => {
      const supervisor = await one(table(t.db, 'users').where({ email: 'supervisor@example.no' }).first('id'));
      const projects = await table(t.db, 'projects').where({ organisation_id: org }).orderBy('id');
      const units = new Set(projects.map((p) => p.unit_id));
      expect(units.size).to.equal(await count(t.db, 'units', { organisation_id: org }));
      for (const locale of LOCALES) {
        await t.db('users').where({ id: supervisor.id }).update({ locale });
        let marked = 0;
        for (const project of projects) {
          const filters = [
            '',
            `project=${project.id}`,
            `unit=${project.unit_id}`,
            `project=${project.id}&unit=${project.unit_id}`,
          ];
          const walk = await walkSupervisorPages(agents.supervisor, walkIds(project.id), filters);
          expect(walk.csvs.length).to.be.above(0);
          marked += walk.marked;
        }
        expect(marked, 'counts of people marked on the pages').to.be.above(100);
      }
    });

    it('sends nothing again, finds no reminder or expiry due and gives the lifecycle job its cases when the worker starts', async () => {
      const before = await table(t.db, 'outbox_messages').where({ organisation_id: org }).orderBy('id');
      const invitations = await table(t.db, 'invitations').where({ organisation_id: org }).orderBy('id');
      const { delivery } = await t.services.runtime.background.runOnce();
      expect(delivery.sent).to.equal(0);
      expect(await t.services.invitationJobsService.sendReminders()).to.equal(0);
      expect(await t.services.invitationJobsService.expireOverdue()).to.equal(0);
      const after = await table(t.db, 'outbox_messages').where({ organisation_id: org }).orderBy('id');
      expect(after.map((m) => [m.id, m.status, m.sent_at])).to.deep.equal(
        before.map((m) => [m.id, m.status, m.sent_at]),
      );
      const now = await table(t.db, 'invitations').where({ organisation_id: org }).orderBy('id');
      expect(now.map((i) => i.status)).to.deep.equal(invitations.map((i) => i.status));
      // the lifecycle job has the demo's situations to act on: a pause that ended yesterday, training that expired
      // last week, a term that ended last week, records due for review
      const kinds = (await t.db('notices').where({ organisation_id: org }).select<Array<{ kind: string }>>('kind')).map(
        (n) => n.kind,
      );
      for (const kind of ['pause_ended', 'training_expired', 'term_ended', 'data_review_due']) {
        expect(kinds, kind).to.include(kind);
      }
    });
  });
});
