import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { cookieName, cookieOptions, requestCookie } from './cookies.js';

type FlashKind = 'success' | 'info' | 'warning';
interface FlashMessage {
  kind: FlashKind;
  key: string;
  /** Placeholders of the message (counts, not personal data: the cookie is signed, not encrypted). */
  params?: Record<string, string | number>;
}

/** One-time messages after a redirect (post/redirect/get), carried in a short-lived signed cookie. */
export function flashMessages(config: Pick<Config, 'env'>): RequestHandler {
  const name = cookieName(config, 'flash');
  const options = cookieOptions(config);
  return (req, res, next) => {
    const raw = requestCookie(req, name, { signed: true });
    let shown: FlashMessage[] = [];
    if (typeof raw === 'string') {
      try {
        const parsed = JSON.parse(raw) as FlashMessage[];
        shown = Array.isArray(parsed) ? parsed.filter((m) => typeof m.key === 'string') : [];
      } catch {
        shown = [];
      }
      // with the cookie's own attributes: a browser ignores a clearing of a __Host- cookie without Secure
      res.clearCookie(name, options);
    }
    res.locals.flashes = shown;
    const pending: FlashMessage[] = [];
    req.flash = (kind, key, params) => {
      pending.push(params ? { kind, key, params } : { kind, key });
      res.cookie(name, JSON.stringify(pending), { ...options, signed: true, maxAge: 60_000 });
    };
    next();
  };
}
