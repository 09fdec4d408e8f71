import { z } from 'zod';
import { LEVELS } from '../projects/projects.repository.js';
import { ACTIVITIES } from './involvement.repository.js';

/** Hours as typed ("1,5", "1.5", "2") to whole minutes, within bounds; a catalog key when refused. */
export const hours = (min: number, max: number, key: string, optional = false) =>
  z
    .string()
    .trim()
    .transform((v) => v.replace(',', '.'))
    .refine((v) => (optional && v === '') || /^-?\d{1,4}(\.\d{1,2})?$/.test(v), key)
    .transform((v) => (v === '' ? 0 : Math.round(Number(v) * 60)))
    .refine((m) => m >= min * 60 && m <= max * 60, key);

/** Kroner as typed ("120", "120,50") to whole øre; empty is 0. */
export const kroner = (key: string, max = 1_000_000) =>
  z
    .string()
    .trim()
    .optional()
    .default('')
    .transform((v) => v.replace(/\s/g, '').replace(',', '.'))
    .refine((v) => v === '' || /^\d{1,7}(\.\d{1,2})?$/.test(v), key)
    .transform((v) => (v === '' ? 0 : Math.round(Number(v) * 100)))
    .refine((ore) => ore <= max * 100, key);

const box = z
  .string()
  .optional()
  .transform((v) => v === 'on');

export const attendanceSchema = z.object({
  activity: z.enum(ACTIVITIES, 'involvement.errors.activity'),
  hours: hours(0.01, 24, 'involvement.errors.hours'),
  preparationHours: hours(0, 100, 'involvement.errors.preparation', true).optional().default(0),
  levelDelivered: z.enum(LEVELS, 'involvement.errors.level'),
});

export const entrySchema = z.object({
  representativeId: z
    .string()
    .regex(/^\d{1,10}$/, 'involvement.errors.person')
    .transform(Number),
  occurredOn: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'involvement.errors.date'),
  activity: z.enum(ACTIVITIES, 'involvement.errors.activity'),
  hours: hours(0.01, 24, 'involvement.errors.hours'),
  preparationHours: hours(0, 100, 'involvement.errors.preparation', true).optional().default(0),
  levelDelivered: z.enum(LEVELS, 'involvement.errors.level'),
  attended: box,
  inPerson: box,
  asPartOfPaidJob: box,
  paymentDeclined: box,
  travelCost: kroner('involvement.errors.travel'),
  note: z.string().trim().max(2000, 'involvement.errors.note').optional().default(''),
});

export const periodSchema = z
  .object({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'involvement.errors.date'),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'involvement.errors.date'),
  })
  .refine((v) => v.to >= v.from, { path: ['to'], message: 'involvement.errors.periodOrder' });

export const honorariumSettingsSchema = z.object({
  hourlyRate: z
    .string()
    .trim()
    .transform((v) => v.replace(/\s/g, '').replace(',', '.'))
    .refine((v) => /^-?\d{1,6}(\.\d{1,2})?$/.test(v), 'settings.errors.hourlyRate')
    .transform((v) => Math.round(Number(v) * 100))
    .refine((ore) => ore >= 0 && ore <= 1_000_000, 'settings.errors.hourlyRate'),
  roundingMinutes: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'settings.errors.roundingMinutes')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 120, 'settings.errors.roundingMinutes'),
  minimumPaidMinutesInPerson: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'settings.errors.minimumMinutes')
    .transform(Number)
    .refine((n) => n <= 480, 'settings.errors.minimumMinutes'),
  preparationPaid: box,
});
