import type { Clock } from '../../lib/clock.js';
import { daily, every, type JobDefinition } from '../jobs/scheduler.js';
import type { EmailChangesRepository } from './email-changes.repository.js';
import type { ParticipationRepository } from './participation.repository.js';

/**
 * An expired personal link (/me) is kept this long after its expiry, and only for one thing: whoever opens it is
 * told that it is too old and to use the link in the latest e-mail (410), not that it is unknown (404). Then it goes.
 */
export const EXPIRED_LINK_GRACE_DAYS = 30;
/** The local hour of the nightly purge of expired personal links. */
export const LINK_PURGE_HOUR = 3;

export interface ParticipationJobDeps {
  emailChanges: EmailChangesRepository;
  participation: ParticipationRepository;
  clock: Clock;
  timeZone: string;
}

/**
 * Participation's housekeeping: ended e-mail changes (addresses and their confirmation links) and expired personal
 * links are not kept.
 */
export function participationJobs(deps: ParticipationJobDeps): JobDefinition[] {
  return [
    {
      name: 'purge-email-changes',
      next: every({ hours: 6 }),
      run: async () => ({ purged: await deps.emailChanges.purgeEnded(deps.clock.now().toISO()!) }),
    },
    {
      name: 'purge-personal-links',
      ...daily(deps.timeZone, LINK_PURGE_HOUR),
      run: async (now) => ({
        links: await deps.participation.purgeLinksExpiredBefore(now.minus({ days: EXPIRED_LINK_GRACE_DAYS }).toISO()!),
      }),
    },
  ];
}
