import type { Clock } from '../../lib/clock.js';
import { every, type JobDefinition } from '../jobs/scheduler.js';
import type { EmailChangesRepository } from './email-changes.repository.js';

/** Participation's housekeeping: ended e-mail changes (addresses and their confirmation links) are not kept. */
export function participationJobs(deps: { emailChanges: EmailChangesRepository; clock: Clock }): JobDefinition[] {
  return [
    {
      name: 'purge-email-changes',
      next: every({ hours: 6 }),
      run: async () => ({ purged: await deps.emailChanges.purgeEnded(deps.clock.now().toISO()!) }),
    },
  ];
}
