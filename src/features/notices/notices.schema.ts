import { z } from 'zod';
import { NOTICES_SHOWN } from './notices.model.js';

/** "Mark all as seen": the ids of the notices the dashboard showed (one field, repeated). */
export const dismissManySchema = z.object({
  ids: z
    .union([z.array(z.string()), z.string()])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(
          z
            .string()
            .regex(/^[1-9][0-9]{0,9}$/, 'forms.invalid')
            .transform(Number),
        )
        .max(NOTICES_SHOWN * 5, 'forms.invalid'),
    ),
});
