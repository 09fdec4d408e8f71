import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { rootDir, locales, type Locale } from '../config.js';

export type Catalog = Record<string, string>;
export type TranslateParams = Record<string, string | number>;
export type Translate = (key: string, params?: TranslateParams) => string;

function flatten(tree: unknown, prefix = '', out: Catalog = {}): Catalog {
  for (const [k, v] of Object.entries(tree as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else flatten(v, key, out);
  }
  return out;
}

/** Reads catalog text (nested JSON) into flat dotted keys; a syntax error names the file, line and column. */
export function parseCatalog(text: string, file: string): Catalog {
  try {
    return flatten(JSON.parse(text));
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message);
    const position = at ? Number(at[1]) : undefined;
    const before = position === undefined ? '' : text.slice(0, position);
    const where =
      position === undefined
        ? ''
        : ` at line ${before.split('\n').length}, column ${position - before.lastIndexOf('\n')}`;
    throw new Error(`The language catalog ${file} is not valid JSON${where}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** Reads a catalog file (nested JSON) into flat dotted keys. */
export function loadCatalog(locale: Locale): Catalog {
  const file = path.join(rootDir, 'src', 'locales', `${locale}.json`);
  return parseCatalog(fs.readFileSync(file, 'utf8'), path.relative(rootDir, file));
}

export const catalogs: Record<Locale, Catalog> = {
  nb: loadCatalog('nb'),
  nn: loadCatalog('nn'),
  en: loadCatalog('en'),
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

const translators = new Map<Locale, Translate>();

/** The translate function for one locale (made once per locale). */
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = makeTranslator(locale);
    translators.set(locale, t);
  }
  return t;
}

/** "{name}" placeholders; with a numeric count, a ".one"/".other" key is picked when the key itself is absent. */
function makeTranslator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  const plural = new Intl.PluralRules(locale);
  return (key, params = {}) => {
    let text = catalog[key];
    if (text === undefined && typeof params.count === 'number') {
      text = catalog[`${key}.${plural.select(params.count)}`] ?? catalog[`${key}.other`];
    }
    if (text === undefined) return key;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined
        ? whole
        : typeof params[name] === 'number'
          ? formatNumber(params[name], locale)
          : String(params[name]),
    );
  };
}

/** The first supported language in an Accept-Language header, by its q-values; "no" is read as Bokmål. */
export function negotiateLocale(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (primary === 'nn') return 'nn';
    if (primary === 'nb' || primary === 'no') return 'nb';
    if (primary === 'en') return 'en';
  }
  return fallback;
}

/** The Intl locale of each language: Norwegian Bokmål and Nynorsk as written in Norway, British English. */
const INTL: Record<Locale, string> = { nb: 'nb-NO', nn: 'nn-NO', en: 'en-GB' };
const intlLocale = (locale: Locale) => INTL[locale];

const plainNumberFormats: Record<Locale, Intl.NumberFormat> = {
  nb: new Intl.NumberFormat('nb-NO'),
  nn: new Intl.NumberFormat('nn-NO'),
  en: new Intl.NumberFormat('en-GB'),
};

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number in the reader's locale. One cached Intl formatter per locale and options (the options used are a few
 * fixed shapes): making a NumberFormat costs far more than formatting, and a report's table formats hundreds.
 */
export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  if (!options) return plainNumberFormats[locale].format(value);
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), options);
    if (numberFormats.size < 100) numberFormats.set(key, format);
  }
  return format.format(value);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A UTC instant shown in the organisation's zone and the user's locale, e.g. "23. nov. 2026, 10:00". One cached
 * Intl formatter per locale and zone: luxon's setZone works the offset out anew for every value, which made a
 * table of dates the slowest part of a page. (luxon still does the date arithmetic: periods, boundaries.)
 */
export function formatDateTime(iso: string | null, locale: Locale, zone: string): string {
  if (!iso) return '';
  const key = `${locale}|${zone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: zone,
    });
    dateTimeFormats.set(key, format);
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : format.format(ms);
}

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  nb: new Intl.DateTimeFormat('nb-NO', { ...DateTime.DATE_FULL, timeZone: 'UTC' }),
  nn: new Intl.DateTimeFormat('nn-NO', { ...DateTime.DATE_FULL, timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { ...DateTime.DATE_FULL, timeZone: 'UTC' }),
};

/** An ISO date (no time) in the user's locale, e.g. "23. november 2026" (luxon's DATE_FULL, one cached formatter). */
export function formatDate(isoDate: string | null, locale: Locale): string {
  if (!isoDate || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return '';
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isNaN(ms) ? '' : dateFormats[locale].format(ms);
}

const collators: Record<Locale, Intl.Collator> = {
  nb: new Intl.Collator('nb'),
  nn: new Intl.Collator('nn'),
  en: new Intl.Collator('en'),
};

/** A collator for sorting names in the user's language (made once: creating one per request is costly). */
export function collator(locale: Locale): Intl.Collator {
  return collators[locale];
}
