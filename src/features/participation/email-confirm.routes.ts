import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { isLocale } from '../../lib/i18n.js';
import { applyLocale } from '../../middleware/locale.js';
import { linkGuard } from '../../middleware/link-guard.js';
import type { ConfirmState } from './email-change.service.js';

/**
 * /email/confirm/:token: the link sent to a new address typed on a person's own page. Opening it changes nothing
 * (mail scanners open links); the button confirms, once.
 */
export function emailConfirmRoutes(services: Services): Router {
  const router = Router({ caseSensitive: true });
  const changes = services.emailChangeService;
  const link = linkGuard('/email/confirm', 'representative.link_refused', { audit: services.auditService });
  services.runtime.tokenRoutes.register(link);

  const refuse = async (req: Request, res: Response, state: Exclude<ConfirmState, { kind: 'valid' }>) => {
    await link.refused(req, state.kind);
    const key = state.kind === 'unknown' ? 'links.unknown' : 'emailConfirm.gone';
    res.status(state.kind === 'unknown' ? 404 : 410).render('invitations/link-problem', {
      title: req.t(`${key}.title`),
      heading: req.t(`${key}.title`),
      message: req.t(`${key}.body`),
      facilitator: null,
    });
  };

  /** The link's change, in the person's language; refuses (and has answered) when the link does not work. */
  const valid = async (req: Request, res: Response) => {
    const state = await changes.check(req.params.token as string);
    if (state.kind !== 'valid') {
      await refuse(req, res, state);
      return undefined;
    }
    applyLocale(req, res, req.localeChosen ? req.locale : state.change.locale, state.change.timeZone);
    return state.change;
  };

  router.get('/email/confirm/:token', async (req, res) => {
    const change = await valid(req, res);
    if (!change) return;
    res.render('participation/confirm-email', {
      title: req.t('emailConfirm.title'),
      newEmail: change.newEmail,
      action: `/email/confirm/${req.params.token}`,
    });
  });

  router.post('/email/confirm/:token', async (req, res) => {
    const change = await valid(req, res);
    if (!change) return;
    if (!(await changes.confirm(change))) return refuse(req, res, { kind: 'gone' });
    res.redirect(303, `/email/confirmed?lang=${req.locale}`);
  });

  // after the confirmation: no token in the address, so the page may be bookmarked or reloaded
  router.get('/email/confirmed', (req, res) => {
    const lang = req.query.lang;
    if (!req.localeChosen && typeof lang === 'string' && isLocale(lang))
      applyLocale(req, res, lang, services.config.timeZone);
    res.render('invitations/link-problem', {
      title: req.t('emailConfirm.done.title'),
      heading: req.t('emailConfirm.done.title'),
      message: req.t('emailConfirm.done.body'),
      facilitator: null,
    });
  });

  return router;
}
