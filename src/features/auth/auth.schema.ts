import { z } from 'zod';
import { PASSWORD_MAX } from '../../lib/password-policy.js';

export const signInSchema = z.object({
  email: z.string().trim().min(1, 'auth.errors.emailRequired').max(254, 'auth.errors.emailInvalid'),
  password: z.string().min(1, 'auth.errors.passwordRequired').max(PASSWORD_MAX, 'password.errors.tooLong'),
  returnTo: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'password.errors.currentRequired').max(PASSWORD_MAX, 'password.errors.tooLong'),
    newPassword: z.string().min(1, 'password.errors.newRequired'),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: 'password.errors.mismatch',
    path: ['confirmPassword'],
  });

export const forgotPasswordSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'auth.errors.emailRequired')
    .max(254, 'auth.errors.emailInvalid')
    .pipe(z.email('auth.errors.emailInvalid')),
});

export const resetPasswordSchema = z
  .object({
    newPassword: z.string().min(1, 'password.errors.newRequired').max(PASSWORD_MAX, 'password.errors.tooLong'),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: 'password.errors.mismatch',
    path: ['confirmPassword'],
  });

/** A code from an authenticator app or a recovery code (its shape is checked by the service, which says which). */
export const secondFactorCodeSchema = z.object({
  code: z.string().trim().min(1, 'security.errors.codeRequired').max(40, 'security.errors.codeWrong'),
});
