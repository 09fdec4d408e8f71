// npm run bench: seeds the large data set into a fresh database, starts the app (production mode) and the
// ceiling server as separate processes, and measures each page with autocannon (10 connections, 10 s after a
// 3 s warm-up). Prints a table and writes bench-results.json. Never part of a test run.
// `npm run bench -- import-preview` or `npm run bench -- sign-in` runs that row alone on a small seed (see
// STANDALONE_ROWS); `npm run bench -- bulk` times the roster's bulk change alone on the large data set.
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { rootDir } from '../../src/config.js';
import type { Knex } from 'knex';
import { createDb, insertInChunks, insertReturningIds, migrateLatest, transactor } from '../../src/db.js';
import { toCandidates } from '../../src/features/matching/candidates.js';
import { MatchingRepository } from '../../src/features/matching/matching.repository.js';
import { DEFAULT_WEIGHTS, match } from '../../src/features/matching/matching.js';
import { MATCHES_SHOWN } from '../../src/features/matching/matching.service.js';
import { seedLarge, BENCH_SIZE } from '../../seeds/large.js';
import { seedLargeWorklist } from '../../seeds/large-worklist.js';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/services.js';
import { systemClock } from '../../src/lib/clock.js';
import { createLogger } from '../../src/lib/logger.js';
import { OutboxRepository } from '../../src/features/outbox/outbox.repository.js';
import { OrganisationsRepository } from '../../src/features/organisations/organisations.repository.js';
import { uploadImportForBench } from './import-preview.js';
import { addSignInAccounts, signInTarget } from './sign-in.js';
import { benchBulkAlone, bulkLine, timeBulkChange } from './bulk-change.js';
import { table } from '../helpers/rows.js';
import { seedResultsProject } from './results-page.js';
import { pageIds, signedInRows } from './pages.js';
import type { STANDALONE_NAMES } from './options.js';
import { BenchUsageError, parseBenchArgs, USAGE, type BenchPlan } from './options.js';
import { runNational } from './national.js';
import { runMixed } from './mixed.js';
import { runGrowth } from './growth.js';
import {
  appEnv,
  CONNECTIONS,
  measure,
  out,
  percentile,
  signInCookies,
  startServer,
  startSink,
  timeUncachedReport,
  waitFor,
  type Result,
  type Target,
} from './harness.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3);
const APP_PORT = 39_101;
const CEILING_PORT = 39_102;

/** Times the pure matching core over repeated runs on the seeded candidates (and the query that loads them). */
async function timeMatchingCore(db: Knex, organisationId: number, projectId: number) {
  const repo = new MatchingRepository(db);
  const requirements = (await table(db, 'project_requirements').where({ project_id: projectId })) as Array<{
    skill_id: number;
    must: unknown;
    min_level: number;
  }>;
  const loads: number[] = [];
  let candidates: ReturnType<typeof toCandidates> = [];
  const skillIds = requirements.map((r) => r.skill_id);
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    const [base, skills, state] = await Promise.all([
      repo.base(organisationId, '2025-11-23'),
      repo.skills(skillIds),
      repo.projectState(organisationId, { id: projectId, startsOn: '2027-01-01', endsOn: '2027-06-30' }, '2026-11-23'),
    ]);
    candidates = toCandidates(base, skills, state, new Set(), '2026-11-23');
    loads.push(performance.now() - started);
  }
  const project = {
    id: projectId,
    startsOn: '2027-01-01',
    endsOn: '2027-06-30',
    requirements: requirements.map((r) => ({
      skillId: r.skill_id,
      must: Boolean(r.must),
      minLevel: r.min_level,
      livedExperience: false,
    })),
    workingLanguages: ['nb', 'en'],
    team: [],
  };
  const times: number[] = [];
  for (let i = 0; i < 60; i += 1) {
    const started = performance.now();
    // as the matches page runs it: every candidate ranked, the first MATCHES_SHOWN explained in words
    match(project, candidates, {
      today: '2026-11-23',
      weights: DEFAULT_WEIGHTS,
      defaultLoadCap: 2,
      explainTop: MATCHES_SHOWN,
    });
    if (i >= 10) times.push(performance.now() - started); // the first runs warm the JIT
  }
  times.sort((a, b) => a - b);
  loads.sort((a, b) => a - b);
  return {
    runs: times.length,
    candidates: candidates.length,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    loadP50Ms: percentile(loads, 50),
  };
}

