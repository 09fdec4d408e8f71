import session from 'express-session';
import type { Config } from '../config.js';
import type { SessionsRepository } from '../features/auth/sessions.repository.js';

/** The session cookie's name: the __Host- prefix in production binds it to this host over HTTPS, path /. */
export function sessionCookieName(config: Config): string {
  return config.env === 'production' ? '__Host-medvirk' : 'medvirk.sid';
}

/**
 * Sessions in the database (shared by every instance). Nothing is stored for visitors who are not signed in
 * (saveUninitialized: false); an unchanged session is not rewritten (resave: false; touch is throttled in the
 * store). The cookie lives for the browser session; the server enforces the idle and absolute limits.
 */
export function sessionMiddleware(config: Config, store: SessionsRepository) {
  return session({
    name: sessionCookieName(config),
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    unset: 'destroy',
    proxy: config.trustProxy !== false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.env === 'production',
      path: '/',
    },
  });
}
