import { DateTime } from 'luxon';
import { z } from 'zod';
import { SUMMARY_PERIODS } from './summaries.model.js';

/** A written summary: which period (month, quarter, year, and a day in it), a title and a few paragraphs. */
export const summarySchema = z.object({
  period: z.enum(SUMMARY_PERIODS, 'summaries.errors.period'),
  at: z
    .string()
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && DateTime.fromISO(v).isValid, 'summaries.errors.at'),
  title: z.string().trim().min(1, 'summaries.errors.title').max(200, 'summaries.errors.titleTooLong'),
  body: z.string().trim().min(1, 'summaries.errors.body').max(10_000, 'summaries.errors.bodyTooLong'),
});
