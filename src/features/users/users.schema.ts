import { z } from 'zod';
import { ROLES } from './users.types.js';

export const userSchema = z.object({
  name: z.string().trim().min(1, 'users.errors.nameRequired').max(200, 'users.errors.nameTooLong'),
  email: z
    .string()
    .trim()
    .min(1, 'users.errors.emailRequired')
    .max(254, 'users.errors.emailInvalid')
    .email('users.errors.emailInvalid'),
  role: z.enum(ROLES, 'users.errors.roleRequired'),
  locale: z.enum(['nb', 'en'], 'users.errors.localeRequired'),
});
