import { LOCALES, toLocale } from '../../config.js';
import { toBool, toInstant, toIsoDate, toNumber } from '../../lib/db-values.js';
import { searchKey, sortKey } from '../../lib/text.js';
import type {
  ContactMethod,
  Kind,
  Representative,
  RepresentativeInput,
  RosterRow,
  Status,
  StatusChange,
} from './representatives.model.js';

// The mapping between the roster's rows (snake_case columns) and its shapes, at the repository boundary. Column
// types allow for both engines (pg: booleans, Dates, integers as numbers or strings; SQLite: 0/1 and the strings
// written); the mappers of db-values.ts turn them into one shape.

/** A representatives row. */
export interface RepresentativeRow {
  id: number | string;
  organisation_id: number | string;
  name: string;
  search_key: string;
  sort_key: string;
  email: string | null;
  phone: string | null;
  locale: string;
  /** The written language e-mails use (REPRESENTATIVE_LOCALE_SQL), where the query selects it. */
  written_locale?: string;
  kind: Kind;
  status: Status;
  paused_until: string | Date | null;
  area: string;
  /** One of the organisation's areas (issue 22); null with `area` set: a free-text value an admin has yet to map. */
  area_id?: number | string | null;
  nominating_organisation: string;
  term_start: string | Date | null;
  term_end: string | Date | null;
  /** Comma-separated language codes. */
  languages: string;
  accessibility_needs: string;
  preferred_contact: ContactMethod;
  postal_address: string;
  load_cap: number | string | null;
  age_band: string | null;
  gender: string | null;
  notes: string;
  email_undeliverable: boolean | number;
  last_reviewed_at: string | Date | null;
  erased_at: string | Date | null;
  created_at: string | Date;
  updated_at: string | Date;
  /** The contact person (a user), set apart from the form's other columns: a change is a hand-over. */
  contact_user_id?: number | string | null;
}

/** The columns a roster list shows. */
export type RosterListRow = Pick<
  RepresentativeRow,
  'id' | 'name' | 'kind' | 'status' | 'paused_until' | 'area' | 'languages'
>;

/** A representative_status_changes row with the name of the user who made the change. */
export interface StatusChangeRow {
  from_status: Status | null;
  to_status: Status;
  paused_until: string | Date | null;
  reason: string;
  changed_by: StatusChange['changedBy'];
  changed_by_name: string | null;
  changed_at: string | Date;
}

/** The comma-separated language codes of a row, as a list. */
export const splitLanguages = (value: string) => value.split(',').filter(Boolean);

/** The columns a facilitator's form writes. */
export type EditedColumns = Omit<
  RepresentativeRow,
  | 'id'
  | 'organisation_id'
  | 'status'
  | 'paused_until'
  | 'load_cap'
  | 'email_undeliverable'
  | 'last_reviewed_at'
  | 'erased_at'
  | 'created_at'
  | 'updated_at'
  | 'contact_user_id'
> & { load_cap: number | null };

/** A representative's edited fields as columns (with the keys the roster searches and sorts by). */
export function toRow(input: RepresentativeInput): EditedColumns {
  return {
    name: input.name,
    search_key: searchKey(input.name),
    sort_key: sortKey(input.name),
    email: input.email,
    phone: input.phone,
    locale: input.locale,
    kind: input.kind,
    area: input.area,
    ...(input.areaId !== undefined ? { area_id: input.areaId } : {}),
    nominating_organisation: input.nominatingOrganisation,
    term_start: input.termStart,
    term_end: input.termEnd,
    languages: input.languages.join(','),
    accessibility_needs: input.accessibilityNeeds,
    preferred_contact: input.preferredContact,
    postal_address: input.postalAddress,
    load_cap: input.loadCap,
    age_band: input.ageBand,
    gender: input.gender,
    notes: input.notes,
  };
}

/** A full representatives row as a Representative. */
export function toRepresentative(r: RepresentativeRow): Representative {
  return {
    id: toNumber(r.id),
    name: r.name,
    email: r.email ?? null,
    phone: r.phone ?? null,
    locale: toLocale(r.written_locale ?? r.locale),
    unofferedLocale: (LOCALES as readonly string[]).includes(r.locale) ? null : r.locale,
    kind: r.kind,
    status: r.status,
    pausedUntil: toIsoDate(r.paused_until),
    area: r.area,
    areaId: r.area_id === null || r.area_id === undefined ? null : toNumber(r.area_id),
    nominatingOrganisation: r.nominating_organisation,
    termStart: toIsoDate(r.term_start),
    termEnd: toIsoDate(r.term_end),
    languages: splitLanguages(r.languages),
    accessibilityNeeds: r.accessibility_needs,
    preferredContact: r.preferred_contact,
    postalAddress: r.postal_address,
    loadCap: r.load_cap === null || r.load_cap === undefined ? null : toNumber(r.load_cap),
    ageBand: r.age_band ?? null,
    gender: r.gender ?? null,
    notes: r.notes,
    emailUndeliverable: toBool(r.email_undeliverable),
    lastReviewedAt: toInstant(r.last_reviewed_at),
    contactUserId: r.contact_user_id === null || r.contact_user_id === undefined ? null : toNumber(r.contact_user_id),
    createdAt: toInstant(r.created_at)!,
    updatedAt: toInstant(r.updated_at)!,
  };
}

/** A list row as the roster's RosterRow. */
export const toRosterRow = (r: RosterListRow): RosterRow => ({
  id: toNumber(r.id),
  name: r.name,
  kind: r.kind,
  status: r.status,
  pausedUntil: toIsoDate(r.paused_until),
  area: r.area,
  languages: splitLanguages(r.languages),
});

export const toStatusChange = (r: StatusChangeRow): StatusChange => ({
  fromStatus: r.from_status ?? null,
  toStatus: r.to_status,
  pausedUntil: toIsoDate(r.paused_until),
  reason: r.reason,
  changedByName: r.changed_by_name ?? null,
  changedBy: r.changed_by ?? null,
  changedAt: toInstant(r.changed_at)!,
});
