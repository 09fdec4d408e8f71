/** The rate-limit windows the link visits are counted in (RateLimitsRepository keeps them, shared by instances). */
export interface LinkVisitsDeps {
  rateLimits: { hit(key: string, windowMs: number, now: Date): Promise<{ count: number; resetsAt: string }> };
}

/**
 * Counts visits to pages opened by a personal link (/i, /me, /email/confirm, /password/reset), per source, so that
 * the token route guard can refuse a source that guesses links (see middleware/token-routes.ts).
 */
export class LinkVisitsService {
  constructor(private readonly deps: LinkVisitsDeps) {}

  /** Adds one visit; returns the window's count so far and when the window ends (ISO instant). */
  hit(key: string, windowMs: number, now: Date): Promise<{ count: number; resetsAt: string }> {
    return this.deps.rateLimits.hit(key, windowMs, now);
  }
}
