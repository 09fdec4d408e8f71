import { MIN_ANSWERS, QUESTIONS, type AnswerTotals, type Question } from './surveys.model.js';

/** One statement's figure: its average, or null when fewer than 5 gave it a score. */
export interface QuestionFigure {
  question: Question;
  average: number | null;
}

/**
 * Answers as anyone may see them (the results page, the report, its CSV and share links alike): the number of
 * answers only from 5 (else "fewer than 5 answers"), and each statement's average only when 5 or more scored it.
 */
export interface VoiceFigures {
  /** The number of answers; `enough` false when it is from 1 to 4 (shown as "fewer than 5 answers"). */
  answers: number;
  enough: boolean;
  questions: QuestionFigure[];
}

export function voiceFigures(totals: AnswerTotals): VoiceFigures {
  const enough = totals.answers === 0 || totals.answers >= MIN_ANSWERS;
  return {
    answers: enough ? totals.answers : 0,
    enough,
    questions: QUESTIONS.map((question) => {
      const { n, sum } = totals.questions[question];
      return { question, average: enough && n >= MIN_ANSWERS ? sum / n : null };
    }),
  };
}
