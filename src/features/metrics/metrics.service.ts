import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Clock } from '../../lib/clock.js';
import type { MetricsRepository } from './metrics.repository.js';
import type { MonitoringService } from './monitoring.service.js';

export interface MetricsDeps {
  /** METRICS_TOKEN: the bearer token a scraper sends; none: /metrics does not exist (404) and nothing is counted. */
  token: string | undefined;
  metrics: MetricsRepository;
  monitoring: Pick<MonitoringService, 'jobs'>;
  clock: Clock;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * /metrics in Prometheus's text format (prom-client), one registry per app instance (tests build many apps in one
 * process; the global registry would mix them). Requests are counted and timed by method, route pattern and status
 * class; the outbox, the jobs and the connection pool are read when a scraper asks (two small queries); the
 * process figures are prom-client's defaults. Numbers and route patterns only: never a path, a name or an address.
 */
export class MetricsService {
  private readonly registry = new Registry();
  private readonly expected: Buffer | undefined;
  private readonly requests = new Counter({
    name: 'medvirk_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'medvirk_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly outboxQueued = new Gauge({
    name: 'medvirk_outbox_queued_messages',
    help: 'E-mail waiting in the outbox (queued or being sent)',
    registers: [this.registry],
  });
  private readonly outboxFailed = new Gauge({
    name: 'medvirk_outbox_failed_messages',
    help: 'E-mail that failed for good (not counting messages stopped by an erasure)',
    registers: [this.registry],
  });
  private readonly outboxOldest = new Gauge({
    name: 'medvirk_outbox_oldest_queued_age_seconds',
    help: 'Age of the oldest e-mail still waiting in the outbox (0 when none waits)',
    registers: [this.registry],
  });
  private readonly jobLastSuccess = new Gauge({
    name: 'medvirk_job_last_success_timestamp_seconds',
    help: 'When the last successful run of each scheduled job ended (Unix time; absent when none is on record)',
    labelNames: ['job'] as const,
    registers: [this.registry],
  });
  private readonly jobLate = new Gauge({
    name: 'medvirk_job_late',
    help: '1 when a scheduled job has not succeeded within twice its interval, else 0',
    labelNames: ['job'] as const,
    registers: [this.registry],
  });
  private readonly pool = new Gauge({
    name: 'medvirk_db_pool_connections',
    help: 'Database connections of this instance: used, free, and requests waiting for one (pending)',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  constructor(private readonly deps: MetricsDeps) {
    this.expected = deps.token ? digest(deps.token) : undefined;
    // the process figures only where metrics are on: their observers would pile up in a test run's many apps
    if (this.expected) collectDefaultMetrics({ register: this.registry });
  }

  /** Whether /metrics exists on this installation (METRICS_TOKEN is set). */
  get enabled(): boolean {
    return this.expected !== undefined;
  }

  /** Whether the Authorization header carries the token (compared in constant time, as digests of equal length). */
  authorised(header: string | undefined): boolean {
    if (!this.expected || !header) return false;
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!match) return false;
    return timingSafeEqual(digest(match[1]!), this.expected);
  }

  /** Counts and times one answered request (the route is a pattern, see metrics.middleware.ts). */
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    if (!this.enabled) return;
    const labels = {
      method: METHODS.has(method) ? method : 'other',
      route,
      status: `${Math.min(5, Math.max(1, Math.floor(statusCode / 100)))}xx`,
    };
    this.requests.inc(labels);
    this.durations.observe(labels, seconds);
  }

  /** The exposition: reads the outbox, the jobs and the pool now, then renders every metric. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    const { metrics, monitoring, clock } = this.deps;
    const [outbox, jobs] = await Promise.all([metrics.outboxFigures(), monitoring.jobs()]);
    const now = clock.now();
    this.outboxQueued.set(outbox.queued);
    this.outboxFailed.set(outbox.failed);
    this.outboxOldest.set(
      outbox.oldestQueuedAt ? Math.max(0, (now.toMillis() - Date.parse(outbox.oldestQueuedAt)) / 1000) : 0,
    );
    this.jobLastSuccess.reset();
    this.jobLate.reset();
    for (const job of jobs) {
      if (job.lastSuccessAt) this.jobLastSuccess.set({ job: job.name }, Date.parse(job.lastSuccessAt) / 1000);
      this.jobLate.set({ job: job.name }, job.late ? 1 : 0);
    }
    const pool = metrics.poolUse();
    this.pool.set({ state: 'used' }, pool.used);
    this.pool.set({ state: 'free' }, pool.free);
    this.pool.set({ state: 'pending' }, pool.pending);
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
