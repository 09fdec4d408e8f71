import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { AppError } from '../lib/errors.js';
import { typedValues } from '../lib/forms.js';
import { hashToken } from '../lib/tokens.js';
import type { SessionStore } from '../features/auth/sessions.types.js';
import type { TokenRoutes } from './token-routes.js';
import { cookieName, cookieOptions as appCookieOptions, requestCookie } from './cookies.js';
import { stashForm } from './session.js';

export const CSRF_COOKIE = 'csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * CSRF protection for every state-changing request. A random secret lives in an httpOnly cookie; a form's token
 * is "<binding>.<HMAC(server secret, cookie secret | binding)>", where the binding is a public random id of the
 * signed-in session ("" before sign-in), or on a page opened by a personal link (any registered token route) part of the link's
 * hash, so that a form answers only the invitation it was shown for. A forged form knows neither secret: 403. A token made by this browser
 * for an earlier session (signed out and in again, another tab) is stale, not forged: the typed values are kept
 * and the same form comes back with a fresh token.
 */
export function csrfProtection(
  config: Config,
  sessions: SessionStore,
  /** Pages opened by a personal link: their forms' tokens are bound to the link, and a refusal is the route's to audit. */
  links?: TokenRoutes,
): RequestHandler {
  // the same browser and session always get the same token: remember recent ones instead of re-computing the MAC
  const recent = new Map<string, string>();
  const mac = (secret: string, binding: string) => {
    const key = `${secret}|${binding}`;
    let value = recent.get(key);
    if (!value) {
      value = createHmac('sha256', config.sessionSecret).update(`csrf|${key}`).digest('base64url');
      if (recent.size >= 10_000) recent.clear();
      recent.set(key, value);
    }
    return value;
  };
  // __Host-csrf in production: no other host or path can plant a secret of its own choosing
  const csrfCookie = cookieName(config, CSRF_COOKIE);
  const cookieOptions = appCookieOptions(config);

  return async (req, res, next) => {
    const existing = requestCookie(req, csrfCookie);
    let secret = typeof existing === 'string' && SECRET_PATTERN.test(existing) ? existing : undefined;
    const hadSecret = secret !== undefined;
    const link = links?.match(req.path);
    const binding = link ? `l${hashToken(link.token).slice(0, 16)}` : req.user ? (req.session?.csrfBinding ?? '') : '';
    let token: string | undefined;
    req.csrfToken = () => {
      if (!secret) {
        secret = randomBytes(32).toString('base64url');
        res.cookie(csrfCookie, secret, cookieOptions);
      }
      token ??= `${binding}.${mac(secret, binding)}`;
      return token;
    };
    res.locals.csrfToken = () => req.csrfToken();
    if (SAFE_METHODS.has(req.method)) return next();

    // a file upload's body is read by its own route, after this check: its form carries the token in the URL
    // (query strings are never logged, and the Referrer-Policy keeps URLs from leaving the site)
    const sent: unknown = req.is('multipart/form-data')
      ? req.query._csrf
      : (req.body as Record<string, unknown> | undefined)?._csrf;
    const refuse = async () => {
      if (link?.route.refused) await link.route.refused(req, 'csrf');
      return next(new AppError(403, 'errors.csrf.body'));
    };
    if (!hadSecret || typeof sent !== 'string' || sent.length > 200) return refuse();
    const dot = sent.indexOf('.');
    const sentBinding = sent.slice(0, Math.max(0, dot));
    const given = Buffer.from(sent.slice(dot + 1));
    const expected = Buffer.from(mac(secret!, sentBinding));
    if (dot < 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse();
    // the language switch is on every page, link pages included; a valid token of this browser is enough
    if (sentBinding === binding || req.path === '/language') return next();

    // made by this browser for another session or link: nothing is changed
    if (link) {
      req.flash('warning', 'errors.csrf.stale');
      return res.redirect(303, req.originalUrl);
    }
    if (req.user) {
      await stashForm(req, sessions, typedValues(req.body));
      req.flash('warning', 'errors.csrf.stale');
      return res.redirect(303, req.originalUrl);
    }
    req.flash('info', 'auth.sessionEnded');
    return res.redirect(303, '/login');
  };
}
