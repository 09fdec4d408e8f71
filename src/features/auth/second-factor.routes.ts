import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { validateForm, type FieldError } from '../../lib/forms.js';
import { requireRole } from '../../middleware/roles.js';
import { endSession, saveSession, startSession } from '../../middleware/session.js';
import { afterSignIn } from './auth.routes.js';
import { secondFactorCodeSchema } from './auth.schema.js';
import type { CodeResult } from './second-factor.service.js';
import { groupedSecret } from './totp.js';

/** A pending set-up is dropped after this long (the secret was shown; start again for a new one). */
const SETUP_MINUTES = 30;

/** The message of a refused or throttled code, and its status: 422 wrong or reused, 429 too many. */
function codeError(
  req: Request,
  res: Response,
  result: Exclude<CodeResult<object>, { kind: 'ok' }>,
): [number, FieldError[]] {
  if (result.kind === 'limited') {
    res.set('Retry-After', String(result.retryAfterSeconds));
    const count = Math.ceil(result.retryAfterSeconds / 60);
    return [429, [{ field: 'code', message: req.t('auth.errors.tooMany', { count }) }]];
  }
  return [
    422,
    [{ field: 'code', message: req.t(`security.errors.${result.reason === 'reused' ? 'codeReused' : 'codeWrong'}`) }],
  ];
}

/**
 * The second factor: the code step of sign-in (/login/second-factor) and the user's own security page
 * (/account/security): setting up an authenticator app (a QR code made on the server, the secret as text, confirmed
 * with a first code), recovery codes shown once, turning it off, and the user's own sessions.
 */
