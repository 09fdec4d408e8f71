import { Router, type Response } from 'express';
import type { Services } from '../../services.js';
import { validateForm, typedValues, type FieldError, problemErrors } from '../../lib/forms.js';
import { passwordProblem } from '../../lib/password-policy.js';
import { safeReturnPath } from '../../lib/paths.js';
import { LOCALE_COOKIE } from '../../middleware/locale.js';
import { requireSignedIn } from '../../middleware/roles.js';
import { endSession, startSession } from '../../middleware/session.js';
import { signInSchema, changePasswordSchema } from './auth.schema.js';

/** Sign-in, sign-out and changing one's own password. */
export function authRoutes(services: Services): Router {
  const router = Router();
  const { auth, usersService, config } = services;

  const renderSignIn = (res: Response, status: number, values: Record<string, string>, errors: FieldError[]) =>
    res.status(status).render('auth/login', { title: res.locals.t('auth.signIn.title'), values, errors });

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, '/');
    renderSignIn(res, 200, { returnTo: safeReturnPath(req.query.returnTo) }, []);
  });

  router.post('/login', async (req, res) => {
    const values = typedValues(req.body);
    const form = validateForm(signInSchema, req.body, req.t);
    if (!form.ok) return renderSignIn(res, 422, values, form.errors);
    const result = await auth.signIn(form.data.email, form.data.password, req.ip ?? 'unknown');
    if (result.kind === 'limited') {
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      res.set('Retry-After', String(result.retryAfterSeconds));
      return renderSignIn(res, 429, values, [
        { field: 'email', message: req.t('auth.errors.tooMany', { count: minutes }) },
      ]);
    }
    if (result.kind === 'invalid') {
      return renderSignIn(res, 422, values, [{ field: 'email', message: req.t('auth.errors.invalid') }]);
    }
    await startSession(req, res, services, result.user);
    res.cookie(LOCALE_COOKIE, result.user.locale, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.env === 'production',
      path: '/',
    });
    const next = result.user.mustChangePassword ? '/password/change' : safeReturnPath(form.data.returnTo);
    res.redirect(303, next === '/login' ? '/' : next);
  });

  // GET shows a button: signing out changes state, so it happens only on POST
  router.get('/logout', (req, res) => {
    if (!req.user) return res.redirect(303, '/login');
    res.render('auth/logout', { title: req.t('auth.signOut.title') });
  });

  router.post('/logout', async (req, res) => {
    const user = req.user;
    if (user) {
      await services.audit.record({
        organisationId: user.organisationId,
        actorType: 'user',
        actorUserId: user.id,
        action: 'auth.signed_out',
        entityType: 'user',
        entityId: user.id,
      });
    }
    await endSession(req, res, services);
    req.flash('success', 'auth.signedOut');
    res.redirect(303, '/login');
  });

  const renderChange = (res: Response, status: number, errors: FieldError[]) =>
    res.status(status).render('auth/change-password', { title: res.locals.t('password.change.title'), errors });

  router.get('/password/change', requireSignedIn, (_req, res) => renderChange(res, 200, []));

  router.post('/password/change', requireSignedIn, async (req, res) => {
    const user = req.user!;
    const form = validateForm(changePasswordSchema, req.body, req.t);
    if (!form.ok) return renderChange(res, 422, form.errors);
    const weak = passwordProblem(form.data.newPassword, { email: user.email, name: user.name });
    if (weak) return renderChange(res, 422, [{ field: 'newPassword', message: req.t(weak) }]);
    const problem = await usersService.changeOwnPassword(user, form.data.currentPassword, form.data.newPassword);
    if (problem) return renderChange(res, 422, problemErrors(req.t, problem));
    await startSession(req, res, services, user);
    req.flash('success', 'password.change.done');
    res.redirect(303, '/');
  });

  return router;
}
