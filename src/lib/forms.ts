import type { z } from 'zod';
import type { Translate } from './i18n.js';

export interface FieldError {
  field: string;
  message: string;
  /** A page that helps (e.g. the person already on the roster with this e-mail address). */
  href?: string;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/**
 * Validates a form body with its schema. Schema messages are catalog keys, translated here, so that the
 * error summary and the messages beside the fields are in the user's language. One error per field.
 */
export function validateForm<S extends z.ZodType>(schema: S, body: unknown, t: Translate): FormResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (errors.some((e) => e.field === field)) continue;
    errors.push({ field, message: t(issue.message.includes('.') ? issue.message : 'forms.invalid') });
  }
  return { ok: false, errors };
}

/** A service's refusal of one field (a catalog key) as the form errors to re-render with, in the reader's language. */
export function problemErrors(
  t: Translate,
  problem: { field: string; key: string; params?: Record<string, string | number> },
  href?: string,
): FieldError[] {
  return [{ field: problem.field, message: t(problem.key, problem.params), ...(href ? { href } : {}) }];
}

/** The error message for one field, for the field partial. */
export function fieldError(errors: FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

const NEVER_KEPT = /password|_csrf/i;

/** What the user typed, to re-render a refused form: every field but passwords and the CSRF token. */
export function typedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (!body || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (NEVER_KEPT.test(key)) continue;
    if (typeof value === 'string') values[key] = value.slice(0, 200_000);
  }
  return values;
}
