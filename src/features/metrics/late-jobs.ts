import { DateTime } from 'luxon';

/** What is known of a job's runs (ISO instants), for telling whether it is late. */
export interface JobHistory {
  lastSuccessStartedAt: string | null;
  firstStartedAt: string | null;
  nextRunAt: string | null;
}

/**
 * When a job is late: it has not succeeded within twice its interval. The interval comes from the job's own
 * schedule (`next`, as the scheduler uses it): after a success that started at S the job is due at next(S) and
 * again at next(next(S)); past that second time without a success, it is late. A job that never succeeded is
 * late one interval after it was first due (its first run on record, else its row's next time). Null: never due.
 */
export function lateAfter(history: JobHistory, next: (startedAt: DateTime) => DateTime): DateTime | null {
  const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
  if (history.lastSuccessStartedAt) return next(next(utc(history.lastSuccessStartedAt)));
  const firstDue = history.firstStartedAt ?? history.nextRunAt;
  return firstDue ? next(utc(firstDue)) : null;
}

export function isLate(history: JobHistory, next: (startedAt: DateTime) => DateTime, now: DateTime): boolean {
  const deadline = lateAfter(history, next);
  return deadline !== null && now > deadline;
}
