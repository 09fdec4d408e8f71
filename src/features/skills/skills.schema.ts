import { z } from 'zod';
import { SKILL_CATEGORIES } from './skills.model.js';

export const skillSchema = z.object({
  nameNb: z.string().trim().min(1, 'skills.errors.nameNbRequired').max(200, 'skills.errors.nameTooLong'),
  nameNn: z
    .string()
    .trim()
    .max(200, 'skills.errors.nameTooLong')
    .default('')
    .transform((v) => v || null),
  nameEn: z.string().trim().min(1, 'skills.errors.nameEnRequired').max(200, 'skills.errors.nameTooLong'),
  category: z.enum(SKILL_CATEGORIES, 'skills.errors.categoryRequired'),
});
