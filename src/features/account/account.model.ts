import type { Tx } from '../../lib/transact.js';
import type { User } from '../users/users.types.js';

/** A meeting as the calendar feed shows it: the project's title, the time and place, never who takes part. */
export interface FeedMeeting {
  id: number;
  projectId: number;
  projectTitle: string;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineLink: string;
  sequence: number;
}

/** Where a user's calendar feed secret is kept (only its SHA-256); the users feature implements it. */
export interface CalendarTokens {
  calendarTokenCreatedAt(organisationId: number, id: number): Promise<string | null>;
  setCalendarToken(organisationId: number, id: number, hash: string | null, now: string, tx?: Tx): Promise<void>;
  findByCalendarToken(hash: string): Promise<User | undefined>;
}
