import { type Locale } from '../../config.js';
export const UNIT_KINDS = [
  'home_care',
  'gp_office',
  'health_station',
  'nursing_home',
  'mental_health',
  'healthy_life_centre',
  'allocation_office',
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export interface Unit {
  id: number;
  name: string;
  kind: string;
  archived: boolean;
}

export interface Contact {
  id: number;
  unitId: number | null;
  unitName: string | null;
  name: string;
  title: string;
  email: string | null;
  phone: string | null;
  /** The language of the e-mails they get as a project's owner (null: the organisation's default). */
  locale: Locale | null;
  champion: boolean;
  archived: boolean;
}

export interface ContactNote {
  id: number;
  notedOn: string;
  discussed: string;
  nextStep: string;
  followUpOn: string | null;
  followedUp: boolean;
  userName: string | null;
  createdAt: string;
}

/** What the contact form sets, already validated. */
export interface ContactInput {
  unitId: number | null;
  name: string;
  title: string;
  email: string | null;
  phone: string | null;
  locale: Locale | null;
  champion: boolean;
}
