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

/** The most a personal note in an invitation can hold: a few sentences, not a second letter. */
export const PERSONAL_NOTE_MAX = 600;

/** Sending the shortlist, with an optional personal word from the sender. */
export const sendSchema = z.object({
  personalNote: z.string().trim().max(PERSONAL_NOTE_MAX, 'letters.errors.noteTooLong').optional().default(''),
});

/** The letters shown on the letters page, to record as sent; ids that are not numbers are counted as skipped. */
export const lettersSentSchema = z.object({
  ids: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});
