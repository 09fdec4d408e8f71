import { z } from 'zod';
import { decimalField } from '../../lib/decimals.js';
import { LANGUAGES } from '../representatives/representatives.schema.js';
import { LEVELS, PHASES } from './projects.model.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const optionalId = (key: string) =>
  z
    .string()
    .optional()
    .refine((v) => !v || /^[1-9][0-9]{0,9}$/.test(v), key)
    .transform((v) => (v ? Number(v) : null));
const optionalDate = (key: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || (ISO_DATE.test(v) && !Number.isNaN(Date.parse(v))), key)
    .transform((v) => v || null);
const checkbox = z
  .literal('on')
  .optional()
  .transform((v) => v === 'on');
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean));

export const projectSchema = z
  .object({
    title: z.string().trim().min(1, 'projects.errors.titleRequired').max(300, 'projects.errors.tooLong'),
    purpose: z.string().trim().max(5000, 'projects.errors.tooLong').default(''),
    whatMatters: z.string().trim().max(5000, 'projects.errors.tooLong').default(''),
    unitId: optionalId('projects.errors.unitUnknown'),
    ownerContactId: optionalId('projects.errors.contactUnknown'),
    facilitatorUserId: optionalId('projects.errors.facilitatorUnknown'),
    targetLevel: z.enum(LEVELS, 'projects.errors.levelRequired'),
    seats: z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, 'projects.errors.seats')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 50, 'projects.errors.seats'),
    startsOn: optionalDate('projects.errors.dateInvalid'),
    endsOn: optionalDate('projects.errors.dateInvalid'),
    location: z.string().trim().max(300, 'projects.errors.tooLong').default(''),
    online: checkbox,
    workingLanguages: list.refine(
      (l) => l.every((x) => (LANGUAGES as readonly string[]).includes(x)),
      'projects.errors.languageUnknown',
    ),
    sensitiveTopic: checkbox,
    honorariumApplies: checkbox,
  })
  .refine((v) => !v.startsOn || !v.endsOn || v.endsOn >= v.startsOn, {
    path: ['endsOn'],
    message: 'projects.errors.endsBeforeStart',
  });

export const requirementSchema = z.object({
  skillId: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, 'projects.errors.skillUnknown')
    .transform(Number),
  must: z.enum(['must', 'nice'], 'projects.errors.mustRequired').transform((v) => v === 'must'),
  minLevel: z.enum(['1', '2', '3'], 'projects.errors.levelInvalid').transform(Number),
});

export const meetingSchema = z
  .object({
    date: z.string().regex(ISO_DATE, 'projects.errors.dateInvalid'),
    startTime: z.string().regex(TIME, 'projects.errors.timeInvalid'),
    endTime: z.string().regex(TIME, 'projects.errors.timeInvalid'),
    place: z.string().trim().max(300, 'projects.errors.tooLong').default(''),
    onlineLink: z
      .string()
      .trim()
      .max(500, 'projects.errors.tooLong')
      .optional()
      .refine((v) => !v || /^https:\/\/\S+$/.test(v), 'projects.errors.linkInvalid')
      .transform((v) => v || ''),
    agenda: z.string().trim().max(5000, 'projects.errors.tooLong').default(''),
  })
  .refine((v) => v.endTime > v.startTime, { path: ['endTime'], message: 'projects.errors.meetingEndsBeforeStart' });

export const phaseSchema = z.object({ phase: z.enum(PHASES, 'projects.errors.phaseRequired') });

// "0,35" as well as "0.35": the form shows the weights in the reader's format and must take them back
const weight = decimalField('settings.errors.weight', { min: 0, max: 99 });
export const weightsSchema = z
  .object({ niceToHave: weight, fairness: weight, rest: weight, diversity: weight, language: weight })
  .refine((w) => w.niceToHave + w.fairness + w.rest + w.diversity + w.language > 0, {
    path: ['niceToHave'],
    message: 'settings.errors.weightsZero',
  });
