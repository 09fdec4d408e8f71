import { z } from 'zod';
import { LANGUAGES } from '../representatives/representatives.schema.js';
import { REQUEST_KINDS } from './participation.model.js';

const optionalText = (max: number, key: string) =>
  z
    .string()
    .trim()
    .max(max, key)
    .optional()
    .default('')
    .transform((v) => (v === '' ? null : v));

export const pauseSchema = z.object({
  pausedUntil: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'me.errors.pauseDate'),
});

export const ownContactSchema = z
  .object({
    email: optionalText(254, 'me.errors.email').pipe(z.union([z.email('me.errors.email'), z.null()])),
    phone: optionalText(40, 'me.errors.phone'),
    postalAddress: z.string().trim().max(400, 'me.errors.address').optional().default(''),
    preferredContact: z.enum(['email', 'phone', 'letter'], 'me.errors.preferredContact'),
    languages: z
      .union([z.array(z.string()), z.string()])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.enum(LANGUAGES as unknown as [string, ...string[]], 'me.errors.language'))),
  })
  .refine((v) => v.preferredContact !== 'email' || v.email !== null, {
    message: 'me.errors.emailForEmail',
    path: ['email'],
  })
  .refine((v) => v.preferredContact !== 'phone' || v.phone !== null, {
    message: 'me.errors.phoneForPhone',
    path: ['phone'],
  })
  .refine((v) => v.preferredContact !== 'letter' || v.postalAddress !== '', {
    message: 'me.errors.addressForLetter',
    path: ['postalAddress'],
  });

export const requestSchema = z.object({ kind: z.enum(REQUEST_KINDS as unknown as [string, ...string[]]) });
