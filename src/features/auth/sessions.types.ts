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
  /**
   * The password was right and the second factor is asked for (/login/second-factor): until then the session
   * signs nobody in. `since` is when the password was accepted (the step expires after ten minutes).
   */
  pendingSecondFactor?: { returnTo: string; since: number };
  /** A second factor being set up: its secret, until confirmed with a first code (never stored before that). */
  pendingTotp?: { secret: string; since: number };
  /** New recovery codes to show their owner once (only their hashes are stored). */
  revealRecoveryCodes?: string[];
}

/** How a session was signed in, as the owner's list of sessions shows it. */
export const SIGN_IN_METHODS = ['password', 'password_totp', 'password_recovery', 'welcome', 'sso'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** One of a user's own sessions, as /account/security lists it. */
export interface OwnSession {
  /** A public handle for ending it: the start of the hash of its id (the hash is not a credential). */
  handle: string;
  device: string;
  signedInWith: SignInMethod;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
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
  create(
    user: { id: number; organisationId: number },
    data: SessionData,
    how?: { device: string; signedInWith: SignInMethod },
  ): Promise<string>;
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
