import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser } from '../users/users.types.js';
import type { LoadedSession, OwnSession, SessionData, SessionStore, SignInMethod } from './sessions.types.js';

/** What the session service needs: the store of sessions and what a user's own list of sessions reads. */
export interface SessionServiceDeps {
  sessions: SessionStore & {
    countForUser(userId: number): Promise<number>;
    listForUser(userId: number, currentSid: string | undefined): Promise<OwnSession[]>;
    destroyByHandle(userId: number, handle: string): Promise<boolean>;
    destroyOthers(userId: number, keepSid: string): Promise<number>;
  };
  audit: AuditService;
}

/**
 * Sessions as the web layer uses them (the session and CSRF middleware, the form stash): start, load, keep and end
 * a session, and a user's own list of them. The rules (idle and absolute lifetime, hashing of the id) live in the
 * repository that stores them.
 */
export class SessionService implements SessionStore {
  constructor(private readonly deps: SessionServiceDeps) {}

  create(
    user: { id: number; organisationId: number },
    data: SessionData,
    how?: { device: string; signedInWith: SignInMethod },
  ): Promise<string> {
    return this.deps.sessions.create(user, data, how);
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

  /** The user's own sessions (device, when started and last seen, how signed in), this one marked. */
  listOwn(actor: CurrentUser, currentSid: string | undefined): Promise<OwnSession[]> {
    return this.deps.sessions.listForUser(actor.id, currentSid);
  }

  /** Ends one of the user's own sessions; returns whether it was the current one (the caller signs them out). */
  async endOwn(actor: CurrentUser, handle: string, currentSid: string): Promise<boolean> {
    const own = await this.deps.sessions.listForUser(actor.id, currentSid);
    const session = own.find((s) => s.handle === handle);
    if (!session) return false;
    await this.deps.sessions.destroyByHandle(actor.id, handle);
    await this.deps.audit.byUser(actor, 'user.session_ended', { type: 'user', id: actor.id });
    return session.current;
  }

  /** Ends every other session of the user (a lost laptop, a shared computer); returns how many. */
  async endOthers(actor: CurrentUser, currentSid: string): Promise<number> {
    const ended = await this.deps.sessions.destroyOthers(actor.id, currentSid);
    await this.deps.audit.byUser(
      actor,
      'user.other_sessions_ended',
      { type: 'user', id: actor.id },
      { sessions: ended },
    );
    return ended;
  }
}
