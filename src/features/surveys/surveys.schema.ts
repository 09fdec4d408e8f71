import { z } from 'zod';
import { QUESTIONS, type Question, type SurveyAnswerInput } from './surveys.model.js';

const score = z
  .union([z.enum(['1', '2', '3', '4', '5']), z.literal('')], 'survey.errors.score')
  .optional()
  .transform((v) => (v ? Number(v) : undefined));

/** A survey's answer: any of the five statements scored from 1 to 5, and a free text; at least one of them. */
export const surveyAnswerSchema = z
  .object({
    ...(Object.fromEntries(QUESTIONS.map((q) => [q, score])) as Record<Question, typeof score>),
    freeText: z.string().trim().max(3000, 'survey.errors.tooLong').optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (!v.freeText && QUESTIONS.every((q) => v[q] === undefined)) {
      ctx.addIssue({ code: 'custom', path: [QUESTIONS[0]], message: 'survey.errors.empty' });
    }
  })
  .transform((v): SurveyAnswerInput => ({
    scores: Object.fromEntries(QUESTIONS.filter((q) => v[q] !== undefined).map((q) => [q, v[q]!])),
    freeText: v.freeText,
  }));
