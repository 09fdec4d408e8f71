import { type Locale } from '../../config.js';
import type { Tx } from '../../lib/transact.js';
import type { SkillCategory } from '../skills/skills.model.js';

/** The roster's vocabulary and the shapes its repositories return: no database, no HTTP. */
export const KINDS = ['patient', 'next_of_kin', 'user_organisation'] as const;
export type Kind = (typeof KINDS)[number];
export const STATUSES = ['prospective', 'active', 'paused', 'retired'] as const;
export type Status = (typeof STATUSES)[number];
/** Who may move to which status (the profile's form and the roster's bulk change); "paused" always needs an end date. */
export const STATUS_TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  prospective: ['active', 'retired'],
  active: ['paused', 'retired'],
  paused: ['active', 'paused', 'retired'],
  retired: ['active'],
};
export const CONTACT_METHODS = ['email', 'phone', 'letter'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONSENT_PURPOSES = ['roster', 'health_experience', 'email_contact', 'named_in_reports'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_METHODS = ['written', 'verbal', 'email', 'web_form'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const AGE_BANDS = ['18-29', '30-49', '50-66', '67-79', '80+'] as const;
export const GENDERS = ['woman', 'man', 'other'] as const;

/** The fields a facilitator edits. */
export interface RepresentativeInput {
  name: string;
  email: string | null;
  phone: string | null;
  locale: Locale;
  kind: Kind;
  area: string;
  /**
   * One of the organisation's areas (issue 22), resolved from `area` by the service; null: none, or a free-text value
   * not yet mapped. Absent: left as it is.
   */
  areaId?: number | null;
  nominatingOrganisation: string;
  termStart: string | null;
  termEnd: string | null;
  languages: string[];
  accessibilityNeeds: string;
  preferredContact: ContactMethod;
  postalAddress: string;
  loadCap: number | null;
  ageBand: string | null;
  gender: string | null;
  notes: string;
}

export interface Representative extends RepresentativeInput {
  id: number;
  /** The recorded written language when Medvirk does not write it (old data); `locale` is then the organisation's. */
  unofferedLocale: string | null;
  status: Status;
  pausedUntil: string | null;
  emailUndeliverable: boolean;
  lastReviewedAt: string | null;
  /** The facilitator or admin named as the person's contact (their name and work phone are on the person's page). */
  contactUserId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface RosterRow {
  id: number;
  name: string;
  kind: Kind;
  status: Status;
  pausedUntil: string | null;
  area: string;
  languages: string[];
}

export interface RosterFilter {
  q?: string;
  skillIds: number[];
  minLevel: number;
  kind?: Kind;
  status?: Status;
  area?: string;
  language?: string;
  freeFrom?: string;
  freeTo?: string;
}

export type RosterSort = 'name' | 'name_desc' | 'newest';

export interface RepresentativeSkill {
  skillId: number;
  nameNb: string;
  nameEn: string;
  category: SkillCategory;
  archived: boolean;
  level: number;
  since: string | null;
  expiresOn: string | null;
}

export interface Consent {
  id: number;
  purpose: ConsentPurpose;
  givenAt: string;
  withdrawnAt: string | null;
  method: string;
  recordedByName: string | null;
}

export interface StatusChange {
  fromStatus: Status | null;
  toStatus: Status;
  pausedUntil: string | null;
  reason: string;
  changedByName: string | null;
  /** Who made the change: a user (named above), the representative on their own page, or the system. */
  changedBy: 'user' | 'representative' | 'system' | null;
  changedAt: string;
}

/**
 * The roster's version counter (RosterVersionsRepository): bumped in the same transaction as every change to the
 * roster, so that caches keyed by it are never used after a change. Other features take it by this interface.
 */
export interface RosterVersions {
  bump(organisationId: number, tx?: Tx): Promise<void>;
  current(organisationId: number, tx?: Tx): Promise<number>;
}
