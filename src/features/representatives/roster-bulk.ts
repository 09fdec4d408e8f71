import type { ExclusionReason } from '../matching/matching.types.js';
import { STATUS_TRANSITIONS, type ConsentMethod, type ConsentPurpose, type Status } from './representatives.model.js';

// The rules of a change to many people at once: who it changes, who it skips and why. No database, no HTTP, no
// clock: the service reads each person's state in a few batched queries and this decides, so that the
// confirmation page and the change itself apply the same rules as the single-person forms.

/** The actions that change people (the export changes nothing and has no plan). */
export const BULK_CHANGES = ['addSkill', 'removeSkill', 'consent', 'status', 'contact', 'shortlist'] as const;
export type BulkChange = (typeof BULK_CHANGES)[number];
export const BULK_ACTIONS = [...BULK_CHANGES, 'export'] as const;
export type BulkActionKind = (typeof BULK_ACTIONS)[number];

/** How many people one bulk change may take (the largest roster the bench measures). */
export const BULK_MAX_PEOPLE = 10_000;

export type BulkAction =
  | { kind: 'addSkill'; skillId: number; level: number; livedExperience: boolean }
  | { kind: 'removeSkill'; skillId: number }
  | { kind: 'consent'; purpose: ConsentPurpose; method: ConsentMethod }
  | { kind: 'status'; status: Status; pausedUntil: string | null; reason: string }
  | { kind: 'contact'; userId: number }
  | { kind: 'shortlist'; projectId: number };

/** What matching says of a person for the chosen project. */
export type MatchVerdict =
  | { eligible: true; shortlisted: boolean }
  | { eligible: false; reasons: ExclusionReason[] }
  /** Not among matching's candidates at all (no roster consent, say). */
  | { eligible: false; reasons: [] };

/** One person as the action needs to see them. */
export interface BulkPerson {
  id: number;
  name: string;
  status: Status;
  contactUserId: number | null;
  /** The level at which the person holds the action's skill; 0 when not held. */
  skillLevel: number;
  /** The person's active consents among those the action asks about (its purpose; health for lived experience). */
  consents: ReadonlySet<ConsentPurpose>;
  /** Only for a shortlist. */
  match?: MatchVerdict;
}

export type SkipReason =
  | { key: 'alreadyHeld'; level: number }
  | { key: 'notHeld' }
  | { key: 'healthConsentNeeded' }
  | { key: 'consentAlreadyGiven' }
  | { key: 'transition'; from: Status }
  | { key: 'alreadyContact' }
  | { key: 'alreadyShortlisted' }
  | { key: 'excluded'; reasons: ExclusionReason[] }
  | { key: 'notCandidate' };

export interface BulkPlan<P extends BulkPerson = BulkPerson> {
  change: P[];
  skipped: Array<{ person: P; reason: SkipReason }>;
}

/** Why this action leaves this person alone, or undefined when it changes them. */
export function skipReason(action: BulkAction, person: BulkPerson): SkipReason | undefined {
  switch (action.kind) {
    case 'addSkill':
      // the single-person form changes a level: so does this, but the same level again is no change
      if (person.skillLevel === action.level) return { key: 'alreadyHeld', level: person.skillLevel };
      if (action.livedExperience && !person.consents.has('health_experience')) return { key: 'healthConsentNeeded' };
      return undefined;
    case 'removeSkill':
      return person.skillLevel > 0 ? undefined : { key: 'notHeld' };
    case 'consent':
      return person.consents.has(action.purpose) ? { key: 'consentAlreadyGiven' } : undefined;
    case 'status':
      return STATUS_TRANSITIONS[person.status].includes(action.status)
        ? undefined
        : { key: 'transition', from: person.status };
    case 'contact':
      return person.contactUserId === action.userId ? { key: 'alreadyContact' } : undefined;
    case 'shortlist': {
      const match = person.match;
      if (!match || (!match.eligible && match.reasons.length === 0)) return { key: 'notCandidate' };
      if (!match.eligible) return { key: 'excluded', reasons: match.reasons };
      return match.shortlisted ? { key: 'alreadyShortlisted' } : undefined;
    }
  }
}

/** Splits the people into those the action changes and those it skips, each with the reason. */
export function planBulk<P extends BulkPerson>(action: BulkAction, people: P[]): BulkPlan<P> {
  const plan: BulkPlan<P> = { change: [], skipped: [] };
  for (const person of people) {
    const reason = skipReason(action, person);
    if (reason) plan.skipped.push({ person, reason });
    else plan.change.push(person);
  }
  return plan;
}

/** Ids in slices small enough for one statement's bound variables (SQLite allows 999 in older builds). */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
