import { z } from 'zod';

// The forms of projects that start from a template: the copy form, and the "repeat" part of the add-meeting form
// (validated beside the meeting's own schema, so both forms' messages show at once).

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (v: string) => ISO_DATE.test(v) && !Number.isNaN(Date.parse(v));

export const copySchema = z
  .object({
    title: z.string().trim().min(1, 'projects.errors.titleRequired').max(300, 'projects.errors.tooLong'),
    startsOn: z
      .string()
      .trim()
      .min(1, 'projectTemplates.errors.startRequired')
      .refine(validDate, 'projects.errors.dateInvalid'),
    endsOn: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || validDate(v), 'projects.errors.dateInvalid')
      .transform((v) => v || null),
    facilitatorUserId: z
      .string()
      .optional()
      .refine((v) => !v || /^[1-9][0-9]{0,9}$/.test(v), 'projects.errors.facilitatorUnknown')
      .transform((v) => (v ? Number(v) : null)),
  })
  .refine((v) => !v.endsOn || v.endsOn >= v.startsOn, {
    path: ['endsOn'],
    message: 'projects.errors.endsBeforeStart',
  });
export type CopyInput = z.infer<typeof copySchema>;

export const seriesSchema = z
  .object({
    repeatWeeks: z
      .string()
      .optional()
      .refine((v) => !v || /^[1-8]$/.test(v), 'projectTemplates.errors.weeksInvalid')
      .transform((v) => (v ? Number(v) : null)),
    repeatUntil: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || validDate(v), 'projects.errors.dateInvalid')
      .transform((v) => v || null),
  })
  .refine((v) => !v.repeatUntil || v.repeatWeeks, {
    path: ['repeatWeeks'],
    message: 'projectTemplates.errors.repeatMissing',
  });
