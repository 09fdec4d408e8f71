import { z } from 'zod';
import { IMPACT_STATUSES } from './impacts.model.js';

export const impactSchema = z
  .object({
    whatSaid: z.string().trim().min(1, 'impacts.errors.whatSaid').max(5000, 'impacts.errors.tooLong'),
    whatChanged: z.string().trim().max(5000, 'impacts.errors.tooLong').optional().default(''),
    status: z.enum(IMPACT_STATUSES, 'impacts.errors.status'),
    rejectedReason: z.string().trim().max(2000, 'impacts.errors.tooLong').optional().default(''),
    decidedOn: z
      .string()
      .trim()
      .optional()
      .default('')
      .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), 'impacts.errors.date')
      .transform((v) => (v === '' ? null : v)),
    meetingId: z
      .string()
      .optional()
      .default('')
      .refine((v) => v === '' || /^\d{1,10}$/.test(v), 'impacts.errors.meeting')
      .transform((v) => (v === '' ? null : Number(v))),
    representativeIds: z
      .union([z.array(z.string()), z.string()])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(
        z.array(
          z
            .string()
            .regex(/^\d{1,10}$/, 'impacts.errors.people')
            .transform(Number),
        ),
      ),
  })
  .refine((v) => v.status !== 'rejected' || v.rejectedReason !== '', {
    path: ['rejectedReason'],
    message: 'impacts.errors.reasonRequired',
  })
  .refine((v) => v.status !== 'adopted' || v.whatChanged !== '', {
    path: ['whatChanged'],
    message: 'impacts.errors.whatChangedRequired',
  });
