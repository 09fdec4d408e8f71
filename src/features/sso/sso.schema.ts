import { z } from 'zod';
import { ROLES } from '../users/users.types.js';

/** The sign-in page's second form: the address whose domain names the organisation. */
export const ssoStartSchema = z.object({
  ssoEmail: z
    .string()
    .trim()
    .min(1, 'auth.errors.emailRequired')
    .max(254, 'auth.errors.emailInvalid')
    .pipe(z.email('auth.errors.emailInvalid')),
  returnTo: z.string().optional(),
});

/** The provider's settings as typed on /admin/settings (checked further by SsoSettingsService.save). */
export const ssoSettingsSchema = z.object({
  oidcIssuer: z.string().trim().min(1, 'sso.errors.issuerRequired').max(500, 'sso.errors.issuerInvalid'),
  oidcClientId: z.string().trim().min(1, 'sso.errors.clientIdRequired').max(255, 'sso.errors.clientIdRequired'),
  oidcClientSecret: z.string().max(2000, 'sso.errors.secretTooLong').default(''),
  ssoDomains: z.string().max(2000, 'sso.errors.domainsTooLong').default(''),
  passwordsAllowed: z.literal('on').optional(),
});

/** An admin's approval of a request for access: the role it gets. */
export const approveSchema = z.object({ role: z.enum(ROLES, 'users.errors.roleRequired') });
