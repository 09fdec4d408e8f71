import { z } from 'zod';

/** The hand-over forms: the colleague who takes over, and an optional short message to them. */
export const handOverSchema = z.object({
  toUserId: z
    .string('handover.errors.colleague')
    .regex(/^[1-9][0-9]{0,9}$/, 'handover.errors.colleague')
    .transform(Number),
  message: z.string().trim().max(1000, 'handover.errors.messageTooLong').default(''),
});
