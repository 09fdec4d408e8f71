import { Router } from 'express';
import type { Config } from '../../config.js';
import { AppError } from '../../lib/errors.js';
import { isLocale } from '../../lib/i18n.js';
import { LOCALE_COOKIE } from '../../middleware/locale.js';

/** A local path to return to after a form; anything else (another site, //host) falls back to the front page. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  return value.slice(0, 2000);
}

/** Pages anyone may read: the front page, the privacy notice, the accessibility statement; the language switch. */
export function publicRoutes(config: Config): Router {
  const router = Router();
  router.get('/', (_req, res) => res.render('public/home'));
  router.get('/privacy', (_req, res) => res.render('public/privacy'));
  router.get('/accessibility', (_req, res) => res.render('public/accessibility'));

  router.post('/language', (req, res) => {
    const lang: unknown = req.body?.lang;
    if (!isLocale(lang)) throw new AppError(422, 'language.invalid');
    res.cookie(LOCALE_COOKIE, lang, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.env === 'production',
      path: '/',
      maxAge: 365 * 24 * 3600 * 1000,
    });
    res.redirect(303, safeReturnPath(req.body?.returnTo));
  });
  return router;
}
