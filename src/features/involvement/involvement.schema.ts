import { z } from 'zod';
import { decimalField, parseDecimal } from '../../lib/decimals.js';
import { LEVELS } from '../projects/projects.model.js';
import { ACTIVITIES } from './involvement.model.js';

/** Hours as typed ("1,5", "1.5", "2") to whole minutes, within bounds; a catalog key when refused. */
export const hours = (min: number, max: number, key: string, optional = false) =>
  z
    .string()
    .trim()
    .refine((v) => (optional && v === '') || parseDecimal(v) !== undefined, key)
    .transform((v) => (v === '' ? 0 : Math.round(parseDecimal(v)! * 60)))
    .refine((m) => m >= min * 60 && m <= max * 60, key);

/** Kroner as typed ("120", "120,50", "1 200.50") to whole øre; empty is 0. */
export const kroner = (key: string, max = 1_000_000) =>
  z
    .string()
    .trim()
    .optional()
    .default('')
    .refine((v) => v === '' || parseDecimal(v) !== undefined, key)
    .transform((v) => (v === '' ? 0 : Math.round(parseDecimal(v)! * 100)))
    .refine((ore) => ore >= 0 && ore <= max * 100, key);

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
  hourlyRate: decimalField('settings.errors.hourlyRate', { min: 0, max: 10_000 }).transform((kr) =>
    Math.round(kr * 100),
  ),
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
