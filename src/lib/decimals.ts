import { z } from 'zod';

/**
 * A decimal number as people type it, in either language's format: "312,50", "312.50", "312", "1 312,50",
 * "1.312,50" or "1,312.50". With both separators the last is the decimal mark and the other groups thousands;
 * with one, it is the decimal mark (so "1.312" is one and a bit, and refused where only two decimals are allowed,
 * rather than read as a thousand). Undefined when it is not such a number.
 */
export function parseDecimal(text: string, maxFractionDigits = 2): number | undefined {
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  const lastComma = compact.lastIndexOf(',');
  const lastPoint = compact.lastIndexOf('.');
  let normal: string;
  if (lastComma >= 0 && lastPoint >= 0) {
    const [mark, group] = lastComma > lastPoint ? [',', '.'] : ['.', ','];
    const parts = compact.split(mark);
    if (parts.length !== 2) return undefined;
    const [whole = '', fraction = ''] = parts;
    if (!new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+$`).test(whole)) return undefined;
    normal = `${whole.split(group).join('')}.${fraction}`;
  } else {
    normal = compact.replace(',', '.');
  }
  const fraction = maxFractionDigits > 0 ? `(\\.\\d{1,${maxFractionDigits}})?` : '';
  if (!new RegExp(`^-?\\d{1,12}${fraction}$`).test(normal)) return undefined;
  return Number(normal);
}

/**
 * A number as it is put back into a form field: the reader's decimal mark (a comma in Norwegian), no thousands
 * separators (so that it reads back as typed), with a fixed number of decimals or up to two. `locale` is a
 * Locale ('nb', 'nn' or 'en'); any other tag reads as English.
 */
export function formatDecimalInput(value: number, locale: string, fixedFractionDigits?: number): string {
  const text =
    fixedFractionDigits === undefined ? String(Math.round(value * 100) / 100) : value.toFixed(fixedFractionDigits);
  return locale === 'nb' || locale === 'nn' ? text.replace('.', ',') : text;
}

/** A form field holding a decimal in either format, within bounds; the catalog key is the message when refused. */
export const decimalField = (key: string, options: { min: number; max: number; fractionDigits?: number }) =>
  z.string(key).transform((v, ctx) => {
    const n = parseDecimal(v, options.fractionDigits ?? 2);
    if (n === undefined || n < options.min || n > options.max) {
      ctx.addIssue({ code: 'custom', message: key });
      return z.NEVER;
    }
    return n;
  });
