/** Written summaries of a period of the whole organisation (issue 21, item 2). */
export const SUMMARY_PERIODS = ['month', 'quarter', 'year'] as const;
export type SummaryPeriod = (typeof SUMMARY_PERIODS)[number];

export interface SummaryInput {
  period: SummaryPeriod;
  /** A day inside the period (the report's "at"); the period's first day is stored. */
  at: string;
  title: string;
  body: string;
}

export interface Summary {
  id: number;
  period: SummaryPeriod;
  /** The period's first and last day, in the organisation's zone. */
  from: string;
  to: string;
  title: string;
  body: string;
  authorName: string | null;
  updatedAt: string;
}
