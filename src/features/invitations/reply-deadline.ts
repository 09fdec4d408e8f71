import { DateTime } from 'luxon';

/** The least time a person gets to answer: with less left, an invitation is not sent by e-mail. */
export const MIN_REPLY_HOURS = 24;

const instant = (value: DateTime | string) =>
  typeof value === 'string' ? DateTime.fromISO(value, { zone: 'utc' }) : value;

/**
 * When an invitation sent now must be answered: the earlier of now plus the organisation's expiry and 12:00 (in the
 * organisation's zone) on the day before the next meeting, so that the team is known before it meets.
 */
export function replyDeadline(
  now: DateTime,
  expiryDays: number,
  nextMeetingStart: DateTime | string | null,
  zone: string,
): DateTime {
  const byExpiry = now.plus({ days: expiryDays });
  if (!nextMeetingStart) return byExpiry;
  const dayBefore = instant(nextMeetingStart)
    .setZone(zone)
    .minus({ days: 1 })
    .set({ hour: 12, minute: 0, second: 0, millisecond: 0 });
  return dayBefore < byExpiry ? dayBefore : byExpiry;
}

/** True when the deadline leaves less than MIN_REPLY_HOURS to answer. */
export function tooLateToSend(now: DateTime, deadline: DateTime): boolean {
  return deadline < now.plus({ hours: MIN_REPLY_HOURS });
}

/**
 * When the one reminder goes: the organisation's lead time before the deadline, or halfway from sending to the
 * deadline, whichever is later (so a short deadline does not bring a reminder on the day the invitation came).
 */
export function reminderAt(sentAt: DateTime | string, deadline: DateTime | string, leadDays: number): DateTime {
  const sent = instant(sentAt);
  const end = instant(deadline);
  const byLead = end.minus({ days: leadDays });
  const halfway = sent.plus({ milliseconds: Math.round((end.toMillis() - sent.toMillis()) / 2) });
  return byLead > halfway ? byLead : halfway;
}

/** The start of the next meeting that has not started and is not cancelled, or null. */
export function nextMeetingStart(
  meetings: ReadonlyArray<{ startsAt: string; cancelledAt: string | null }>,
  now: DateTime,
): string | null {
  const upcoming = meetings
    .filter((m) => !m.cancelledAt && DateTime.fromISO(m.startsAt, { zone: 'utc' }) > now)
    .map((m) => m.startsAt)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return upcoming[0] ?? null;
}
