import type { Locale } from '../../config.js';
import type { Tx } from '../../lib/transact.js';

/** The invitations feature's vocabulary: statuses, channels, decline reasons, and an invitation as its pages see it. */
export const INVITATION_STATUSES = [
  'draft',
  'queued',
  'sent',
  'accepted',
  'waitlisted',
  'declined',
  'expired',
  'withdrawn',
  // the mail server refused the invitation e-mail for good (5.x.x): not open, so it can go by phone or letter
  'undeliverable',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export type Channel = 'email' | 'phone' | 'letter';
export const DECLINE_REASONS = ['timing', 'health', 'too_much', 'not_relevant', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
/** Open: waiting for an answer, or on the team or its waitlist. */
export const OPEN_STATUSES: InvitationStatus[] = ['queued', 'sent', 'accepted', 'waitlisted'];

/** An invitation with the person it goes to, as the facilitator's pages and the sending need it. */
export interface Invitation {
  id: number;
  organisationId: number;
  projectId: number;
  representativeId: number;
  name: string;
  email: string | null;
  phone: string | null;
  postalAddress: string;
  locale: Locale;
  preferredContact: Channel;
  emailUndeliverable: boolean;
  emailConsent: boolean;
  status: InvitationStatus;
  channel: Channel;
  sentAt: string | null;
  expiresAt: string | null;
  remindedAt: string | null;
  respondedAt: string | null;
  declineReason: DeclineReason | null;
  declineText: string;
  note: string;
  answerRecordedBy: number | null;
  /** The facilitator's personal word in the invitation (e-mail or letter); '' when none. */
  personalNote: string;
  /** The representative's own contact person (an active user of the organisation), if they have one. */
  contactPerson: StaffContact | null;
}

/** A staff member as a representative is told to reach them: name and work phone ('' when none). */
export interface StaffContact {
  name: string;
  phone: string;
}

/**
 * What other features read of invitations: a project's invitations with their people (the involvement feature's
 * team). InvitationsRepository implements it; features depend on this, not on the repository.
 */
export interface ProjectInvitations {
  forProject(organisationId: number, projectId: number, tx?: Tx): Promise<Invitation[]>;
}
