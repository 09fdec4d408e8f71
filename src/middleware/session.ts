import { randomBytes } from 'node:crypto';
import type { CookieOptions, Request, RequestHandler, Response } from 'express';
import type { Config } from '../config.js';
import type { Clock } from '../lib/clock.js';
import type { SessionData, SessionStore, SignInMethod } from '../features/auth/sessions.types.js';
import { SECOND_FACTOR_STEP_MINUTES } from '../features/auth/second-factor.service.js';
import { describeDevice } from './device.js';
import { cookieOptions as appCookieOptions, requestCookie } from './cookies.js';

/** The session cookie's name: the __Host- prefix in production binds it to this host over HTTPS, path /. */
export function sessionCookieName(config: Config): string {
  return config.env === 'production' ? '__Host-medvirk' : 'medvirk.sid';
}

// a browser-session cookie: the server enforces the idle timeout and the absolute lifetime. Not signed: the id
// is 256 random bits and only its hash is stored, so a signature would add a MAC per request and no safety.
// Cleared with the same attributes: a browser ignores a clearing of a __Host- cookie that lacks Secure.
const cookieOptions = (config: Config): CookieOptions => appCookieOptions(config);

/**
 * Loads the session named by the cookie, with its user, in one query; nothing is stored for visitors
 * who are not signed in. Sets req.session, req.sessionId and req.user.
 */
export function sessionMiddleware(config: Config, sessions: SessionStore, clock: Clock): RequestHandler {
  const name = sessionCookieName(config);
  return async (req, res, next) => {
    const sid = requestCookie(req, name);
    if (sid === undefined) return next();
    if (typeof sid !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(sid)) {
      res.clearCookie(name, cookieOptions(config));
      return next();
    }
    const loaded = await sessions.load(sid);
    if (!loaded) {
      res.clearCookie(name, cookieOptions(config));
      return next();
    }
    req.sessionId = sid;
    req.session = loaded.data;
    const pending = loaded.data.pendingSecondFactor;
    if (pending) {
      // the password was right, the code not yet given: nobody is signed in, and the step expires
      if (clock.now().toMillis() - pending.since > SECOND_FACTOR_STEP_MINUTES * 60_000) {
        await sessions.destroy(sid);
        res.clearCookie(name, cookieOptions(config));
        req.sessionId = undefined;
        req.session = undefined;
        return next();
      }
      req.pendingUser = loaded.user;
      return next();
    }
    req.user = loaded.user;
    await sessions.touch(sid, loaded.lastSeenAt);
    next();
  };
}

/**
 * Starts a fresh session with a new id for a user (sign-in, the second factor, a password change); the old one ends.
 * With `pending`, the password was right and the session waits for the second factor: it signs nobody in yet.
 */
export async function startSession(
  req: Request,
  res: Response,
  services: { sessionService: SessionStore; config: Config },
  user: { id: number; organisationId: number },
  how: { signedInWith?: SignInMethod; pending?: { returnTo: string; since: number } } = {},
): Promise<void> {
  if (req.sessionId) await services.sessionService.destroy(req.sessionId);
  const data: SessionData = { csrfBinding: randomBytes(12).toString('base64url') };
  if (how.pending) data.pendingSecondFactor = how.pending;
  const device = describeDevice(req.get('user-agent'));
  const sid = await services.sessionService.create(user, data, {
    device,
    signedInWith: how.signedInWith ?? 'password',
  });
  req.sessionId = sid;
  req.session = data;
  res.cookie(sessionCookieName(services.config), sid, cookieOptions(services.config));
}

/** Ends the current session on the server and in the browser. */
export async function endSession(
  req: Request,
  res: Response,
  services: { sessionService: SessionStore; config: Config },
): Promise<void> {
  if (req.sessionId) await services.sessionService.destroy(req.sessionId);
  req.sessionId = undefined;
  req.session = undefined;
  req.user = undefined;
  res.clearCookie(sessionCookieName(services.config), cookieOptions(services.config));
}

/** Writes the session's data back after a handler changed it (a stash, a password to reveal once). */
export async function saveSession(req: Request, sessions: SessionStore): Promise<void> {
  if (req.sessionId && req.session) await sessions.saveData(req.sessionId, req.session);
}

/** Keeps what was typed into a form whose CSRF token went stale, to fill it in again after a redirect. */
export async function stashForm(req: Request, sessions: SessionStore, values: Record<string, string>): Promise<void> {
  if (!req.session) return;
  req.session.formStash = { path: req.path, values };
  await saveSession(req, sessions);
}

/** The stashed values for this page, once; then they are gone. */
export async function takeStash(req: Request, sessions: SessionStore): Promise<Record<string, string> | undefined> {
  const stash = req.session?.formStash;
  if (!req.session || !stash || stash.path !== req.path) return undefined;
  delete req.session.formStash;
  await saveSession(req, sessions);
  return stash.values;
}
