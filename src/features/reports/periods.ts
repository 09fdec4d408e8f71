import type { DateTime } from 'luxon';

/** The calendar periods a report and a written summary share. */
export type CalendarPeriod = 'month' | 'quarter' | 'year';

/** The first and last day of the month, quarter or year that holds `at` (in `at`'s zone). */
export function calendarPeriod(kind: CalendarPeriod, at: DateTime): { from: string; to: string } {
  return { from: at.startOf(kind).toISODate()!, to: at.endOf(kind).toISODate()! };
}
