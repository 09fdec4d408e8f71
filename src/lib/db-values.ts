// pg returns COUNT/SUM as strings, booleans as true/false, timestamps as Date; SQLite returns numbers, 0/1
// and the strings we wrote. Repositories convert through these at the boundary, so callers see one shape.

/**
 * A representative's written language in SQL (the representatives table as `r`): theirs when Medvirk writes it,
 * else the organisation's official standard (old or hand-edited data: issue 25's "a language not offered").
 */
export const REPRESENTATIVE_LOCALE_SQL =
  "case when r.locale in ('nb', 'nn', 'en') then r.locale else (select o.default_locale from organisations o where o.id = r.organisation_id) end";

/** A number from a COUNT/SUM/integer column on either engine (null counts as 0). */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const n = Number(value);
  if (Number.isNaN(n)) throw new TypeError(`not a number: ${typeof value === 'string' ? value : typeof value}`);
  return n;
}

/** A boolean from a boolean column on either engine. */
export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

/** A UTC instant as an ISO string, from a timestamp column on either engine. */
export function toInstant(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  if (typeof value !== 'string' && typeof value !== 'bigint') return null; // no engine returns an instant otherwise
  const d = new Date(String(value));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** An ISO date (YYYY-MM-DD) from a date column on either engine. */
export function toIsoDate(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string') return value.slice(0, 10);
  return typeof value === 'number' || typeof value === 'bigint' ? String(value).slice(0, 10) : null;
}
