import type { Clock } from '../../lib/clock.js';
import type { RateLimitsRepository } from './rate-limits.repository.js';
import { retryDelaySeconds, type SignInLimits } from './sign-in-policy.js';

/** An attempt that may be checked; its outcome must be reported with `failed` or `succeeded`. */
export interface Reservation {
  backoffKey: string;
  ipKey: string;
  attempt: number;
}

export type Reserved = { kind: 'reserved'; reservation: Reservation } | { kind: 'limited'; retryAfterSeconds: number };

// how long a reserved attempt holds its key against parallel ones while the password is checked (a failure then
// sets the real wait, a success clears the key); only matters if the process dies in between
const HOLD_MS = 5 * 60_000;

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Password checks (sign-in, the current password on /password/change) reserve their attempt before any hashing,
 * with one atomic conditional upsert per key, so parallel requests on any number of instances cannot all pass:
 * first the address's IP-wide ceiling, then the back-off key (an account and an address, or a signed-in user).
 */
export class SignInThrottle {
  private readonly rateLimits: RateLimitsRepository;
  private readonly clock: Clock;
  private readonly limits: SignInLimits;

  constructor(deps: { rateLimits: RateLimitsRepository; clock: Clock; limits: SignInLimits }) {
    this.rateLimits = deps.rateLimits;
    this.clock = deps.clock;
    this.limits = deps.limits;
  }

  async reserve(backoffKey: string, ip: string): Promise<Reserved> {
    const now = this.clock.now().toJSDate();
    const ipKey = `login:ip:${ip}`;
    const windowMs = this.limits.windowMinutes * 60_000;
    if ((await this.rateLimits.reserveInWindow(ipKey, this.limits.ipFailures, windowMs, now)) === undefined) {
      const state = await this.rateLimits.state(ipKey);
      const resetsAt = state ? Date.parse(state.resetsAt) : now.getTime() + windowMs;
      return { kind: 'limited', retryAfterSeconds: seconds(resetsAt - now.getTime()) };
    }
    const hold = new Date(now.getTime() + HOLD_MS);
    const forgetMs = this.limits.forgetHours * 3_600_000;
    const attempt = await this.rateLimits.reserveBackoff(backoffKey, this.limits.freeFailures, hold, forgetMs, now);
    if (attempt === undefined) {
      await this.rateLimits.release(ipKey);
      const state = await this.rateLimits.state(backoffKey);
      const blockedMs = state?.blockedUntil ? Date.parse(state.blockedUntil) - now.getTime() : 0;
      // while a parallel attempt is being checked the key is held: say what its failure would set, not the hold
      const ifItFails = retryDelaySeconds(state?.count ?? this.limits.freeFailures, this.limits) * 1000;
      return { kind: 'limited', retryAfterSeconds: seconds(Math.min(blockedMs, ifItFails || blockedMs)) };
    }
    return { kind: 'reserved', reservation: { backoffKey, ipKey, attempt } };
  }

  /** A wrong password: the next attempt of this key waits as the policy says (doubling per failure). */
  async failed(reservation: Reservation): Promise<void> {
    const now = this.clock.now().toJSDate().getTime();
    const waitMs = retryDelaySeconds(reservation.attempt, this.limits) * 1000;
    await this.rateLimits.setBlockedUntil(reservation.backoffKey, reservation.attempt, new Date(now + waitMs));
  }

  /** The right password: the key's failures are forgotten and the attempt does not count towards the ceiling. */
  async succeeded(reservation: Reservation): Promise<void> {
    await this.rateLimits.clear(reservation.backoffKey);
    await this.rateLimits.release(reservation.ipKey);
  }
}
