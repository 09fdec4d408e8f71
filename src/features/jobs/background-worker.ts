import type { Logger } from '../../lib/logger.js';
import type { DeliveryCounts, OutboxWorker } from '../outbox/outbox.worker.js';
import type { Scheduler } from './scheduler.js';

export interface BackgroundOptions {
  /** How often the outbox is polled. */
  pollMs: number;
  /** How often due jobs are looked for. */
  jobsEveryMs: number;
}

/**
 * The loop that runs in the app process (unless WORKER_IN_APP=false) and in `npm run worker`: delivers the
 * outbox and runs due jobs. Several copies on several instances are safe: the database hands out the work.
 */
export class BackgroundWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private lastJobsAt = 0;

  private readonly outbox: OutboxWorker;
  private readonly scheduler: Scheduler;
  private readonly logger: Logger;
  private readonly options: BackgroundOptions;

  constructor(deps: { outbox: OutboxWorker; scheduler: Scheduler; logger: Logger; options: BackgroundOptions }) {
    ({ outbox: this.outbox, scheduler: this.scheduler, logger: this.logger, options: this.options } = deps);
  }

  /** One round: everything due in the outbox, then the due jobs. Errors are logged, not thrown. */
  async runOnce(options: { jobs?: boolean } = {}): Promise<{ delivery: DeliveryCounts; jobs: string[] }> {
    let delivery: DeliveryCounts = { sent: 0, retried: 0, failed: 0 };
    let jobs: string[] = [];
    try {
      delivery = await this.outbox.deliverDue();
    } catch (err) {
      this.logger.error('outbox.pass_failed', { error: err instanceof Error ? err.name : 'unknown' });
    }
    if (options.jobs !== false) {
      try {
        jobs = await this.scheduler.runDue();
      } catch (err) {
        this.logger.error('jobs.pass_failed', { error: err instanceof Error ? err.name : 'unknown' });
      }
    }
    return { delivery, jobs };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = () => {
      const jobsDue = Date.now() - this.lastJobsAt >= this.options.jobsEveryMs;
      if (jobsDue) this.lastJobsAt = Date.now();
      this.running = this.runOnce({ jobs: jobsDue }).then(() => {
        this.running = undefined;
        if (!this.stopped) this.timer = setTimeout(tick, this.options.pollMs);
      });
    };
    tick();
  }

  /** Stops polling and waits for the round in progress, so that no claim is left to run out its lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
