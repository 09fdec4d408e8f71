/**
 * The sign-in throttle's policy (ASVS 6.1.1, 6.3.1), with no I/O: the README's security section states these
 * numbers. No account is ever locked: wrong passwords for one account from one address make that pair wait, and
 * only that pair; an IP-wide ceiling stops one address from trying many accounts.
 */
export interface SignInLimits {
  /** Failed attempts for one account from one address before any wait. */
  freeFailures: number;
  /** The wait after the last free failure; each further failure doubles it. */
  firstDelaySeconds: number;
  /** The longest wait. */
  maxDelaySeconds: number;
  /** An account-and-address pair's failures are forgotten this long after its last attempt (or at a success). */
  forgetHours: number;
  /** Failed attempts from one address, across all accounts, per window. */
  ipFailures: number;
  windowMinutes: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  freeFailures: 5,
  firstDelaySeconds: 60,
  maxDelaySeconds: 60 * 60,
  forgetHours: 24,
  ipFailures: 50,
  windowMinutes: 15,
};

/** Seconds to wait after the given number of failures in a row (0 while they are free). */
export function retryDelaySeconds(failures: number, limits: SignInLimits): number {
  if (failures < limits.freeFailures) return 0;
  const doublings = failures - limits.freeFailures;
  // past 2^30 the cap has long been reached; stop before the number grows without bound
  if (doublings > 30) return limits.maxDelaySeconds;
  return Math.min(limits.maxDelaySeconds, limits.firstDelaySeconds * 2 ** doublings);
}
