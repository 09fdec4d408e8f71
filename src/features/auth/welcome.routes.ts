import { Router, type Response } from 'express';
import type { Services } from '../../services.js';
import { validateForm, type FieldError } from '../../lib/forms.js';
import type { Translate } from '../../lib/i18n.js';
import { passwordProblem } from '../../lib/password-policy.js';
import { rememberLocale } from '../../middleware/locale.js';
import { startSession } from '../../middleware/session.js';
import { resetPasswordSchema } from './auth.schema.js';
import type { User } from '../users/users.types.js';

const tOf = (res: Response): Translate => res.locals.t as Translate;

/** Visits to welcome links per IP address per 15 minutes (as for password-reset links). */
const WELCOME_VISITS_PER_IP = 30;

/**
 * /welcome/:token: a new user, invited by e-mail, chooses their password and is signed in (and taken on to set up
 * a second factor when their organisation requires one). A link works once, for 72 hours.
 */
export function welcomeRoutes(services: Services): Router {
  const router = Router({ caseSensitive: true });
  const { welcomeService: welcome, config } = services;

  const renderGone = (res: Response, gone: boolean) =>
    res.status(gone ? 410 : 404).render('auth/welcome-unavailable', {
      title: tOf(res)(gone ? 'welcome.goneTitle' : 'welcome.unknownTitle'),
      message: tOf(res)(gone ? 'welcome.gone' : 'welcome.unknown'),
    });

  services.runtime.tokenRoutes.register({
    prefix: '/welcome',
    limit: { key: 'welcome-link', visits: WELCOME_VISITS_PER_IP, windowMinutes: 15 },
    renderLimited: (_req, res, retryAfterSeconds) => {
      res.set('Retry-After', String(retryAfterSeconds));
      res.status(429).render('auth/reset-unavailable', {
        title: tOf(res)('password.reset.limitedTitle'),
        message: tOf(res)('password.reset.limited', { count: Math.ceil(retryAfterSeconds / 60) }),
      });
    },
  });

  const render = async (res: Response, status: number, token: string, user: User, errors: FieldError[]) => {
    // where the organisation signs in through its own provider, the new user may go that way instead
    const sso = (await services.ssoSettingsService.provider(user.organisationId)) !== undefined;
    res.status(status).render('auth/welcome', { title: tOf(res)('welcome.title'), token, invited: user, errors, sso });
  };

  router.get('/welcome/:token', async (req, res) => {
    const state = await welcome.check(req.params.token, req.ip ?? 'unknown');
    if (state.kind !== 'valid') return renderGone(res, state.kind === 'gone');
    await render(res, 200, req.params.token, state.user, []);
  });

  router.post('/welcome/:token', async (req, res) => {
    const token = req.params.token;
    const state = await welcome.check(token, req.ip ?? 'unknown');
    if (state.kind !== 'valid') return renderGone(res, state.kind === 'gone');
    const form = validateForm(resetPasswordSchema, req.body, req.t);
    if (!form.ok) return render(res, 422, token, state.user, form.errors);
    const weak = passwordProblem(form.data.newPassword, { email: state.user.email, name: state.user.name });
    if (weak) return render(res, 422, token, state.user, [{ field: 'newPassword', message: req.t(weak) }]);
    if (!(await welcome.accept(state.linkId, state.user, form.data.newPassword))) return renderGone(res, true);
    // signed in at once: whoever holds the link proved the address; a required second factor comes next
    await services.authService.recordSignIn(state.user, 'welcome');
    await startSession(req, res, services, state.user, { signedInWith: 'welcome' });
    rememberLocale(res, config, state.user.locale);
    req.flash('success', 'welcome.done');
    res.redirect(303, '/');
  });

  return router;
}
