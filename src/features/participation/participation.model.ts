import { type Locale } from '../../config.js';
/** The vocabulary of a representative's own page and the shapes its repository returns: no database, no HTTP. */

/** What a person asks for on their own page. */
export type OwnRequestKind = 'data_copy' | 'erasure';
export const REQUEST_KINDS: readonly OwnRequestKind[] = ['data_copy', 'erasure'];
/** Tasks for the facilitators: the person's own requests, and a new address someone else on the roster has. */
export type RequestKind = OwnRequestKind | 'email_conflict';

export interface OpenRequest {
  id: number;
  representativeId: number;
  name: string;
  kind: RequestKind;
  createdAt: string;
}

/** Whose a personal /me link is, with the person's language and the organisation's time zone. */
export interface LinkOwner {
  organisationId: number;
  representativeId: number;
  expiresAt: string;
  locale: Locale;
  timeZone: string;
}

/** What the own page and its e-mails read of the organisation (the organisations feature has it). */
export interface OrganisationNames {
  name(organisationId: number): Promise<string>;
  timeZone(organisationId: number): Promise<string>;
}
