import { DateTime } from 'luxon';

// Moving meetings in time the way people read them: on the wall clock of the organisation's zone. A meeting at 18:00
// stays at 18:00 when it is moved across the last Sunday of March or October, or repeated over it, although its UTC
// instant moves by an hour; UTC arithmetic would put it at 17:00 or 19:00. Pure: no clock, no database.

/** A meeting's instants, stored in UTC (ISO 8601). */
export interface MeetingTimes {
  startsAt: string;
  endsAt: string;
}

/** The most meetings one series may create: more is far more than any project needs, and most likely a typo. */
export const MAX_SERIES_MEETINGS = 100;
/** How far apart a series' meetings may be, in weeks. */
export const SERIES_WEEKS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

const local = (instant: string, zone: string) => DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone);
const utcIso = (dt: DateTime) => dt.toUTC().toISO()!;

/** Whole calendar days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = DateTime.fromISO(from, { zone: 'utc' });
  const b = DateTime.fromISO(to, { zone: 'utc' });
  return Math.round(b.diff(a, 'days').days);
}

/** Adds calendar days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).plus({ days }).toISODate()!;
}

/** The day (in the zone) a meeting starts on. */
export function localDay(instant: string, zone: string): string {
  return local(instant, zone).toISODate()!;
}

/**
 * The day a copy's meetings are shifted from: the source's start date, or, when it has none, the day of its first
 * meeting (so that the first meeting lands on the copy's start date). Null when there is neither.
 */
export function shiftAnchor(startsOn: string | null, meetings: readonly MeetingTimes[], zone: string): string | null {
  if (startsOn) return startsOn;
  if (!meetings.length) return null;
  const first = meetings.reduce((a, b) => (a.startsAt <= b.startsAt ? a : b));
  return localDay(first.startsAt, zone);
}

/** Moves meetings by whole days, each keeping its start and end time on the zone's wall clock. */
export function shiftMeetings<T extends MeetingTimes>(meetings: readonly T[], days: number, zone: string): T[] {
  return meetings.map((m) => ({
    ...m,
    startsAt: utcIso(local(m.startsAt, zone).plus({ days })),
    endsAt: utcIso(local(m.endsAt, zone).plus({ days })),
  }));
}

export type SeriesProblem = 'noEnd' | 'endBeforeStart' | 'tooMany' | 'weeksInvalid' | 'timeInvalid';

export interface SeriesRequest {
  /** The first meeting's day, start and end time (HH:mm) on the zone's wall clock. */
  date: string;
  startTime: string;
  endTime: string;
  everyWeeks: number;
  /** The last day a meeting of the series may fall on (ISO date). */
  until: string | null;
}

/** How many meetings a series makes: the first, then one every N weeks up to and including `until`. */
export function seriesCount(date: string, everyWeeks: number, until: string): number {
  const days = daysBetween(date, until);
  return days < 0 ? 0 : Math.floor(days / (7 * everyWeeks)) + 1;
}

/**
 * The meetings of a recurring series, each on the same weekday at the same wall-clock time in the zone, or why
 * there are none: no end, an end before the first meeting, an interval outside 1–8 weeks, more than
 * MAX_SERIES_MEETINGS meetings, or times that do not make a meeting.
 */
export function seriesMeetings(
  request: SeriesRequest,
  zone: string,
): { ok: true; meetings: MeetingTimes[] } | { ok: false; problem: SeriesProblem; count?: number } {
  const { date, startTime, endTime, everyWeeks, until } = request;
  if (!(SERIES_WEEKS as readonly number[]).includes(everyWeeks)) return { ok: false, problem: 'weeksInvalid' };
  if (!until) return { ok: false, problem: 'noEnd' };
  if (until < date) return { ok: false, problem: 'endBeforeStart' };
  const count = seriesCount(date, everyWeeks, until);
  if (count > MAX_SERIES_MEETINGS) return { ok: false, problem: 'tooMany', count };
  const firstStart = DateTime.fromISO(`${date}T${startTime}`, { zone });
  const firstEnd = DateTime.fromISO(`${date}T${endTime}`, { zone });
  if (!firstStart.isValid || !firstEnd.isValid || firstEnd <= firstStart) return { ok: false, problem: 'timeInvalid' };
  const meetings: MeetingTimes[] = [];
  for (let i = 0; i < count; i++) {
    // calendar weeks in the zone, not 7 × 24 hours: the wall-clock time holds across a change to or from summer time
    const weeks = i * everyWeeks;
    meetings.push({ startsAt: utcIso(firstStart.plus({ weeks })), endsAt: utcIso(firstEnd.plus({ weeks })) });
  }
  return { ok: true, meetings };
}

/** Whether a meeting falls within a project's period (either end may be open), by its days in the zone. */
export function withinPeriod(
  meeting: MeetingTimes,
  period: { startsOn: string | null; endsOn: string | null },
  zone: string,
): boolean {
  const startDay = localDay(meeting.startsAt, zone);
  const endDay = localDay(meeting.endsAt, zone);
  return (!period.startsOn || startDay >= period.startsOn) && (!period.endsOn || endDay <= period.endsOn);
}