export function secondFactorRoutes(services: Services): Router {
  const router = Router();
  const { secondFactorService: factors, sessionService, clock } = services;

  // -- the code step of sign-in ----------------------------------------------------------------------------------

  const renderStep = (req: Request, res: Response, status: number, errors: FieldError[]) =>
    res.status(status).render('auth/second-factor', { title: req.t('security.step.title'), errors });

  router.get('/login/second-factor', (req, res) => {
    if (req.user) return res.redirect(303, '/');
    if (!req.pendingUser) return res.redirect(303, '/login');
    renderStep(req, res, 200, []);
  });

  router.post('/login/second-factor', async (req, res) => {
    if (req.user) return res.redirect(303, '/');
    const user = req.pendingUser;
    if (!user) {
      req.flash('info', 'security.step.expired');
      return res.redirect(303, '/login');
    }
    const form = validateForm(secondFactorCodeSchema, req.body, req.t);
    if (!form.ok) return renderStep(req, res, 422, form.errors);
    const result = await factors.signIn(user, form.data.code, req.ip ?? 'unknown');
    if (result.kind !== 'ok') {
      const [status, errors] = codeError(req, res, result);
      return renderStep(req, res, status, errors);
    }
    const returnTo = req.session?.pendingSecondFactor?.returnTo ?? '/';
    await startSession(req, res, services, user, { signedInWith: result.method });
    if (result.left !== undefined) req.flash('warning', 'security.step.recoveryUsed', { count: result.left });
    res.redirect(303, afterSignIn(user, returnTo));
  });

  // -- the user's own security page ------------------------------------------------------------------------------

  router.use('/account/security', requireRole('admin', 'facilitator', 'supervisor'));

  /** The security page; `form` names which code form a refused code came from (its field keeps the error). */
  const render = async (
    req: Request,
    res: Response,
    status = 200,
    errors: FieldError[] = [],
    form: 'renew' | 'off' = 'off',
  ) => {
    const actor = req.user!;
    const [status2f, sessions] = await Promise.all([
      factors.status(actor),
      sessionService.listOwn(actor, req.sessionId),
    ]);
    res.status(status).render('account/security', {
      title: req.t('security.title'),
      factor: status2f,
      sessions,
      errors: errors.map((e) => ({ ...e, field: e.field === 'code' ? `${form}-code` : e.field })),
      missing: actor.secondFactorRequired && !actor.hasSecondFactor,
    });
  };

  router.get('/account/security', (req, res) => render(req, res));

  /** The secret being set up, if it is fresh enough. */
  const pendingSecret = (req: Request): string | undefined => {
    const pending = req.session?.pendingTotp;
    if (!pending || clock.now().toMillis() - pending.since > SETUP_MINUTES * 60_000) return undefined;
    return pending.secret;
  };

  router.post('/account/security/totp/start', async (req, res) => {
    req.session!.pendingTotp = { secret: factors.newSecret(), since: clock.now().toMillis() };
    await saveSession(req, sessionService);
    res.redirect(303, '/account/security/totp');
  });

  const renderSetUp = (req: Request, res: Response, secret: string, status: number, errors: FieldError[]) =>
    res.status(status).render('account/security-totp', {
      title: req.t('security.setUp.title'),
      secret: groupedSecret(secret),
      errors,
    });

  router.get('/account/security/totp', (req, res) => {
    const secret = pendingSecret(req);
    if (!secret) return res.redirect(303, '/account/security');
    renderSetUp(req, res, secret, 200, []);
  });

  // the QR code: only for this session's own pending secret, never cached
  router.get('/account/security/totp/qr.svg', async (req, res) => {
    const secret = pendingSecret(req);
    if (!secret) return res.status(404).type('text/plain').send('');
    res.set('Cache-Control', 'no-store');
    res.type('image/svg+xml').send(await factors.qrCode(req.user!, secret));
  });

  router.post('/account/security/totp', async (req, res) => {
    const secret = pendingSecret(req);
    if (!secret) {
      req.flash('info', 'security.setUp.expired');
      return res.redirect(303, '/account/security');
    }
    const form = validateForm(secondFactorCodeSchema, req.body, req.t);
    if (!form.ok) return renderSetUp(req, res, secret, 422, form.errors);
    const result = await factors.confirm(req.user!, secret, form.data.code, req.ip ?? 'unknown');
    if (result.kind !== 'ok') {
      const [status, errors] = codeError(req, res, result);
      return renderSetUp(req, res, secret, status, errors);
    }
    delete req.session!.pendingTotp;
    req.session!.revealRecoveryCodes = result.codes;
    await saveSession(req, sessionService);
    // sessions signed in with the password alone end: from now on the second factor is asked everywhere
    await sessionService.endOthers(req.user!, req.sessionId!);
    req.flash('success', 'security.setUp.done');
    res.redirect(303, '/account/security/recovery-codes');
  });

  // new recovery codes are shown once, right after they were made
  router.get('/account/security/recovery-codes', async (req, res) => {
    const codes = req.session?.revealRecoveryCodes;
    if (!codes) return res.redirect(303, '/account/security');
    delete req.session!.revealRecoveryCodes;
    await saveSession(req, sessionService);
    res.set('Cache-Control', 'no-store');
    res.render('account/recovery-codes', { title: req.t('security.recovery.title'), codes });
  });

  router.post('/account/security/recovery-codes', async (req, res) => {
    const form = validateForm(secondFactorCodeSchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, form.errors, 'renew');
    const result = await factors.newRecoveryCodes(req.user!, form.data.code, req.ip ?? 'unknown');
    if (result.kind !== 'ok') {
      const [status, errors] = codeError(req, res, result);
      return render(req, res, status, errors, 'renew');
    }
    req.session!.revealRecoveryCodes = result.codes;
    await saveSession(req, sessionService);
    res.redirect(303, '/account/security/recovery-codes');
  });

  router.post('/account/security/totp/off', async (req, res) => {
    const form = validateForm(secondFactorCodeSchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, form.errors, 'off');
    const result = await factors.turnOff(req.user!, form.data.code, req.ip ?? 'unknown');
    if (result.kind !== 'ok') {
      const [status, errors] = codeError(req, res, result);
      return render(req, res, status, errors, 'off');
    }
    req.flash('success', 'security.off.done');
    res.redirect(303, '/account/security');
  });

  // -- own sessions ----------------------------------------------------------------------------------------------

  router.post('/account/security/sessions/others', async (req, res) => {
    const ended = await sessionService.endOthers(req.user!, req.sessionId!);
    req.flash('success', 'security.sessions.othersEnded', { count: ended });
    res.redirect(303, '/account/security#sessions');
  });

  router.post('/account/security/sessions/:handle', async (req, res) => {
    const current = await sessionService.endOwn(req.user!, req.params.handle, req.sessionId!);
    if (current) {
      await endSession(req, res, services);
      req.flash('info', 'auth.sessionEnded');
      return res.redirect(303, '/login');
    }
    req.flash('success', 'security.sessions.ended');
    res.redirect(303, '/account/security#sessions');
  });

  return router;
}