const DELIVERY_MESSAGES = 1000;

/**
 * The outbox worker delivering 1,000 queued messages (about 3 kB each, text and HTML) to the loopback server with
 * the send rate off: the real worker, transport and database, each message marked sent as soon as it is accepted.
 */
async function benchDelivery(
  database: { databaseUrl: string | undefined; sqliteFile: string },
  organisationId: number,
  smtpUrl: string,
  received: () => number,
) {
  const config = {
    ...loadConfig({ NODE_ENV: 'development', SMTP_URL: smtpUrl, LOG_LEVEL: 'silent' }),
    ...database,
  };
  const db = createDb(config);
  const services = createServices({ config, db, clock: systemClock, logger: createLogger('silent') });
  // the bench lifts the sending limit with a direct write: it measures delivery, not the settings form
  const organisations = new OrganisationsRepository(db);
  const settings = await organisations.settings(organisationId);
  await organisations.saveSettings(organisationId, { ...settings, emailsPerMinute: 0 });
  const paragraph = 'Vi trenger erfaringene dine i et prosjekt om hverdagsrehabilitering. '.repeat(12);
  await transactor(db)(async (tx) => {
    for (let i = 0; i < DELIVERY_MESSAGES; i += 1) {
      await services.outboxService.enqueue(tx, {
        organisationId,
        kind: 'password_reset',
        dedupeKey: `bench:${i}`,
        to: `person${i}@bench.example`,
        subject: `Invitasjon ${i}`,
        text: `${paragraph}\n\nhttps://medvirk.example/i/${'x'.repeat(43)}`,
        html: `<p>${paragraph}</p><p><a href="https://medvirk.example/i/${'x'.repeat(43)}">Svar</a></p>`,
      });
    }
  });
  const before = received();
  const startedAt = performance.now();
  let sent = 0;
  while (sent < DELIVERY_MESSAGES) {
    const counts = await services.runtime.outboxWorker.deliverDue();
    if (counts.sent === 0 && counts.retried === 0 && counts.failed === 0) break;
    sent += counts.sent;
  }
  const seconds = (performance.now() - startedAt) / 1000;
  const accepted = received() - before;
  // the resend window: the one UPDATE between the server's acceptance and the message being marked sent
  const repository = new OutboxRepository(db);
  const ids = await table(db, 'outbox_messages').where('dedupe_key', 'like', 'bench:%').limit(200).pluck('id');
  const marks: number[] = [];
  for (const id of ids) {
    await db('outbox_messages').where({ id }).update({ locked_by: 'window-probe' });
    const markStarted = performance.now();
    await repository.markSent(id, 'window-probe', new Date().toISOString(), '250 Ok', 'smtp', true);
    marks.push(performance.now() - markStarted);
  }
  marks.sort((a, b) => a - b);
  await db('outbox_messages').where('dedupe_key', 'like', 'bench:%').delete();
  await organisations.saveSettings(organisationId, settings);
  services.runtime.mailSender.close();
  await db.destroy();
  return {
    sent,
    accepted,
    seconds,
    perSecond: Math.round(sent / seconds),
    windowP50Ms: percentile(marks, 50),
    windowP95Ms: percentile(marks, 95),
  };
}

