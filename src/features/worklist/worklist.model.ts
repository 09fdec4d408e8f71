/** The worklist's vocabulary: the facts it is built from, its items and the team's marks. No database, no HTTP. */

/** The groups of the list, most urgent first. */
export const URGENCIES = ['now', 'week', 'soon'] as const;
/**
 * How many items of a group the page shows before "show all": the most urgent first, so a long day's list stays a
 * page to act on (and light on a phone); `/?group=now` shows that group in full.
 */
export const GROUP_SHOWN = 15;
export type Urgency = (typeof URGENCIES)[number];

/** "Mine" (my projects and my people) or the whole organisation's. */
export const VIEWS = ['mine', 'all'] as const;
export type WorklistView = (typeof VIEWS)[number];

export const ITEM_KINDS = [
  'notice',
  'request',
  'undeliverable',
  'attendance',
  'deadline',
  'record',
  'contact',
  'shortlist',
  'answer',
  'paused',
  'withdrawn',
  'seats',
  'meeting',
  'feedback',
  'training',
  'term',
  'followup',
  'unitRequest',
  'survey',
] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** A mark on an item, for the whole team: done, or snoozed until a day (the organisation's zone). */
export type MarkState = 'done' | 'snoozed';
export interface WorklistMark {
  itemKey: string;
  state: MarkState;
  snoozedUntil: string | null;
  markedByName: string | null;
  markedAt: string;
}

/** Marks are forgotten this long after they were set (the job purge-worklist-marks). */
export const MARKS_KEPT_DAYS = 365;
/** The furthest a snooze may reach. */
export const SNOOZE_MAX_DAYS = 365;
/** An item key as the pages post it back: kind, then ids and dates. */
export const ITEM_KEY_PATTERN = /^[a-z]+(:[0-9A-Za-z_-]+)+$/;

/** One invitation with its project and person, the shape most invitation facts share. */
export interface InvitationFact {
  invitationId: number;
  projectId: number;
  title: string;
  representativeId: number;
  name: string;
}

/** Whose work a query reads: the organisation's, or only one user's (their projects and their people). */
export interface WorklistScope {
  organisationId: number;
  /** null: the whole organisation ("all"); a user id: that user's projects and the people they are contact for. */
  mine: number | null;
}

/** The moments the queries look around, computed once by the service from the clock in the organisation's zone. */
export interface WorklistWindow {
  now: string;
  today: string;
  answersSince: string;
  withdrawnSince: string;
  deadlineBefore: string;
  meetingsFrom: string;
  meetingsBefore: string;
  attendanceSince: string;
  seatsMeetingBefore: string;
  endingsTo: string;
  followUpsBy: string;
}

/** A shortlisted person not yet invited, with what decides how they can be (see invitations' routeFor). */
export interface DraftFact extends InvitationFact {
  projectSent: boolean;
  email: string | null;
  phone: string | null;
  postalAddress: string;
  preferredContact: 'email' | 'phone' | 'letter';
  emailUndeliverable: boolean;
  emailConsent: boolean;
}

/** What the repository reads for the worklist, one list per kind (already limited to the view). */
export interface WorklistFacts {
  answers: Array<InvitationFact & { status: string; respondedAt: string }>;
  undeliverable: InvitationFact[];
  /** Sent and unanswered, with the deadline within the next few days (any channel). */
  nearDeadline: Array<InvitationFact & { channel: string; expiresAt: string }>;
  /** Sent by phone or letter: the answer comes back to the facilitator, who records it. */
  toRecord: Array<InvitationFact & { channel: string; expiresAt: string | null; sentAt: string | null }>;
  /** Shortlisted people of projects whose shortlist went out, to be phoned or written to (route decided by the service). */
  toContact: Array<InvitationFact & { channel: 'phone' | 'letter' }>;
  /** Projects with shortlisted people nobody has sent to yet. */
  unsent: Array<{ projectId: number; title: string; count: number }>;
  paused: Array<InvitationFact & { pausedUntil: string | null }>;
  withdrawn: Array<InvitationFact & { withdrawnAt: string }>;
  /** Open projects with fewer on the team than seats, with their next meeting if any. */
  shortOfSeats: Array<{
    projectId: number;
    title: string;
    seats: number;
    filled: number;
    meetingId: number | null;
    meetingAt: string | null;
  }>;
  meetings: Array<{ meetingId: number; projectId: number; title: string; startsAt: string; sequence: number }>;
  withoutAttendance: Array<{ meetingId: number; projectId: number; title: string; startsAt: string }>;
  notFedBack: Array<{
    impactId: number;
    projectId: number;
    title: string;
    whatChanged: string;
    decidedOn: string | null;
  }>;
  endings: Array<{
    representativeId: number;
    name: string;
    date: string;
    skillId: number | null;
    skillNb: string | null;
    skillEn: string | null;
  }>;
  requests: Array<{ requestId: number; representativeId: number; name: string; kind: string; createdAt: string }>;
  followUps: Array<{ noteId: number; contactId: number; contactName: string; followUpOn: string; nextStep: string }>;
  /** Units' requests for involvement not yet handled (everyone's: they have no facilitator until one takes them). */
  unitRequests: Array<{ requestId: number; unitName: string; improve: string; createdAt: string }>;
  /** Survey rounds whose answers are ready to read (released, with 5 answers or more), sent in the last 60 days. */
  surveys: Array<{ surveyId: number; projectId: number; title: string; answers: number; closesAt: string }>;
  notices: Array<{
    noticeId: number;
    kind: string;
    representativeId: number | null;
    name: string | null;
    skillNb: string | null;
    skillEn: string | null;
    subjectDate: string;
    count: number | null;
  }>;
}

/** How an item is marked done: by the worklist's own mark, or by the action that settles it elsewhere. */
export type DoneBy = { kind: 'mark' } | { kind: 'post'; action: string };

/** One thing to do, as the page shows it: its text is `worklist.items.<kind>` with these values. */
export interface WorkItem {
  key: string;
  kind: ItemKind;
  urgency: Urgency;
  /** The page where it is done. */
  href: string;
  /** The instant or day it is about (sorts the group). */
  at: string;
  name?: string;
  title?: string;
  /** ISO date or instant, shown through the date helpers. */
  date?: string;
  time?: string;
  count?: number;
  skillNb?: string | null;
  skillEn?: string | null;
  status?: string;
  channel?: string;
  detail?: string;
  done: DoneBy | null;
  snooze: boolean;
}

/** An item somebody marked, shown under the list ("done by", "snoozed until"). */
export interface MarkedItem {
  item: WorkItem;
  mark: WorklistMark;
}

export interface Worklist {
  groups: Array<{ urgency: Urgency; items: WorkItem[] }>;
  total: number;
  marked: MarkedItem[];
}
