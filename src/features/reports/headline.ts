import type { Locale } from '../../config.js';
import { formatNumber, type Translate } from '../../lib/i18n.js';
import type { Report } from './reports.service.js';
import { peopleCount } from './small-numbers.js';

/** The report's headline figures as (label key, value in the reader's format), for a supervisor's dashboard. */
export function headlineFigures(
  headline: Report['headline'],
  t: Translate,
  locale: Locale,
): Array<{ labelKey: string; value: string }> {
  const num = (v: number, digits = 0) => formatNumber(v, locale, { maximumFractionDigits: digits });
  return [
    {
      labelKey: 'reports.headline.projects',
      value: `${num(headline.projects.withRepresentatives)} / ${num(headline.projects.all)}`,
    },
    { labelKey: 'reports.headline.people', value: peopleCount(headline.people, t, locale) },
    { labelKey: 'reports.headline.hours', value: num(headline.minutes / 60, 1) },
    { labelKey: 'reports.headline.adopted', value: num(headline.adopted) },
    {
      labelKey: 'reports.headline.acceptance',
      value: headline.acceptance === null ? '–' : `${num(headline.acceptance * 100)} %`,
    },
  ];
}
