import { LOCALES } from '../../config.js';
import { z } from 'zod';
import { ROLES } from './users.types.js';

/**
 * A staff work phone: digits and spaces, an optional leading +, at most 40 characters and 3 to 20 digits; empty when
 * none is given. Representatives read it on their own page, so it is checked rather than kept as free text.
 */
export const workPhone = z
  .string()
  .trim()
  .max(40, 'users.errors.phoneInvalid')
  .refine((v) => v === '' || /^\+?[0-9][0-9 ]*$/.test(v), 'users.errors.phoneInvalid')
  .refine((v) => v === '' || (v.replace(/\D/g, '').length >= 3 && v.replace(/\D/g, '').length <= 20), {
    message: 'users.errors.phoneInvalid',
  })
  .default('');

export const userSchema = z.object({
  name: z.string().trim().min(1, 'users.errors.nameRequired').max(200, 'users.errors.nameTooLong'),
  email: z
    .string()
    .trim()
    .min(1, 'users.errors.emailRequired')
    .max(254, 'users.errors.emailInvalid')
    .email('users.errors.emailInvalid'),
  role: z.enum(ROLES, 'users.errors.roleRequired'),
  locale: z.enum(LOCALES, 'users.errors.localeRequired'),
  phone: workPhone,
});

/** The user's own work phone and language, on /account. */
export const ownDetailsSchema = z.object({
  phone: workPhone,
  locale: z.enum(LOCALES, 'users.errors.localeRequired'),
});

/** How a new user gets in the first time: invited by e-mail (the default), or a one-time password shown once. */
export const firstAccessSchema = z.object({
  access: z.enum(['invite', 'show'], 'users.errors.accessRequired').default('invite'),
});
