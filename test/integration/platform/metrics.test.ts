import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildProject, buildUser } from '../../helpers/builders.js';
import { signIn } from '../../helpers/forms.js';
import { testEngine } from '../../helpers/db.js';
import { transactor } from '../../../src/db.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus's text exposition format (what prom-client writes): one sample a line, comments start with #. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      types.set(name!, type!);
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[key!] = value!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    const raw = match[3]!;
    samples.push({
      name: match[1]!,
      labels,
      value: raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw),
    });
  }
  return { samples, types };
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
const has = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.some((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

describe(`/metrics (issue 19, item 3; ${testEngine})`, () => {
  let t: TestApp;
  afterEach(() => t.close());

  async function scrape() {
    const res = await request(t.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.headers['set-cookie']).to.equal(undefined);
    return parseExposition(res.text);
  }

  it('does not exist without METRICS_TOKEN: 404 with or without a token, and nothing is counted', async () => {
    t = await buildTestApp();
    await request(t.app).get('/metrics').expect(404);
    await request(t.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
    expect(t.services.metricsService.enabled).to.equal(false);
  });

  it('answers 401 and nothing more to a missing, malformed or wrong token', async () => {
    t = await buildTestApp({ METRICS_TOKEN: TOKEN });
    for (const header of [
      undefined,
      TOKEN,
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      'Bearer ',
    ]) {
      const req = request(t.app).get('/metrics');
      const res = await (header === undefined ? req : req.set('Authorization', header));
      expect(res.status, String(header)).to.equal(401);
      expect(res.text).to.equal('Unauthorized\n');
      expect(res.headers['www-authenticate']).to.equal('Bearer');
      expect(res.headers['set-cookie']).to.equal(undefined);
    }
    // the scheme is case-insensitive
    await request(t.app).get('/metrics').set('Authorization', `bearer ${TOKEN}`).expect(200);
  });

  it('refuses a short METRICS_TOKEN at start', async () => {
    let error: unknown;
    try {
      t = await buildTestApp({ METRICS_TOKEN: 'short' });
    } catch (err) {
      error = err;
    }
    expect(String(error)).to.contain('METRICS_TOKEN must be at least 16 characters');
    t = await buildTestApp();
  });

  it('counts and times requests by route pattern after traffic, never by path; unmatched ones as "unmatched"', async () => {
    t = await buildTestApp({ METRICS_TOKEN: TOKEN });
    const org = await buildOrganisation(t.db);
    const facilitator = await buildUser(t.db, org, { role: 'facilitator' });
    const project = await buildProject(t.db, org, { title: 'Bedre hverdagsrehabilitering' });
    const before = (await scrape()).samples;
    const matches = { method: 'GET', route: '/projects/:id/matches', status: '2xx' };
    expect(value(before, 'medvirk_http_requests_total', matches)).to.equal(0);

    const { agent } = await signIn(t.app, facilitator.email, facilitator.password);
    await agent.get('/').expect(200);
    await agent.get('/projects').expect(200);
    await agent.get(`/projects/${project}`).expect(200);
    await agent.get(`/projects/${project}/matches`).expect(200);
    await agent.get(`/projects/${project}/matches`).expect(200);
    await agent.get(`/projects/${project + 1000}`).expect(404);
    await agent.get('/no-such-page/12345').expect(404);
    await request(t.app).get('/assets/app.css').expect(200);
    // refused before any route: by the role check (an error: "unmatched"), and sent to sign in by the check its
    // router mounts on a path with the id (the mount path, its id replaced)
    const supervisor = await buildUser(t.db, org, { role: 'supervisor' });
    const watcher = (await signIn(t.app, supervisor.email, supervisor.password)).agent;
    await watcher.get(`/projects/${project}/invitations`).expect(403);
    await request(t.app).get(`/projects/${project}/invitations`).expect(303);

    const { samples, types } = await scrape();
    expect(types.get('medvirk_http_requests_total')).to.equal('counter');
    expect(types.get('medvirk_http_request_duration_seconds')).to.equal('histogram');
    expect(value(samples, 'medvirk_http_requests_total', matches)).to.equal(2);
    expect(value(samples, 'medvirk_http_request_duration_seconds_count', matches)).to.equal(2);
    expect(value(samples, 'medvirk_http_request_duration_seconds_sum', matches)).to.be.greaterThan(0);
    expect(value(samples, 'medvirk_http_request_duration_seconds_bucket', { ...matches, le: '+Inf' })).to.equal(2);
    expect(
      value(samples, 'medvirk_http_requests_total', { method: 'GET', route: '/projects/:id', status: '2xx' }),
    ).to.equal(1);
    expect(
      value(samples, 'medvirk_http_requests_total', { method: 'GET', route: '/projects/:id', status: '4xx' }),
    ).to.equal(1);
    expect(
      value(samples, 'medvirk_http_requests_total', { method: 'GET', route: '/projects', status: '2xx' }),
    ).to.equal(1);
    expect(value(samples, 'medvirk_http_requests_total', { method: 'GET', route: '/', status: '2xx' })).to.equal(1);
    expect(value(samples, 'medvirk_http_requests_total', { method: 'POST', route: '/login', status: '3xx' })).to.equal(
      2,
    );
    expect(value(samples, 'medvirk_http_requests_total', { route: 'unmatched', status: '4xx' })).to.equal(2);
    expect(value(samples, 'medvirk_http_requests_total', { route: '/assets/*', status: '2xx' })).to.equal(1);
    expect(
      value(samples, 'medvirk_http_requests_total', { route: '/projects/:id/invitations/*', status: '3xx' }),
    ).to.equal(1);
    // the first scrape is counted too
    expect(value(samples, 'medvirk_http_requests_total', { method: 'GET', route: '/metrics', status: '2xx' })).to.equal(
      1,
    );

    // no label anywhere holds a raw id, a path that was asked for, or a name
    const routes = new Set(samples.filter((s) => s.name.startsWith('medvirk_http_')).map((s) => s.labels.route!));
    for (const route of routes) {
      expect(route).not.to.match(/\d/);
      expect(route).not.to.contain('no-such-page');
    }
    for (const sample of samples.filter((s) => s.name.startsWith('medvirk_http_')))
      expect(Object.keys(sample.labels).sort()).to.deep.equal(
        sample.name.endsWith('_bucket') ? ['le', 'method', 'route', 'status'] : ['method', 'route', 'status'],
      );
  });

  it('reports the outbox, the jobs, the connection pool and the process figures', async () => {
    t = await buildTestApp({ METRICS_TOKEN: TOKEN });
    const org = await buildOrganisation(t.db);
    const enqueue = (key: string) =>
      transactor(t.db)((tx) =>
        t.services.outboxService.enqueue(tx, {
          organisationId: org,
          kind: 'password_reset',
          dedupeKey: key,
          to: `${key}@test.example`,
          subject: 'Melding',
          text: 'Hei',
        }),
      );
    const empty = (await scrape()).samples;
    expect(value(empty, 'medvirk_outbox_queued_messages')).to.equal(0);
    expect(value(empty, 'medvirk_outbox_oldest_queued_age_seconds')).to.equal(0);

    await enqueue('first');
    t.clock.advance({ seconds: 90 });
    await enqueue('second');
    await enqueue('failed');
    await enqueue('erased');
    await t.db('outbox_messages').where({ dedupe_key: 'failed' }).update({ status: 'failed', last_error: '550 5.1.1' });
    await t.db('outbox_messages').where({ dedupe_key: 'erased' }).update({ status: 'failed', last_error: 'erased' });
    t.clock.advance({ seconds: 30 });

    // the jobs due at once run (the outbox is left alone: delivery would change the figures)
    const ran = await t.services.runtime.scheduler.runDue();
    expect(ran).not.to.have.length(0);

    const { samples, types } = await scrape();
    expect(types.get('medvirk_outbox_queued_messages')).to.equal('gauge');
    expect(value(samples, 'medvirk_outbox_queued_messages')).to.equal(2);
    expect(value(samples, 'medvirk_outbox_failed_messages')).to.equal(1);
    expect(value(samples, 'medvirk_outbox_oldest_queued_age_seconds')).to.equal(120);

    for (const job of t.services.runtime.scheduler.names()) {
      expect(has(samples, 'medvirk_job_late', { job }), job).to.equal(true);
      expect(value(samples, 'medvirk_job_late', { job }), job).to.equal(0);
    }
    for (const job of ran) {
      expect(value(samples, 'medvirk_job_last_success_timestamp_seconds', { job }), job).to.equal(
        t.clock.now().toSeconds(),
      );
    }
    // a job that has not run yet has no last success
    const notRun = t.services.runtime.scheduler.names().find((name) => !ran.includes(name))!;
    expect(has(samples, 'medvirk_job_last_success_timestamp_seconds', { job: notRun })).to.equal(false);

    // three days on, with no run meanwhile: the jobs that ran hourly or more often are late
    t.clock.advance({ days: 3 });
    const later = (await scrape()).samples;
    expect(value(later, 'medvirk_job_late', { job: 'invitation-reminders' })).to.equal(1);
    expect(value(later, 'medvirk_outbox_oldest_queued_age_seconds')).to.equal(120 + 3 * 86_400);

    for (const state of ['used', 'free', 'pending'])
      expect(has(samples, 'medvirk_db_pool_connections', { state }), state).to.equal(true);
    expect(has(samples, 'process_cpu_user_seconds_total')).to.equal(true);
    expect(has(samples, 'nodejs_heap_size_used_bytes')).to.equal(true);
    // a registry per app: a second app's figures are its own
    const other = await buildTestApp({ METRICS_TOKEN: TOKEN }, { sameDatabaseAs: t, shareDb: testEngine === 'sqlite' });
    try {
      const res = await request(other.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      const theirs = parseExposition(res.text).samples;
      expect(value(theirs, 'medvirk_http_requests_total', { route: '/metrics' })).to.equal(0);
    } finally {
      await other.close();
    }
  });
});
