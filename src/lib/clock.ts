import { DateTime } from 'luxon';

/** The one source of "now": passed in through the composition root so that tests can move time. */
export interface Clock {
  now(): DateTime;
}

export const systemClock: Clock = { now: () => DateTime.utc() };

/** A clock that stands still until moved; for tests of expiry, reminders and timeouts. */
export class ManualClock implements Clock {
  private current: DateTime;
  constructor(start: string | DateTime = '2026-11-23T09:00:00Z') {
    this.current = typeof start === 'string' ? DateTime.fromISO(start, { zone: 'utc' }) : start.toUTC();
  }
  now(): DateTime {
    return this.current;
  }
  advance(duration: Parameters<DateTime['plus']>[0]): void {
    this.current = this.current.plus(duration);
  }
  set(to: string): void {
    this.current = DateTime.fromISO(to, { zone: 'utc' });
  }
}
