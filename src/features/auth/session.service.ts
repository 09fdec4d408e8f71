import type { LoadedSession, SessionData, SessionStore } from './sessions.types.js';

/** What the session service needs: the store of sessions and a count of a user's sessions (their own page shows it). */
export interface SessionServiceDeps {
  sessions: SessionStore & { countForUser(userId: number): Promise<number> };
}

/**
 * Sessions as the web layer uses them (the session and CSRF middleware, the form stash): start, load, keep and end
 * a session. The rules (idle and absolute lifetime, hashing of the id) live in the repository that stores them.
 */
export class SessionService implements SessionStore {
  constructor(private readonly deps: SessionServiceDeps) {}

  create(user: { id: number; organisationId: number }, data: SessionData): Promise<string> {
    return this.deps.sessions.create(user, data);
  }

  load(sid: string): Promise<LoadedSession | undefined> {
    return this.deps.sessions.load(sid);
  }

  touch(sid: string, lastSeenAt: number): Promise<void> {
    return this.deps.sessions.touch(sid, lastSeenAt);
  }

  saveData(sid: string, data: SessionData): Promise<void> {
    return this.deps.sessions.saveData(sid, data);
  }

  destroy(sid: string): Promise<void> {
    return this.deps.sessions.destroy(sid);
  }

  /** How many sessions a user has open. */
  countForUser(userId: number): Promise<number> {
    return this.deps.sessions.countForUser(userId);
  }
}
