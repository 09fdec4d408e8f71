import { notFound } from './errors.js';

/** A local path to return to after a form; anything else (another site, //host) falls back to the front page. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  return value.slice(0, 2000);
}

/** A positive whole number from a route or query parameter, or undefined. */
export function parseId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 2_147_483_647 ? n : undefined;
}

/** A record id from the URL; anything that is not one answers 404, like a record that does not exist. */
export function requireId(value: unknown): number {
  const id = parseId(value);
  if (!id) throw notFound();
  return id;
}
