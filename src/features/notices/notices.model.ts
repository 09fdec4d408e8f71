/** The vocabulary of the facilitators' notices and the shapes the dashboard reads: no database, no HTTP. */

/** What happened on its own: a pause ended, training ran out, a term ended, people are due for a data review. */
export type NoticeKind = 'pause_ended' | 'training_expired' | 'term_ended' | 'data_review_due';
export const NOTICE_KINDS: readonly NoticeKind[] = ['pause_ended', 'training_expired', 'term_ended', 'data_review_due'];

/** How many notices the dashboard shows at once (the newest); it says how many more there are. */
export const NOTICES_SHOWN = 20;

/**
 * How far back the lifecycle job looks for training that expired and terms that ended: an installation that starts
 * the job (or was stopped for a while) is told about the last 30 days, not every date in its history.
 */
export const LOOKBACK_DAYS = 30;

/** A notice marked as seen is deleted this long after (it names a person); any notice this long after it was written. */
export const NOTICES_KEPT_AFTER_SEEN_DAYS = 90;
export const NOTICES_KEPT_DAYS = 365;

/** A notice as the dashboard shows it, with the person's and the skill's names as they are now. */
export interface Notice {
  id: number;
  kind: NoticeKind;
  representativeId: number | null;
  name: string | null;
  skillId: number | null;
  skillNb: string | null;
  skillEn: string | null;
  /** The day it happened (ISO date, the organisation's zone). */
  subjectDate: string;
  /** data_review_due: how many people were due when it was written. */
  count: number | null;
  createdAt: string;
}

/** A notice to write; the dedupe key makes writing it again a no-op. */
export interface NewNotice {
  organisationId: number;
  kind: NoticeKind;
  representativeId: number | null;
  skillId: number | null;
  subjectDate: string;
  count: number | null;
  dedupeKey: string;
}

/** What the dashboard gets: the newest undismissed notices and how many there are in all. */
export interface NoticeList {
  notices: Notice[];
  total: number;
}
