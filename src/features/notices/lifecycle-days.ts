import { DateTime } from 'luxon';
import type { NoticeKind } from './notices.model.js';

/** The days one run of the lifecycle job works with, for one organisation. */
export interface LifecycleDays {
  /** Today in the organisation's zone (ISO date): a pause whose last day is before it has ended. */
  today: string;
  /** The first day the job still reports an expiry or a term's end on (today minus the look-back). */
  lookBackFrom: string;
  /** The month (yyyy-mm) the data-review reminder is written for, once. */
  month: string;
}

/**
 * "Today" is the organisation's: a pause until 30 November ends at midnight in Oslo, which is 23:00 UTC on the 30th.
 * An unknown zone is refused (a broken organisation row must not be read as UTC).
 */
export function lifecycleDays(now: DateTime, zone: string, lookBackDays: number): LifecycleDays {
  const local = now.setZone(zone);
  if (!local.isValid) throw new RangeError('the organisation’s time zone is not valid');
  return {
    today: local.toISODate(),
    lookBackFrom: local.minus({ days: lookBackDays }).toISODate(),
    month: local.toFormat('yyyy-MM'),
  };
}

/** The first day after an ISO date (a pause until the 30th is over on the 1st). */
export function dayAfter(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).plus({ days: 1 }).toISODate()!;
}

/** One notice per event: the same event found by a later run, or by another instance, writes nothing new. */
export function noticeKey(
  kind: NoticeKind,
  parts: { organisationId?: number; representativeId?: number; skillId?: number; date: string },
): string {
  switch (kind) {
    case 'pause_ended':
      return `pause_ended:${parts.representativeId}:${parts.date}`;
    case 'training_expired':
      return `training_expired:${parts.representativeId}:${parts.skillId}:${parts.date}`;
    case 'term_ended':
      return `term_ended:${parts.representativeId}:${parts.date}`;
    case 'data_review_due':
      return `data_review_due:${parts.organisationId}:${parts.date.slice(0, 7)}`;
  }
}
