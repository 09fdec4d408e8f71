import type { Tx } from '../../lib/transact.js';
import type { Meeting } from './projects.model.js';

// The seam through which the projects feature tells a team of moved or cancelled meetings; the invitations feature
// implements it and the composition root hands it to ProjectsService.

/** Who hears of a change to a project's meetings: by e-mail, or from the facilitator (phone or letter). */
export interface MeetingRecipients {
  emailed: Array<{ name: string }>;
  toTell: Array<{ name: string; channel: 'email' | 'phone' | 'letter'; phone: string | null }>;
}

/** Prepares, outside a transaction, what telling a project's team about a meeting change needs. */
export interface MeetingNotifier {
  prepare(
    organisationId: number,
    projectId: number,
  ): Promise<(tx: Tx, meeting: Meeting, change: 'moved' | 'cancelled') => Promise<void>>;
  /** Who would be told, for the page that asks before a meeting is cancelled. */
  recipients(organisationId: number, projectId: number): Promise<MeetingRecipients>;
}
