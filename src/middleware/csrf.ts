import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { AppError } from '../lib/errors.js';

export const CSRF_COOKIE = 'csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Synchronizer-style CSRF protection without a server session: a random secret in an httpOnly cookie, and
 * forms carry HMAC(server secret, cookie secret). A forged form cannot know the cookie secret.
 * A request without a valid `_csrf` field answers 403.
 */
export function csrfProtection(config: Config): RequestHandler {
  const sign = (secret: string) =>
    createHmac('sha256', config.sessionSecret).update(`csrf|${secret}`).digest('base64url');
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.env === 'production',
    path: '/',
  };
  return (req, res, next) => {
    const existing: unknown = req.cookies?.[CSRF_COOKIE];
    let secret = typeof existing === 'string' && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : undefined;
    const hadSecret = secret !== undefined;
    req.csrfToken = () => {
      if (!secret) {
        secret = randomBytes(32).toString('base64url');
        res.cookie(CSRF_COOKIE, secret, cookieOptions);
      }
      return sign(secret);
    };
    res.locals.csrfToken = () => req.csrfToken();
    if (SAFE_METHODS.has(req.method)) return next();
    const sent: unknown = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (!hadSecret || typeof sent !== 'string') return next(new AppError(403, 'errors.csrf.body'));
    const expected = Buffer.from(sign(secret!));
    const given = Buffer.from(sent);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return next(new AppError(403, 'errors.csrf.body'));
    }
    next();
  };
}
