import { toBool, toInstant, toIsoDate, toNumber } from '../../lib/db-values.js';
import { searchKey, sortKey } from '../../lib/text.js';
import type { ContactMethod, Kind, Representative, RepresentativeInput, Status } from './representatives.model.js';

/** The mapping between representatives rows (snake_case columns) and the roster's shapes, at the repository boundary. */

/** The comma-separated language codes of a row, as a list. */
export const splitLanguages = (value: string) => value.split(',').filter(Boolean);

/** A representative's edited fields as columns (with the keys the roster searches and sorts by). */
export function toRow(input: RepresentativeInput): Record<string, unknown> {
  return {
    name: input.name,
    search_key: searchKey(input.name),
    sort_key: sortKey(input.name),
    email: input.email,
    phone: input.phone,
    locale: input.locale,
    kind: input.kind,
    area: input.area,
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

export type Row = Record<string, unknown>;

/** A full representatives row as a Representative. */
export function toRepresentative(r: Row): Representative {
  return {
    id: toNumber(r.id),
    name: r.name as string,
    email: (r.email as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    locale: r.locale as 'nb' | 'en',
    kind: r.kind as Kind,
    status: r.status as Status,
    pausedUntil: toIsoDate(r.paused_until),
    area: r.area as string,
    nominatingOrganisation: r.nominating_organisation as string,
    termStart: toIsoDate(r.term_start),
    termEnd: toIsoDate(r.term_end),
    languages: splitLanguages(r.languages as string),
    accessibilityNeeds: r.accessibility_needs as string,
    preferredContact: r.preferred_contact as ContactMethod,
    postalAddress: r.postal_address as string,
    loadCap: r.load_cap === null || r.load_cap === undefined ? null : toNumber(r.load_cap),
    ageBand: (r.age_band as string | null) ?? null,
    gender: (r.gender as string | null) ?? null,
    notes: r.notes as string,
    emailUndeliverable: toBool(r.email_undeliverable),
    lastReviewedAt: toInstant(r.last_reviewed_at),
    createdAt: toInstant(r.created_at)!,
    updatedAt: toInstant(r.updated_at)!,
  };
}
