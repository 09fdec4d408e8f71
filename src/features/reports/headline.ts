import type { Locale } from '../../config.js';
import { formatNumber, type Translate } from '../../lib/i18n.js';
import type { Report } from './reports.service.js';
import { reportPeople, type Audience } from './report-people.js';

/**
 * The report's headline figures as (label key, value in the reader's format, whether it counts people), for a
 * supervisor's dashboard and the weekly digest: the people and the acceptance share as `reportPeople` decides.
 */
export function headlineFigures(
  report: Report,
  audience: Audience,
  t: Translate,
  locale: Locale,
): Array<{ labelKey: string; value: string; people?: boolean }> {
  const num = (v: number, digits = 0) => formatNumber(v, locale, { maximumFractionDigits: digits });
  const { headline } = report;
  const shown = reportPeople(report, audience, t, locale).headline;
  return [
    {
      labelKey: 'reports.headline.projects',
      value: `${num(headline.projects.withRepresentatives)} / ${num(headline.projects.all)}`,
    },
    { labelKey: 'reports.headline.people', value: shown.people, people: true },
    { labelKey: 'reports.headline.hours', value: num(headline.minutes / 60, 1) },
    { labelKey: 'reports.headline.adopted', value: num(headline.adopted) },
    { labelKey: 'reports.headline.acceptance', value: shown.acceptance },
  ];
}
