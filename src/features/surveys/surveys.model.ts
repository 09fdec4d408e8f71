import { type Locale } from '../../config.js';
/**
 * The representatives' voice (issue 22): after a project (when it moves to evaluating) or a meeting, each person who
 * took part is asked how it was, by a personal link: five statements on a scale of 1 to 5, in the spirit of the
 * Public and Patient Engagement Evaluation Tool (PPEET), and one free text.
 */
export const QUESTIONS = ['prepared', 'listened', 'difference', 'equal', 'again'] as const;
export type Question = (typeof QUESTIONS)[number];
export const SCALE = [1, 2, 3, 4, 5] as const;

/** Days after the link went out that the one reminder goes to those who have not answered. */
export const REMIND_AFTER_DAYS = 7;
/** Days after the link went out that the survey closes. */
export const OPEN_DAYS = 30;
/** Answers (to the survey, or to one statement) needed before any figure or free text is shown. */
export const MIN_ANSWERS = 5;

export type SurveyTrigger = 'evaluating' | 'meeting';

export interface SurveyAnswerInput {
  scores: Partial<Record<Question, number>>;
  freeText: string;
}

/** A survey link as its page needs it. */
export interface SurveyLink {
  id: number;
  organisationId: number;
  surveyId: number;
  representativeId: number;
  locale: Locale;
  answered: boolean;
  erased: boolean;
  closesAt: string;
  projectTitle: string;
  meetingStartsAt: string | null;
}

/** What a started round came to; `asked` 0 with `nobody`: no one has attendance logged, so no round was made. */
export interface RoundStarted {
  asked: number;
  unreachable: number;
  nobody?: boolean;
}

/** Answers added up by the database: how many, and per statement the number of scores and their sum. */
export interface AnswerTotals {
  answers: number;
  questions: Record<Question, { n: number; sum: number }>;
}

/** A round as the project page lists it: counts only, never who answered. */
export interface SurveyRound {
  id: number;
  trigger: SurveyTrigger;
  meetingId: number | null;
  meetingStartsAt: string | null;
  createdAt: string;
  closesAt: string;
  asked: number;
  answered: number;
}
