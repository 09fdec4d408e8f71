import { DateTime } from 'luxon';
import { z } from 'zod';

const wholeNumber = (min: number, max: number, key: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, key)
    .transform(Number)
    .refine((n) => n >= min && n <= max, key);

/** The settings form's retention and sending part (the honorarium and the weights have schemas of their own). */
export const retentionSchema = z.object({
  dataReviewMonths: wholeNumber(6, 120, 'settings.errors.dataReviewMonths'),
  sentEmailRetentionDays: wholeNumber(1, 365, 'settings.errors.sentEmailRetentionDays'),
  // a form without the field (older scripts) keeps the stored value; an empty or bad one is refused
  auditRetentionYears: wholeNumber(1, 10, 'settings.errors.auditRetentionYears').optional(),
  emailsPerMinute: wholeNumber(0, 6000, 'settings.errors.emailsPerMinute'),
});

/** From when changed honorarium rules apply: an ISO date, or blank for the default. */
export const validFromSchema = z.object({
  validFrom: z
    .string()
    .trim()
    .optional()
    .default('')
    .refine(
      (v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid),
      'settings.errors.validFrom',
    ),
});

/** The organisation's official written standard: Bokmål or Nynorsk (the Language Act's two). */
export const writtenStandardSchema = z.object({
  writtenStandard: z.enum(['nb', 'nn'], 'settings.language.invalid'),
});
