import { LOCALES } from '../../config.js';
import { z } from 'zod';
import {
  AGE_BANDS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  CONTACT_METHODS,
  GENDERS,
  KINDS,
  STATUSES,
} from './representatives.model.js';

/** Languages a representative can be listed with (ISO 639-1, and se for Northern Sami). */
export const LANGUAGES = [
  'nb',
  'nn',
  'se',
  'en',
  'ar',
  'so',
  'pl',
  'uk',
  'ti',
  'ur',
  'fa',
  'lt',
  'es',
  'de',
  'fr',
  'tr',
  'ku',
  'vi',
  'ru',
  'th',
] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (v: string) =>
  ISO_DATE.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** An optional text field: "" becomes null. */
const optionalText = (max: number, key: string) =>
  z
    .string()
    .trim()
    .max(max, key)
    .optional()
    .transform((v) => (v ? v : null));

const optionalDate = (key: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || validDate(v), key)
    .transform((v) => (v ? v : null));

const checkbox = z
  .union([z.literal('on'), z.literal('yes'), z.literal('true')])
  .optional()
  .transform((v) => v !== undefined);

const stringList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== ''));

export const representativeSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'representatives.errors.nameRequired')
      .max(200, 'representatives.errors.nameTooLong'),
    email: optionalText(254, 'representatives.errors.emailInvalid').refine(
      (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v),
      'representatives.errors.emailInvalid',
    ),
    phone: optionalText(30, 'representatives.errors.phoneInvalid').refine(
      (v) =>
        v === null ||
        (/^\+?[0-9 ()-]+$/.test(v) && v.replace(/\D/g, '').length >= 8 && v.replace(/\D/g, '').length <= 15),
      'representatives.errors.phoneInvalid',
    ),
    locale: z.enum(LOCALES, 'representatives.errors.localeRequired'),
    kind: z.enum(KINDS, 'representatives.errors.kindRequired'),
    area: z.string().trim().max(120, 'representatives.errors.tooLong').default(''),
    nominatingOrganisation: z.string().trim().max(200, 'representatives.errors.tooLong').default(''),
    termStart: optionalDate('representatives.errors.dateInvalid'),
    termEnd: optionalDate('representatives.errors.dateInvalid'),
    languages: stringList.refine(
      (list) => list.every((l) => (LANGUAGES as readonly string[]).includes(l)),
      'representatives.errors.languageUnknown',
    ),
    accessibilityNeeds: z.string().trim().max(1000, 'representatives.errors.tooLong').default(''),
    preferredContact: z.enum(CONTACT_METHODS, 'representatives.errors.contactRequired'),
    postalAddress: z.string().trim().max(400, 'representatives.errors.tooLong').default(''),
    loadCap: z
      .string()
      .trim()
      .optional()
      .refine(
        (v) => !v || (/^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 10),
        'representatives.errors.loadCapInvalid',
      )
      .transform((v) => (v ? Number(v) : null)),
    ageBand: z
      .union([z.enum(AGE_BANDS), z.literal('')], 'representatives.errors.choiceInvalid')
      .optional()
      .transform((v) => v || null),
    gender: z
      .union([z.enum(GENDERS), z.literal('')], 'representatives.errors.choiceInvalid')
      .optional()
      .transform((v) => v || null),
    notes: z.string().trim().max(5000, 'representatives.errors.tooLong').default(''),
  })
  .superRefine((v, ctx) => {
    if (v.termStart && v.termEnd && v.termEnd < v.termStart) {
      ctx.addIssue({ code: 'custom', path: ['termEnd'], message: 'representatives.errors.termEndsBeforeStart' });
    }
    if (v.preferredContact === 'email' && !v.email) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'representatives.errors.emailNeeded' });
    }
    if (v.preferredContact === 'phone' && !v.phone) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'representatives.errors.phoneNeeded' });
    }
    if (v.preferredContact === 'letter' && !v.postalAddress) {
      ctx.addIssue({ code: 'custom', path: ['postalAddress'], message: 'representatives.errors.addressNeeded' });
    }
  });

/** The contact person chosen on the representative's form (a user id, or empty for none). */
export const contactPersonSchema = z.object({
  contactUserId: z
    .string()
    .optional()
    .refine((v) => !v || /^[1-9][0-9]{0,9}$/.test(v), 'handover.errors.contact')
    .transform((v) => (v ? Number(v) : null)),
});

/** On the "new representative" form: the starting status and the consents given when recruited. */
export const newRepresentativeExtrasSchema = z.object({
  status: z.enum(['prospective', 'active'], 'representatives.errors.statusRequired'),
  consentRoster: checkbox,
  consentHealth: checkbox,
  consentEmail: checkbox,
  consentNamed: checkbox,
  consentMethod: z.enum(CONSENT_METHODS, 'representatives.errors.consentMethodRequired'),
});

export const statusSchema = z.object({
  status: z.enum(STATUSES, 'representatives.errors.statusRequired'),
  pausedUntil: optionalDate('representatives.errors.dateInvalid'),
  reason: z.string().trim().max(500, 'representatives.errors.tooLong').default(''),
});

export const skillAssignmentSchema = z.object({
  skillId: z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, 'representatives.errors.skillUnknown')
    .transform(Number),
  level: z.enum(['1', '2', '3'], 'representatives.errors.levelInvalid').transform(Number),
  since: optionalDate('representatives.errors.dateInvalid'),
  expiresOn: optionalDate('representatives.errors.dateInvalid'),
});

export const consentSchema = z.object({
  purpose: z.enum(CONSENT_PURPOSES, 'representatives.errors.purposeRequired'),
  method: z.enum(CONSENT_METHODS, 'representatives.errors.consentMethodRequired'),
});

export const withdrawSchema = z.object({
  purpose: z.enum(CONSENT_PURPOSES, 'representatives.errors.purposeRequired'),
  confirm: checkbox,
});

/** The roster's filters, read from the URL; anything malformed is ignored rather than refused. */
export const rosterQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  skill: stringList.catch([]),
  minLevel: z.enum(['1', '2', '3']).optional().catch(undefined),
  kind: z.enum(KINDS).optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  area: z.string().trim().max(120).optional().catch(undefined),
  language: z.enum(LANGUAGES).optional().catch(undefined),
  freeFrom: z.string().refine(validDate).optional().catch(undefined),
  freeTo: z.string().refine(validDate).optional().catch(undefined),
  sort: z.enum(['name', 'name_desc', 'newest']).optional().catch(undefined),
  page: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
});
