import type { Locale } from '../../config.js';
import { formatNumber, type Translate } from '../../lib/i18n.js';

/** Cells about people under this many show "fewer than 5" (DESIGN.md: what supervisors see). */
export const SMALL_NUMBER = 5;

/** A count of people as a supervisor may see it: "fewer than 5" from 1 to 4, so nobody can be picked out. */
export function peopleCount(count: number, t: Translate, locale: Locale): string {
  return count > 0 && count < SMALL_NUMBER
    ? t('reports.fewerThan5')
    : formatNumber(count, locale, { maximumFractionDigits: 0 });
}