async function main(): Promise<void> {
  const benchDir = path.join(rootDir, 'data', 'bench');
  fs.rmSync(benchDir, { recursive: true, force: true });
  fs.mkdirSync(benchDir, { recursive: true });
  const sqliteFile = path.join(benchDir, 'bench.sqlite');
  const databaseUrl = process.env.DATABASE_URL || undefined;

  const db = createDb({ databaseUrl, sqliteFile });
  await migrateLatest(db);
  let started = Date.now();
  const { organisationId: orgId, skillIds } = await seedLarge(db, BENCH_SIZE, 12);
  // meetings, invitations in every status, marks: the worklist's facts around the real clock the app runs on
  await seedLargeWorklist(db, orgId, DateTime.utc());
  await addSignInAccounts(db, orgId);
  out(
    `Seeded ${BENCH_SIZE.representatives} representatives with ${BENCH_SIZE.skillsPerRepresentative} of ${BENCH_SIZE.skills} skills each, ` +
      `${BENCH_SIZE.projects} projects, ${BENCH_SIZE.involvements} involvements in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  // a project with five requirements (one must-have) for the matches page and the core
  const [matchProjectId] = await insertReturningIds(db, 'projects', [
    {
      organisation_id: orgId,
      title: 'Benk: matching med fem krav',
      phase: 'planning',
      target_level: 'involve',
      seats: 4,
      starts_on: '2027-01-01',
      ends_on: '2027-06-30',
      working_languages: 'nb,en',
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    },
  ]);
  await db('project_requirements').insert(
    skillIds.slice(10, 15).map((skillId, i) => ({
      project_id: matchProjectId,
      skill_id: skillId,
      must: i === 0,
      min_level: i === 0 ? 2 : 1,
    })),
  );
  // a project's results page (issue 21): 20 meetings, 200 involvements, 10 impacts
  const resultsProjectId = await seedResultsProject(db, orgId);
  // three projects with a shortlist of 200 each, for timing "send the shortlist" (one request, the worker does the rest)
  const facilitatorRow = await table(db, 'users').where({ email: 'facilitator@example.no' }).first('id');
  const sendProjectIds = await insertReturningIds(
    db,
    'projects',
    [0, 1, 2].map((n) => ({
      organisation_id: orgId,
      title: `Benk: invitasjoner ${n + 1}`,
      // invitations are not sent before the project says what matters to patients and next of kin
      what_matters: 'Å bli hørt.',
      phase: 'planning',
      target_level: 'involve',
      seats: 10,
      starts_on: '2027-01-01',
      ends_on: '2027-06-30',
      working_languages: 'nb',
      facilitator_user_id: facilitatorRow?.id ?? null,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    })),
  );
  const invitees = (await db('representatives as r')
    .where('r.organisation_id', orgId)
    .where('r.preferred_contact', 'email')
    .whereNotNull('r.email')
    .orderBy('r.id')
    .limit(600)
    .pluck('r.id')) as number[];
  await insertInChunks(
    db,
    'invitations',
    sendProjectIds.flatMap((projectId, n) =>
      invitees.slice(n * 200, n * 200 + 200).map((representativeId) => ({
        organisation_id: orgId,
        project_id: projectId,
        representative_id: representativeId,
        status: 'draft',
        channel: 'email',
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })),
    ),
  );
  const skillNames = await table(db, 'skills').whereIn('id', skillIds).orderBy('id').pluck('name_nb');
  const core = await timeMatchingCore(db, orgId, matchProjectId!);
  // the report for the last 12 months, uncached (each run with another roster version, so no cache entry is reused)
  const reportTimes: number[] = [];
  let bulk: Awaited<ReturnType<typeof timeBulkChange>> | undefined;
  {
    const reportConfig = { ...loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' }), databaseUrl, sqliteFile };
    const reportServices = createServices({
      config: reportConfig,
      db,
      clock: systemClock,
      logger: createLogger('silent'),
    });
    reportTimes.push(...(await timeUncachedReport(reportServices, orgId, 7)));
    // the roster's bulk change of 1,000 people (target under 2 s), before the app starts on the same database
    bulk = await timeBulkChange(db, reportServices, orgId);
  }
  if (!databaseUrl) await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.destroy();

  const sink = await startSink();
  const delivery = await benchDelivery({ databaseUrl, sqliteFile }, orgId, sink.url, sink.received);
  out(
    `Outbox: ${delivery.sent} messages delivered (${delivery.accepted} accepted by the loopback server) in ` +
      `${delivery.seconds.toFixed(2)} s: ${delivery.perSecond} messages/s; marking one sent (the resend window) ` +
      `p50 ${delivery.windowP50Ms.toFixed(2)} ms, p95 ${delivery.windowP95Ms.toFixed(2)} ms`,
  );

  const env = appEnv(databaseUrl ? { databaseUrl } : { sqliteFile }, sink.url, { BENCH_ORG_ID: String(orgId) });
  const app = startServer('src/server.ts', APP_PORT, env);
  const ceiling = startServer('test/bench/ceiling-server.ts', CEILING_PORT, env);
  const stopAll = () => {
    app.kill('SIGTERM');
    ceiling.kill('SIGTERM');
    void sink.close();
  };
  process.on('exit', stopAll);
  try {
    await waitFor(`http://127.0.0.1:${APP_PORT}/healthz`);
    await waitFor(`http://127.0.0.1:${CEILING_PORT}/healthz`);

    const base = `http://127.0.0.1:${APP_PORT}`;
    const signedIn = { ...(await signInCookies(base, 'facilitator@example.no')), 'x-forwarded-proto': 'https' };
    const signedInAdmin = { ...(await signInCookies(base, 'admin@example.no')), 'x-forwarded-proto': 'https' };
    const sendTimes: number[] = [];
    for (const projectId of sendProjectIds) {
      const page = await fetch(`${base}/projects/${projectId}/invitations`, { headers: signedIn });
      const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      const sendStarted = performance.now();
      const res = await fetch(`${base}/projects/${projectId}/invitations/send`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...signedIn, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token }).toString(),
      });
      sendTimes.push(performance.now() - sendStarted);
      if (res.status !== 303) throw new Error(`sending the shortlist answered ${res.status}`);
    }
    const queued = await (async () => {
      const check = createDb({ databaseUrl, sqliteFile });
      const row = await check('outbox_messages').where({ kind: 'invitation' }).count({ n: '*' }).first();
      await check.destroy();
      return Number(row?.n ?? 0);
    })();
    out(
      `Sending a shortlist of 200 (one request; the worker delivers): ` +
        `${sendTimes.map((ms) => `${Math.round(ms)} ms`).join(', ')}; ${queued} invitations queued in all`,
    );
    const ids = await (async () => {
      const check = createDb({ databaseUrl, sqliteFile });
      const found = await pageIds(check, orgId, { skillIds, matchProjectId, resultsProjectId });
      await check.destroy();
      return found;
    })();
    const targets: Target[] = [
      { name: 'ceiling (bare Express + EJS, 10 rows)', url: `http://127.0.0.1:${CEILING_PORT}/` },
      { name: 'front page /', url: `${base}/` },
      { name: 'privacy notice /privacy', url: `${base}/privacy` },
      { name: 'accessibility statement /accessibility', url: `${base}/accessibility` },
      { name: 'health check /healthz', url: `${base}/healthz` },
      { name: 'sign-in page /login', url: `${base}/login`, headers: { 'x-forwarded-proto': 'https' } },
      { name: 'users /admin/users (admin, signed in)', url: `${base}/admin/users`, headers: signedInAdmin },
      ...signedInRows(base, signedIn, ids),
      await importPreviewTarget(base, signedIn, skillNames),
      await signInTarget(base),
    ];

    const results: Result[] = [];
    let ceilingRps = 0;
    for (const target of targets) {
      started = Date.now();
      await measure(target, WARMUP_S);
      const r = await measure(target, DURATION_S);
      if (!ceilingRps) ceilingRps = r.rps;
      results.push({ ...r, ratioToCeiling: Math.round((r.rps / ceilingRps) * 100) / 100 });
    }

    const header = ['page', 'requests/s', 'p50 ms', 'p95 ms', 'ratio to ceiling', 'non-2xx'];
    const rows = results.map((r) => [
      r.name,
      String(r.rps),
      r.p50Ms.toFixed(2),
      r.p95Ms.toFixed(2),
      r.ratioToCeiling.toFixed(2),
      String(r.non2xx),
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) =>
      `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
    out();
    out(
      `Engine: ${databaseUrl ? 'PostgreSQL' : 'SQLite'}; ${CONNECTIONS} connections, ${DURATION_S} s after ${WARMUP_S} s warm-up; Node ${process.version}`,
    );
    out(line(header));
    out(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
    rows.forEach((row) => out(line(row)));
    out();
    out(
      `Report for 12 months, uncached, in-process over ${reportTimes.length} runs: ` +
        `p50 ${percentile(reportTimes, 50).toFixed(1)} ms, max ${reportTimes.at(-1)!.toFixed(1)} ms`,
    );
    out(
      `Matching core alone, in-process over ${core.runs} runs on ${core.candidates} candidates: ` +
        `p50 ${core.p50Ms.toFixed(2)} ms, p95 ${core.p95Ms.toFixed(2)} ms ` +
        `(loading them from the database, uncached: p50 ${core.loadP50Ms.toFixed(1)} ms)`,
    );
    if (bulk) out(bulkLine(databaseUrl ? 'PostgreSQL' : 'SQLite', bulk));
    const all = [
      ...results.map(({ name, rps, p50Ms, p95Ms, ratioToCeiling }) => ({ name, rps, p50Ms, p95Ms, ratioToCeiling })),
      {
        name: 'matching core (in-process, 10,000 candidates)',
        rps: Math.round(1000 / core.p50Ms),
        p50Ms: Math.round(core.p50Ms * 100) / 100,
        p95Ms: Math.round(core.p95Ms * 100) / 100,
        ratioToCeiling: null,
      },
      {
        name: `outbox delivery (${DELIVERY_MESSAGES} messages to loopback SMTP, rate limit off)`,
        rps: delivery.perSecond,
        p50Ms: null,
        p95Ms: null,
        ratioToCeiling: null,
        seconds: Math.round(delivery.seconds * 100) / 100,
      },
      {
        name: 'report for 12 months, uncached (in-process)',
        rps: null,
        p50Ms: Math.round(percentile(reportTimes, 50) * 10) / 10,
        p95Ms: Math.round(reportTimes.at(-1)! * 10) / 10,
        ratioToCeiling: null,
      },
      ...(bulk
        ? [
            {
              name: `bulk change of ${bulk.people} people (in-process, slowest of ${bulk.runs.length} actions)`,
              rps: null,
              p50Ms: null,
              p95Ms: Math.round(Math.max(...bulk.runs.map((r) => r.ms))),
              ratioToCeiling: null,
            },
          ]
        : []),
      {
        name: 'send a shortlist of 200 invitations (one request)',
        rps: null,
        p50Ms: Math.round([...sendTimes].sort((a, b) => a - b)[1]!),
        p95Ms: Math.round(Math.max(...sendTimes)),
        ratioToCeiling: null,
      },
      {
        name: 'resend window (marking one message sent)',
        rps: null,
        p50Ms: Math.round(delivery.windowP50Ms * 100) / 100,
        p95Ms: Math.round(delivery.windowP95Ms * 100) / 100,
        ratioToCeiling: null,
      },
    ];
    fs.writeFileSync(path.join(rootDir, 'bench-results.json'), `${JSON.stringify(all, null, 2)}\n`);
    out(
      `Outbox: ${delivery.sent} messages in ${delivery.seconds.toFixed(2)} s = ${delivery.perSecond} messages/s ` +
        `(target 100/s or more)`,
    );
    out('\nWritten to bench-results.json');
    if (results.some((r) => r.non2xx > 0)) {
      out('Some requests did not answer 2xx: the figures above are not trustworthy.');
      process.exitCode = 1;
    }
  } finally {
    stopAll();
  }
}

/** The import preview row: a 2,000-row file uploaded once, then the view of its first page measured. */
async function importPreviewTarget(
  base: string,
  headers: Record<string, string>,
  skillNames: string[],
): Promise<Target> {
  return {
    name: 'import preview, 2,000-row file (page 1 of 40)',
    url: await uploadImportForBench(base, headers, skillNames),
    headers,
  };
}

/** Rows that can run on their own, on a small seed instead of the large data set: `npm run bench -- <name> …`. */
const STANDALONE_ROWS: Record<
  (typeof STANDALONE_NAMES)[number],
  (base: string, signedIn: Record<string, string>, skillNames: string[]) => Promise<Target>
> = {
  'import-preview': importPreviewTarget,
  'sign-in': signInTarget,
};

async function runAlone(names: Array<(typeof STANDALONE_NAMES)[number]>): Promise<void> {
  const benchDir = path.join(rootDir, 'data', 'bench-alone');
  fs.rmSync(benchDir, { recursive: true, force: true });
  fs.mkdirSync(benchDir, { recursive: true });
  const sqliteFile = path.join(benchDir, 'bench.sqlite');
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const db = createDb({ databaseUrl, sqliteFile });
  await migrateLatest(db);
  const small = { representatives: 500, projects: 10, involvements: 500, skills: 100, skillsPerRepresentative: 5 };
  const { organisationId, skillIds } = await seedLarge(db, small, 12);
  if (names.includes('sign-in')) await addSignInAccounts(db, organisationId);
  const skillNames = await table(db, 'skills').whereIn('id', skillIds).orderBy('id').pluck('name_nb');
  if (!databaseUrl) await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  await db.destroy();
  const sink = await startSink();
  const app = startServer(
    'src/server.ts',
    APP_PORT,
    appEnv(databaseUrl ? { databaseUrl } : { sqliteFile }, sink.url, { BENCH_ORG_ID: String(organisationId) }),
  );
  try {
    const base = `http://127.0.0.1:${APP_PORT}`;
    await waitFor(`${base}/healthz`);
    const signedIn = { ...(await signInCookies(base, 'facilitator@example.no')), 'x-forwarded-proto': 'https' };
    out(
      `Engine: ${databaseUrl ? 'PostgreSQL' : 'SQLite'}; ${CONNECTIONS} connections, ${DURATION_S} s after ${WARMUP_S} s warm-up`,
    );
    for (const name of names) {
      const target = await STANDALONE_ROWS[name](base, signedIn, skillNames);
      await measure(target, WARMUP_S);
      const r = await measure(target, DURATION_S);
      out(
        `| ${r.name} | ${r.rps} requests/s | p50 ${r.p50Ms.toFixed(2)} ms | p95 ${r.p95Ms.toFixed(2)} ms | non-2xx ${r.non2xx} |`,
      );
      if (r.non2xx > 0) process.exitCode = 1;
    }
  } finally {
    app.kill('SIGTERM');
    await sink.close();
  }
}

async function run(argv: string[]): Promise<void> {
  let plan: BenchPlan;
  try {
    plan = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`npm run bench: ${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (plan.mode === 'national' && !databaseUrl) {
    process.stderr.write('npm run bench -- --national runs on PostgreSQL: set DATABASE_URL to an empty database\n');
    process.exitCode = 2;
    return;
  }
  try {
    if (plan.mode === 'bulk') await benchBulkAlone();
    else if (plan.mode === 'rows') await runAlone(plan.rows);
    else if (plan.mode === 'national') await runNational({ ...plan, databaseUrl: databaseUrl! });
    else if (plan.mode === 'mixed') await runMixed({ ...plan, databaseUrl });
    else if (plan.mode === 'growth') await runGrowth(plan);
    else await main();
  } catch (error) {
    // a refusal (a database holding other data) or a failed step: one line, no stack trace
    process.stderr.write(`npm run bench: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}

await run(process.argv.slice(2));
