import type { CookieOptions, Request } from 'express';
import type { Config } from '../config.js';

/**
 * A cookie's name for this environment: in production with the `__Host-` prefix, which makes browsers accept it
 * only over HTTPS, with Path=/ and no Domain, so that no other host or path can set or shadow it. Development
 * and tests run over plain http, where a browser would refuse such a cookie: there the plain name.
 */
export function cookieName(config: Pick<Config, 'env'>, name: string): string {
  return config.env === 'production' ? `__Host-${name}` : name;
}

/** A cookie the request carries, as sent: unknown until checked (cookie-parser types its jars as `any`). */
export function requestCookie(req: Request, name: string, options: { signed?: boolean } = {}): unknown {
  const jar = (options.signed ? req.signedCookies : req.cookies) as Record<string, unknown> | undefined;
  return jar?.[name];
}

/** The attributes every cookie of the app gets: httpOnly, SameSite=Lax, Path=/, no Domain, Secure in production. */
export function cookieOptions(config: Pick<Config, 'env'>): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: config.env === 'production', path: '/' };
}
