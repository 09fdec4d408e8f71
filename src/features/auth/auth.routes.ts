import { Router, type Response } from 'express';
import type { Services } from '../../services.js';
import { validateForm, typedValues, type FieldError, problemErrors } from '../../lib/forms.js';
import { passwordProblem } from '../../lib/password-policy.js';
import { safeReturnPath } from '../../lib/paths.js';
import { rememberLocale } from '../../middleware/locale.js';
import { requireSignedIn } from '../../middleware/roles.js';
import { endSession, startSession } from '../../middleware/session.js';
import type { LinkState } from './password-reset.service.js';
import type { Translate } from '../../lib/i18n.js';
import { signInSchema, changePasswordSchema, forgotPasswordSchema, resetPasswordSchema } from './auth.schema.js';

const retryMinutes = (limited: { retryAfterSeconds: number }) => Math.ceil(limited.retryAfterSeconds / 60);

/** Where a user goes once signed in: a temporary password is changed first; the sign-in page leads home. */
export const afterSignIn = (user: { mustChangePassword: boolean }, returnTo: string): string =>
  user.mustChangePassword ? '/password/change' : returnTo === '/login' ? '/' : returnTo;

/** The translator the locale middleware put on the response, for renderers given no request. */
const tOf = (res: Response): Translate => res.locals.t as Translate;

