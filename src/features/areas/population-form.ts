import { parseDecimal } from '../../lib/decimals.js';
import type { FieldError } from '../../lib/forms.js';
import { formatNumber, type Translate } from '../../lib/i18n.js';
import type { Locale } from '../../config.js';

/** One dimension's form: a share per category (`share_<category>`), the source and the year. */
export type PopulationValue = { shares: Record<string, number>; source: string; year: number } | null;

/**
 * Reads one dimension's population form: shares in percent with at most one decimal (either decimal mark), from 0
 * to 100, that add up to 100 % exactly (else a message saying by how much); a source and a year. A form left
 * entirely empty clears the dimension. Errors are in the reader's language.
 */
export function readPopulationForm(
  body: Record<string, unknown>,
  categories: string[],
  t: Translate,
  locale: Locale,
  thisYear: number,
): { ok: true; value: PopulationValue } | { ok: false; errors: FieldError[] } {
  const text = (key: string) => {
    const value = body[key];
    return typeof value === 'string' ? value.trim() : '';
  };
  const errors: FieldError[] = [];
  const shares: Record<string, number> = {};
  let filled = 0;
  for (const category of categories) {
    const raw = text(`share_${category}`);
    if (!raw) continue;
    filled += 1;
    const value = parseDecimal(raw, 1);
    if (value === undefined || value < 0 || value > 100) {
      errors.push({ field: `share_${category}`, message: t('population.errors.share') });
      continue;
    }
    shares[category] = Math.round(value * 10);
  }
  const source = text('source');
  const yearText = text('year');
  if (!filled && !source && !yearText) return { ok: true, value: null };
  if (!filled) errors.push({ field: `share_${categories[0]}`, message: t('population.errors.noShares') });
  if (!source) errors.push({ field: 'source', message: t('population.errors.source') });
  else if (source.length > 300) errors.push({ field: 'source', message: t('population.errors.tooLong') });
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (!(year >= 1900 && year <= thisYear + 1)) {
    errors.push({ field: 'year', message: t('population.errors.year', { max: thisYear + 1 }) });
  }
  if (!errors.length) {
    const sum = Object.values(shares).reduce((a, b) => a + b, 0);
    if (sum !== 1000) {
      const num = (tenths: number) => formatNumber(tenths / 10, locale, { maximumFractionDigits: 1 });
      errors.push({
        field: `share_${categories[0]}`,
        message: t(sum < 1000 ? 'population.errors.short' : 'population.errors.over', {
          sum: num(sum),
          difference: num(Math.abs(1000 - sum)),
        }),
      });
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { shares, source, year } };
}
