import type { CurrentUser } from '../users/users.types.js';
import type { Tx } from '../../lib/transact.js';

/** What a session carries besides its user. */
export interface SessionData {
  /** Public random id that ties CSRF tokens to this session (see middleware/csrf.ts). */
  csrfBinding: string;
  formStash?: { path: string; values: Record<string, string> };
  /** A temporary password to show the admin once, after creating or resetting a user. */
  revealPassword?: { userId: number; password: string };
  /** A new calendar feed address to show its owner once (only its hash is stored). */
  revealCalendar?: string;
}

export interface LoadedSession {
  data: SessionData;
  user: CurrentUser;
  lastSeenAt: number;
}

/**
 * The sessions as the middleware sees them (session.ts, csrf.ts): what a request needs to load, start, keep and end
 * its session. SessionsRepository implements it; the middleware depends on this, not on the repository.
 */
export interface SessionStore {
  /** Starts a session for a user; returns the new session id (the cookie's value). */
  create(user: { id: number; organisationId: number }, data: SessionData): Promise<string>;
  /** The session and its (active) user, or undefined when unknown, expired, idle too long or the user is gone. */
  load(sid: string): Promise<LoadedSession | undefined>;
  /** Records activity (at most as often as the store's limits say). */
  touch(sid: string, lastSeenAt: number): Promise<void>;
  saveData(sid: string, data: SessionData): Promise<void>;
  destroy(sid: string): Promise<void>;
}

/** Ending a user's sessions, for features that change an account (deactivation, a new password). */
export interface UserSessions {
  /** Ends every session of a user; returns how many there were. */
  destroyAllForUser(userId: number, tx?: Tx): Promise<number>;
}