/** Sign-in, sign-out and changing one's own password. */
export function authRoutes(services: Services): Router {
  // /Password/Reset/… is not /password/reset/…: the token registry answers another spelling with 404
  const router = Router({ caseSensitive: true });
  const { authService: auth, config } = services;

  const renderSignIn = (res: Response, status: number, values: Record<string, string>, errors: FieldError[]) =>
    res.status(status).render('auth/login', { title: tOf(res)('auth.signIn.title'), values, errors });

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, '/');
    // ?email= fills in the single sign-on form (the welcome page links here so)
    const email = typeof req.query.email === 'string' ? req.query.email.slice(0, 254) : '';
    renderSignIn(res, 200, { returnTo: safeReturnPath(req.query.returnTo), ssoEmail: email }, []);
  });

  router.post('/login', async (req, res) => {
    const values = typedValues(req.body);
    const form = validateForm(signInSchema, req.body, req.t);
    if (!form.ok) return renderSignIn(res, 422, values, form.errors);
    const result = await auth.signIn(form.data.email, form.data.password, req.ip ?? 'unknown');
    if (result.kind === 'limited') {
      res.set('Retry-After', String(result.retryAfterSeconds));
      return renderSignIn(res, 429, values, [
        { field: 'email', message: req.t('auth.errors.tooMany', { count: retryMinutes(result) }) },
      ]);
    }
    if (result.kind === 'invalid') {
      return renderSignIn(res, 422, values, [{ field: 'email', message: req.t('auth.errors.invalid') }]);
    }
    if (result.kind === 'sso_only') {
      return renderSignIn(res, 422, values, [{ field: 'ssoEmail', message: req.t('sso.errors.passwordsOff') }]);
    }
    const returnTo = safeReturnPath(form.data.returnTo);
    rememberLocale(res, config, result.user.locale);
    if (result.secondFactor) {
      // the password was right; the session signs the user in only once the code is (/login/second-factor)
      await startSession(req, res, services, result.user, {
        pending: { returnTo, since: services.clock.now().toMillis() },
      });
      return res.redirect(303, '/login/second-factor');
    }
    await startSession(req, res, services, result.user);
    res.redirect(303, afterSignIn(result.user, returnTo));
  });

  // GET shows a button: signing out changes state, so it happens only on POST
  router.get('/logout', (req, res) => {
    if (!req.user) return res.redirect(303, '/login');
    res.render('auth/logout', { title: req.t('auth.signOut.title') });
  });

  router.post('/logout', async (req, res) => {
    const user = req.user;
    if (user) await auth.signedOut(user);
    await endSession(req, res, services);
    req.flash('success', 'auth.signedOut');
    res.redirect(303, '/login');
  });

  const renderChange = (res: Response, status: number, errors: FieldError[]) =>
    res.status(status).render('auth/change-password', { title: tOf(res)('password.change.title'), errors });

  router.get('/password/change', requireSignedIn, (_req, res) => renderChange(res, 200, []));

  router.post('/password/change', requireSignedIn, async (req, res) => {
    const user = req.user!;
    const form = validateForm(changePasswordSchema, req.body, req.t);
    if (!form.ok) return renderChange(res, 422, form.errors);
    const weak = passwordProblem(form.data.newPassword, { email: user.email, name: user.name });
    if (weak) return renderChange(res, 422, [{ field: 'newPassword', message: req.t(weak) }]);
    const { currentPassword, newPassword } = form.data;
    const result = await auth.changeOwnPassword(user, currentPassword, newPassword, req.ip ?? 'unknown');
    if (result.kind === 'limited') {
      res.set('Retry-After', String(result.retryAfterSeconds));
      return renderChange(res, 429, [
        { field: 'currentPassword', message: req.t('auth.errors.tooMany', { count: retryMinutes(result) }) },
      ]);
    }
    if (result.kind === 'problem') return renderChange(res, 422, problemErrors(req.t, result));
    // the new session was signed in as the old one was (a second factor given stays given)
    await startSession(req, res, services, user, { signedInWith: user.signedInWith });
    req.flash('success', 'password.change.done');
    res.redirect(303, '/');
  });

  const renderForgot = (res: Response, status: number, values: Record<string, string>, errors: FieldError[]) =>
    res.status(status).render('auth/forgot', { title: tOf(res)('password.forgot.title'), values, errors });

  router.get('/password/forgot', (_req, res) => renderForgot(res, 200, {}, []));

  router.post('/password/forgot', async (req, res) => {
    const values = typedValues(req.body);
    const form = validateForm(forgotPasswordSchema, req.body, req.t);
    if (!form.ok) return renderForgot(res, 422, values, form.errors);
    const result = await services.passwordResetService.request(form.data.email, req.ip ?? 'unknown');
    if (result.kind === 'limited') {
      res.set('Retry-After', String(result.retryAfterSeconds));
      return renderForgot(res, 429, values, [
        {
          field: 'email',
          message: req.t('password.forgot.tooMany', { count: Math.ceil(result.retryAfterSeconds / 60) }),
        },
      ]);
    }
    // the same page whether or not the address has an account
    res.render('auth/forgot-sent', { title: req.t('password.forgot.sentTitle'), email: form.data.email });
  });

  const renderLinkProblem = (res: Response, state: LinkState) => {
    if (state.kind === 'limited') {
      res.set('Retry-After', String(state.retryAfterSeconds));
      return res.status(429).render('auth/reset-unavailable', {
        title: tOf(res)('password.reset.limitedTitle'),
        message: tOf(res)('password.reset.limited', { count: Math.ceil(state.retryAfterSeconds / 60) }),
      });
    }
    const gone = state.kind === 'gone';
    res.status(gone ? 410 : 404).render('auth/reset-unavailable', {
      title: tOf(res)(gone ? 'password.reset.goneTitle' : 'password.reset.unknownTitle'),
      message: tOf(res)(gone ? 'password.reset.gone' : 'password.reset.unknown'),
    });
  };

  services.runtime.tokenRoutes.register({
    prefix: '/password/reset',
    limit: { key: 'reset-link', visits: services.passwordResetService.linkVisitsPerIp, windowMinutes: 15 },
    renderLimited: (_req, res, retryAfterSeconds) => renderLinkProblem(res, { kind: 'limited', retryAfterSeconds }),
  });

  const renderReset = (res: Response, status: number, token: string, errors: FieldError[]) =>
    res.status(status).render('auth/reset', { title: tOf(res)('password.reset.title'), token, errors });

  router.get('/password/reset/:token', async (req, res) => {
    const state = await services.passwordResetService.check(req.params.token);
    if (state.kind !== 'valid') return renderLinkProblem(res, state);
    renderReset(res, 200, req.params.token, []);
  });

  router.post('/password/reset/:token', async (req, res) => {
    const token = req.params.token;
    const state = await services.passwordResetService.check(token);
    if (state.kind !== 'valid') return renderLinkProblem(res, state);
    const form = validateForm(resetPasswordSchema, req.body, req.t);
    if (!form.ok) return renderReset(res, 422, token, form.errors);
    const weak = passwordProblem(form.data.newPassword, { email: state.user.email, name: state.user.name });
    if (weak) return renderReset(res, 422, token, [{ field: 'newPassword', message: req.t(weak) }]);
    if (!(await services.passwordResetService.reset(state.resetId, state.user, form.data.newPassword))) {
      return renderLinkProblem(res, { kind: 'gone' });
    }
    // a session of whoever clicked is ended too: they sign in with the new password
    if (req.user) await endSession(req, res, services);
    req.flash('success', 'password.reset.done');
    res.redirect(303, '/login');
  });

  return router;
}
