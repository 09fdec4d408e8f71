import { z } from 'zod';

const text = (max: number, required: string, tooLong: string) => z.string().trim().min(1, required).max(max, tooLong);

/** The request form a unit fills in: what to improve, for whom, when, and who to contact. */
export const unitRequestSchema = z.object({
  unitName: text(200, 'ask.errors.unitName', 'ask.errors.tooLong'),
  improve: text(5000, 'ask.errors.improve', 'ask.errors.tooLong'),
  forWhom: text(500, 'ask.errors.forWhom', 'ask.errors.tooLong'),
  whenText: text(200, 'ask.errors.whenText', 'ask.errors.tooLong'),
  contactName: text(200, 'ask.errors.contactName', 'ask.errors.tooLong'),
  contactEmail: z
    .string()
    .trim()
    .max(254, 'ask.errors.contactEmail')
    .refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v), 'ask.errors.contactEmail'),
  contactPhone: z
    .string()
    .trim()
    .max(40, 'ask.errors.contactPhone')
    .optional()
    .default('')
    .refine(
      (v) => v === '' || (/^\+?[0-9 ()-]+$/.test(v) && v.replace(/\D/g, '').length >= 8),
      'ask.errors.contactPhone',
    ),
});
