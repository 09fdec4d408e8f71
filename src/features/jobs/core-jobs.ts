import type { OutboxService } from '../outbox/outbox.service.js';
import type { SessionsRepository } from '../auth/sessions.repository.js';
import type { RateLimitsRepository } from '../auth/rate-limits.repository.js';
import type { PasswordResetsRepository } from '../auth/password-resets.repository.js';
import type { ImportBatchesRepository } from '../representatives/import-batches.repository.js';
import { every, type Scheduler } from './scheduler.js';

export interface CoreJobDeps {
  outbox: OutboxService;
  sessions: SessionsRepository;
  rateLimits: RateLimitsRepository;
  passwordResets: PasswordResetsRepository;
  importBatches: ImportBatchesRepository;
}

/** An uploaded roster file nobody confirmed is deleted after this long: it holds personal data. */
export const ABANDONED_IMPORT_HOURS = 24;

/** The housekeeping every installation needs: personal data is not kept longer than it serves. */
export function registerCoreJobs(scheduler: Scheduler, deps: CoreJobDeps): void {
  scheduler.register({
    name: 'purge-email-bodies',
    next: every({ hours: 1 }),
    run: async () => ({ purged: await deps.outbox.purgeBodies() }),
  });
  scheduler.register({
    name: 'purge-sessions-and-limits',
    next: every({ minutes: 15 }),
    run: async (now) => ({
      sessions: await deps.sessions.purgeExpired(),
      rateLimits: await deps.rateLimits.purgeExpired(now.toJSDate()),
      resetLinks: await deps.passwordResets.purgeExpired(now.toISO()!),
    }),
  });
  scheduler.register({
    name: 'purge-abandoned-imports',
    next: every({ hours: 1 }),
    run: async (now) => ({
      batches: await deps.importBatches.purgeOlderThan(now.minus({ hours: ABANDONED_IMPORT_HOURS }).toISO()!),
    }),
  });
}
