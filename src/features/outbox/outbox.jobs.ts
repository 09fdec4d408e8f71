import { every, type JobDefinition } from '../jobs/scheduler.js';
import type { OutboxService } from './outbox.service.js';

/** The outbox's housekeeping: sent e-mails' bodies (personal links) are not kept past the retention. */
export function outboxJobs(deps: { outbox: OutboxService }): JobDefinition[] {
  return [
    {
      name: 'purge-email-bodies',
      next: every({ hours: 1 }),
      run: async () => ({ purged: await deps.outbox.purgeBodies() }),
    },
  ];
}
