// The vocabulary of matching: what goes into the core (project, candidates, weights) and what comes out (ranked
// candidates, reasons, exclusions). Types and constants only; the core itself is matching.ts.

export type Kind = 'patient' | 'next_of_kin' | 'user_organisation';

export interface Weights {
  niceToHave: number;
  fairness: number;
  rest: number;
  diversity: number;
  language: number;
}

export interface Requirement {
  skillId: number;
  must: boolean;
  minLevel: number;
  /** Lived experience counts toward diversity. */
  livedExperience: boolean;
}

export interface MatchProject {
  id: number;
  startsOn: string | null;
  endsOn: string | null;
  requirements: Requirement[];
  workingLanguages: string[];
  /** Who is on the team or shortlisted already, for diversity. */
  team: Array<{ kind: Kind; area: string; livedExperienceSkillIds: number[] }>;
}

export interface Candidate {
  id: number;
  name: string;
  kind: Kind;
  status: 'prospective' | 'active' | 'paused' | 'retired';
  pausedUntil: string | null;
  termEnd: string | null;
  area: string;
  languages: string[];
  preferredContact: 'email' | 'phone' | 'letter';
  hasEmail: boolean;
  hasPhone: boolean;
  hasPostalAddress: boolean;
  emailConsent: boolean;
  emailUndeliverable: boolean;
  /** skill id → level, of the skills that count today (training that has expired is not here: see `trainingExpired`) */
  skills: Map<number, number>;
  /**
   * skill id → the date the person's training in it expired (before today), for the reasons: such training is held
   * no longer, so it earns no points and meets no requirement. Absent or empty when none has expired.
   */
  expiredTraining?: ReadonlyMap<number, string>;
  livedExperienceSkillIds: number[];
  /** Personal cap; null means the organisation's default. */
  loadCap: number | null;
  /** Other projects overlapping this one's period that the person is on. */
  overlappingEngagements: number;
  engagementsLast12Months: number;
  lastInvolvedOn: string | null;
  /** A queued, sent, accepted or waitlisted invitation to this project. */
  openInvitation: boolean;
  declinedThisProject: boolean;
  shortlisted: boolean;
}

export type ExclusionReason =
  | 'notActive'
  | 'paused'
  | 'noContactConsent'
  | 'undeliverable'
  | 'termEnded'
  | 'openInvitation'
  | 'declined'
  | 'missingMust'
  | 'atLoadCap';

export const EXCLUSION_REASONS: readonly ExclusionReason[] = [
  'notActive',
  'paused',
  'noContactConsent',
  'undeliverable',
  'termEnded',
  'openInvitation',
  'declined',
  'missingMust',
  'atLoadCap',
];

/** A skill the project asks for at a level, and the level the person has (0: not at all). */
export interface SkillGap {
  skillId: number;
  minLevel: number;
  level: number;
  /** Set when the person's training in this skill expired on that date (so it is not held: level 0). */
  expiredOn?: string;
}

/** What keeps a person from being reached the way they want: the e-mail consent or a contact detail. */
export type ContactGap = 'emailConsent' | 'email' | 'phone' | 'postalAddress';

export const CONTACT_GAPS: readonly ContactGap[] = ['emailConsent', 'email', 'phone', 'postalAddress'];

/** An exclusion reason with what the facilitator needs to act on it: which skill at which level, which consent or detail. */
export type ExclusionDetail =
  | { reason: 'missingMust'; skills: SkillGap[] }
  | { reason: 'noContactConsent'; preferredContact: Candidate['preferredContact']; missing: ContactGap[] }
  | { reason: Exclude<ExclusionReason, 'missingMust' | 'noContactConsent'> };

/** A plain-language reason: a catalog key and its parameters (translated by the page). */
export interface Reason {
  key: string;
  params?: Record<string, string | number>;
  /** With the wished-skills reason: which wished skills the person holds at the level asked, and which not. */
  skills?: { held: SkillGap[]; missed: SkillGap[] };
}

export interface Components {
  niceToHave: number;
  fairness: number;
  rest: number;
  diversity: number;
  language: number;
}

export interface RankedCandidate {
  id: number;
  name: string;
  kind: Kind;
  score: number;
  components: Components;
  reasons: Reason[];
  shortlisted: boolean;
}

export interface MatchResult {
  ranked: RankedCandidate[];
  excluded: Map<number, ExclusionReason[]>;
  excludedCounts: Record<ExclusionReason, number>;
  /** Of those missing a must-have: how many miss each must-have requirement (in the project's order). */
  missingMustCounts: Array<{ skillId: number; minLevel: number; count: number }>;
  /** Of those who cannot be contacted: how many lack each consent or detail. */
  contactGapCounts: Record<ContactGap, number>;
}
