import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { AppError } from '../../lib/errors.js';
import { validateForm, typedValues, type FieldError } from '../../lib/forms.js';
import { requireId, safeReturnPath } from '../../lib/paths.js';
import { cookieName, cookieOptions, requestCookie } from '../../middleware/cookies.js';
import { rememberLocale } from '../../middleware/locale.js';
import { requireRole } from '../../middleware/roles.js';
import { startSession } from '../../middleware/session.js';
import { afterSignIn } from '../auth/auth.routes.js';
import { SSO_FLOW_MINUTES, type SsoOutcome } from './sso.service.js';
import { approveSchema, ssoStartSchema } from './sso.schema.js';

/** The page, status and message of a callback that did not sign anyone in. */
function outcomePage(outcome: Exclude<SsoOutcome, { kind: 'signed_in' }>): { status: number; key: string } {
  switch (outcome.kind) {
    case 'pending':
      return { status: 200, key: outcome.reason === 'unverified' ? 'sso.outcome.unverified' : 'sso.outcome.pending' };
    case 'refused':
      if (outcome.reason === 'flow' || outcome.reason === 'state')
        return { status: 400, key: 'sso.outcome.startAgain' };
      return { status: 403, key: `sso.outcome.${outcome.reason}` };
    case 'failed':
      if (outcome.failure === 'client') return { status: 502, key: 'sso.outcome.misconfigured' };
      if (outcome.failure === 'unreachable') return { status: 503, key: 'sso.outcome.unreachable' };
      return { status: 400, key: 'sso.outcome.token' };
  }
}

/**
 * Single sign-on (issue 24): /login/sso starts a sign-in at the provider of the address's organisation,
 * /login/sso/callback ends it; an admin approves or declines requests for access on /admin/users.
 */
export function ssoRoutes(services: Services): Router {
  const router = Router();
  const { ssoService: sso, config } = services;
  const flowCookie = cookieName(config, 'medvirk-sso');

  const renderSignIn = (req: Request, res: Response, status: number, errors: FieldError[]) =>
    res.status(status).render('auth/login', {
      title: req.t('auth.signIn.title'),
      values: typedValues(req.body),
      errors,
    });

  const renderOutcome = (req: Request, res: Response, status: number, key: string) => {
    res.set('Cache-Control', 'no-store');
    res.status(status).render('auth/sso-outcome', { title: req.t(`${key}Title`), message: req.t(key) });
  };

  router.post('/login/sso', async (req, res) => {
    if (req.user) return res.redirect(303, '/');
    const form = validateForm(ssoStartSchema, req.body, req.t);
    if (!form.ok) return renderSignIn(req, res, 422, form.errors);
    const returnTo = safeReturnPath(form.data.returnTo);
    const started = await sso.start(form.data.ssoEmail, returnTo, req.ip ?? 'unknown');
    if (started.kind === 'unknown_domain') {
      return renderSignIn(req, res, 422, [{ field: 'ssoEmail', message: req.t('sso.errors.unknownDomain') }]);
    }
    if (started.kind === 'unreachable') return renderOutcome(req, res, 503, 'sso.outcome.unreachable');
    // the flow is bound to this browser: the callback needs the cookie as well as the provider's answer
    res.cookie(flowCookie, started.flowToken, { ...cookieOptions(config), maxAge: SSO_FLOW_MINUTES * 60_000 });
    // not a redirect: the CSP's form-action ('self') forbids a form's redirect to another origin, so a page goes
    // on by itself (a meta refresh, no script) and offers the link in case it does not
    res.set('Cache-Control', 'no-store');
    res.render('auth/sso-continue', {
      title: req.t('sso.continue.title'),
      providerUrl: started.url,
      refreshTo: started.url,
    });
  });

  router.get('/login/sso/callback', async (req, res) => {
    const token = requestCookie(req, flowCookie);
    res.clearCookie(flowCookie, cookieOptions(config));
    const currentUrl = new URL(req.originalUrl, config.baseUrl);
    const outcome = await sso.callback(typeof token === 'string' ? token : undefined, currentUrl, req.ip ?? 'unknown');
    // cancelled or refused at the provider: the flow is used up (and audited), nothing else happens
    if (outcome.kind === 'failed' && currentUrl.searchParams.has('error')) {
      return renderOutcome(req, res, 400, 'sso.outcome.cancelled');
    }
    if (outcome.kind !== 'signed_in') {
      const { status, key } = outcomePage(outcome);
      return renderOutcome(req, res, status, key);
    }
    await startSession(req, res, services, outcome.user, { signedInWith: 'sso' });
    rememberLocale(res, config, outcome.user.locale);
    res.redirect(303, afterSignIn(outcome.user, outcome.returnTo));
  });

  router.post('/admin/users/requests/:id/approve', requireRole('admin'), async (req, res) => {
    const id = requireId(req.params.id);
    const form = validateForm(approveSchema, req.body, req.t);
    if (!form.ok) throw new AppError(422, 'users.errors.roleRequired');
    const userId = await sso.approve(req.user!, id, form.data.role);
    req.flash('success', 'sso.requests.approved');
    res.redirect(303, `/admin/users/${userId}`);
  });

  router.post('/admin/users/requests/:id/decline', requireRole('admin'), async (req, res) => {
    await sso.decline(req.user!, requireId(req.params.id));
    req.flash('success', 'sso.requests.declined');
    res.redirect(303, '/admin/users#requests');
  });

  return router;
}
