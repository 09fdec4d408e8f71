import { parse as parseQueryString } from 'node:querystring';
import type { RequestHandler } from 'express';
import { stripControlCharacters } from '../lib/text.js';

/**
 * The form fields typed in a textarea (views use the field partial with `type: 'textarea'`): tab and line breaks
 * stay in these; in every other field they become a space. A new textarea's name belongs here.
 */
export const MULTILINE_FIELDS: ReadonlySet<string> = new Set([
  'accessibilityNeeds',
  'agenda',
  'body',
  'declineText',
  'improve',
  'discussed',
  'freeText',
  'message',
  'note',
  'notes',
  'personalNote',
  'postalAddress',
  'purpose',
  'rejectedReason',
  'whatChanged',
  'whatMatters',
  'whatSaid',
]);

// A password is hashed, never stored or searched as text: it stays exactly as typed, so that a password set
// before this boundary existed keeps working.
const KEPT_AS_TYPED = /password/i;

type Fields = Record<string, string | string[] | undefined>;

function cleanFields(fields: Fields): Fields {
  for (const [name, value] of Object.entries(fields)) {
    if (KEPT_AS_TYPED.test(name) || value === undefined) continue;
    const multiline = MULTILINE_FIELDS.has(name);
    fields[name] = Array.isArray(value)
      ? value.map((v) => stripControlCharacters(v, { multiline }))
      : stripControlCharacters(value, { multiline });
  }
  return fields;
}

/**
 * Strips control characters from every field of a urlencoded form at the boundary, before any route reads it:
 * PostgreSQL refuses NUL in text (error 22021, a 500) while SQLite stores it, so without this the same input
 * behaved differently on the two engines. Runs after the body parser.
 */
export function stripFormControlCharacters(): RequestHandler {
  return (req, _res, next) => {
    // `extended: false` gives a plain object of strings and arrays of strings (repeated names)
    if (req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body)) cleanFields(req.body as Fields);
    next();
  };
}

/** Express's "simple" query parser with control characters stripped from every value (a search box is a form too). */
export function queryParserWithoutControlCharacters(query: string): Fields {
  return cleanFields({ ...parseQueryString(query) });
}
