import { z } from 'zod';
import { DECLINE_REASONS } from './invitations.model.js';

const longText = (key: string) => z.string().max(2000, key).optional().default('');

/** An answer, through the personal link or recorded by the facilitator. */
export const answerSchema = z
  .object({
    answer: z.enum(['accept', 'decline'], 'invitations.errors.answerRequired'),
    declineReason: z
      .union([z.enum(DECLINE_REASONS), z.literal('')])
      .optional()
      .default(''),
    declineText: longText('invitations.errors.textTooLong'),
    note: longText('invitations.errors.noteTooLong'),
  })
  .transform((v) => ({
    accept: v.answer === 'accept',
    declineReason: v.answer === 'decline' && v.declineReason ? v.declineReason : null,
    declineText: v.answer === 'decline' ? v.declineText.trim() : '',
    note: v.note.trim(),
  }));

export const channelSchema = z.object({
  channel: z.enum(['phone', 'letter'], 'invitations.errors.channelRequired'),
});
