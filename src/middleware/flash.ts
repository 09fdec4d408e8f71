import type { RequestHandler } from 'express';

const FLASH_COOKIE = 'flash';
type FlashKind = 'success' | 'info' | 'warning';
interface FlashMessage {
  kind: FlashKind;
  key: string;
  /** Placeholders of the message (counts, not personal data: the cookie is signed, not encrypted). */
  params?: Record<string, string | number>;
}

/** One-time messages after a redirect (post/redirect/get), carried in a short-lived signed cookie. */
export function flashMessages(secure: boolean): RequestHandler {
  return (req, res, next) => {
    const raw: unknown = req.signedCookies?.[FLASH_COOKIE];
    let shown: FlashMessage[] = [];
    if (typeof raw === 'string') {
      try {
        const parsed = JSON.parse(raw) as FlashMessage[];
        shown = Array.isArray(parsed) ? parsed.filter((m) => typeof m.key === 'string') : [];
      } catch {
        shown = [];
      }
      res.clearCookie(FLASH_COOKIE, { path: '/' });
    }
    res.locals.flashes = shown;
    const pending: FlashMessage[] = [];
    req.flash = (kind, key, params) => {
      pending.push(params ? { kind, key, params } : { kind, key });
      res.cookie(FLASH_COOKIE, JSON.stringify(pending), {
        signed: true,
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        maxAge: 60_000,
      });
    };
    next();
  };
}
