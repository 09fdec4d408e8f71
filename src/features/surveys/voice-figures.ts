import { MIN_ANSWERS, QUESTIONS, type AnswerTotals, type Question } from './surveys.model.js';

/** One round's answers as the database added them up, with whether it still waits for answers. */
export interface RoundTotals {
  surveyId: number;
  /** When the round closes (an ISO instant). */
  closesAt: string;
  /** Links not answered yet whose person is still on the roster (0: everyone asked has answered). */
  openLinks: number;
  totals: AnswerTotals;
}

/** One statement's figure: its average, or null when fewer than 5 gave it a score. */
export interface QuestionFigure {
  question: Question;
  average: number | null;
}

/**
 * Answers as anyone may see them (the results page, the report, its CSV and share links alike):
 * - `shown`: the answers of the rounds that are released (closed, or answered by everyone asked) and hold 5 answers
 *   or more; in each, a statement counts only where 5 or more scored it;
 * - `fewer`: no such round, but answers exist in a round with fewer than 5 ("fewer than 5 answers");
 * - `waiting`: a round holds 5 answers or more but is still open (shown when it closes, on `until`);
 * - `none`: no answers.
 * A round is released whole, once, and never changes after: nobody can watch one answer arrive, or find one by
 * comparing two periods or two projects, since every figure is made of whole rounds of 5 people or more.
 */
export interface VoiceFigures {
  state: 'shown' | 'fewer' | 'waiting' | 'none';
  /** The answers counted (rounds released with 5 or more). */
  answers: number;
  questions: QuestionFigure[];
  /** Another round holds 5 answers or more and is still open: it joins when it closes, on this instant. */
  until: string | null;
}

/** Whether a round's answers may be shown: it has closed, or everyone asked who is still on the roster answered. */
export const released = (round: RoundTotals, nowMs: number) =>
  round.openLinks === 0 || Date.parse(round.closesAt) <= nowMs;

export function voiceFigures(rounds: RoundTotals[], nowMs: number): VoiceFigures {
  const included = rounds.filter((r) => released(r, nowMs) && r.totals.answers >= MIN_ANSWERS);
  const waiting = rounds.filter((r) => !released(r, nowMs) && r.totals.answers >= MIN_ANSWERS);
  const until = waiting.length
    ? waiting
        .map((r) => r.closesAt)
        .sort()
        .at(-1)!
    : null;
  const answers = included.reduce((sum, r) => sum + r.totals.answers, 0);
  const questions = QUESTIONS.map((question) => {
    let n = 0;
    let sum = 0;
    for (const r of included) {
      const q = r.totals.questions[question];
      if (q.n < MIN_ANSWERS) continue;
      n += q.n;
      sum += q.sum;
    }
    return { question, average: n >= MIN_ANSWERS ? sum / n : null };
  });
  const state = included.length
    ? 'shown'
    : rounds.some((r) => r.totals.answers > 0 && r.totals.answers < MIN_ANSWERS)
      ? 'fewer'
      : waiting.length
        ? 'waiting'
        : 'none';
  return { state, answers, questions, until };
}
