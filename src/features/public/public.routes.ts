import { Router } from 'express';
import type { Services } from '../../services.js';
import { AppError } from '../../lib/errors.js';
import { isLocale } from '../../lib/i18n.js';
import { rememberLocale } from '../../middleware/locale.js';
import { safeReturnPath } from '../../lib/paths.js';

/** Pages anyone may read: the privacy notice and the accessibility statement; and the language switch. */
export function publicRoutes(services: Services): Router {
  const { config } = services;
  const router = Router();
  router.get('/privacy', (_req, res) => res.render('public/privacy'));
  router.get('/accessibility', (_req, res) => res.render('public/accessibility'));

  router.post('/language', async (req, res) => {
    const body = req.body as { lang?: unknown; returnTo?: unknown } | undefined;
    const lang = body?.lang;
    if (!isLocale(lang)) throw new AppError(422, 'language.invalid');
    rememberLocale(res, config, lang, 365 * 24 * 3600 * 1000);
    if (req.user) await services.usersService.setLocale(req.user, lang);
    res.redirect(303, safeReturnPath(body?.returnTo));
  });
  return router;
}
