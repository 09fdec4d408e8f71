import { every, type JobDefinition } from '../jobs/scheduler.js';
import type { PasswordResetsRepository } from './password-resets.repository.js';
import type { RateLimitsRepository } from './rate-limits.repository.js';
import type { SessionsRepository } from './sessions.repository.js';

export interface AuthJobDeps {
  sessions: SessionsRepository;
  rateLimits: RateLimitsRepository;
  passwordResets: PasswordResetsRepository;
}

/** Sign-in's housekeeping: ended sessions, rate-limit windows and reset links are not kept. */
export function authJobs(deps: AuthJobDeps): JobDefinition[] {
  return [
    {
      name: 'purge-sessions-and-limits',
      next: every({ minutes: 15 }),
      run: async (now) => ({
        sessions: await deps.sessions.purgeExpired(),
        rateLimits: await deps.rateLimits.purgeExpired(now.toJSDate()),
        resetLinks: await deps.passwordResets.purgeExpired(now.toISO()!),
      }),
    },
  ];
}
