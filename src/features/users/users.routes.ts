import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { AppError } from '../../lib/errors.js';
import { typedValues, validateForm, type FieldError, problemErrors } from '../../lib/forms.js';
import { saveSession, takeStash } from '../../middleware/session.js';
import { requireId } from '../../lib/paths.js';
import { collator } from '../../lib/i18n.js';
import { requireRole } from '../../middleware/roles.js';
import { ROLES, userStatusKey } from './users.types.js';
import { firstAccessSchema, userSchema } from './users.schema.js';

/** /admin/users: admins create, edit, deactivate and sign out the users of their own organisation. */
export function usersRoutes(services: Services): Router {
  const router = Router();
  const { usersService, sessionService: sessions, secondFactorService, welcomeService } = services;
  router.use('/admin/users', requireRole('admin'));

  router.get('/admin/users', async (req, res) => {
    const [users, withSecondFactor, withSso, requests] = await Promise.all([
      usersService.list(req.user!),
      secondFactorService.usersWithSecondFactor(req.user!),
      services.ssoService.usersWithIdentity(req.user!),
      services.ssoService.pending(req.user!),
    ]);
    const byName = collator(req.locale);
    users.sort((a, b) => byName.compare(a.name, b.name));
    res.render('users/list', {
      title: req.t('users.list.title'),
      users,
      withSecondFactor,
      withSso,
      requests,
      roles: ROLES,
      userStatusKey,
    });
  });

  const renderForm = (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string>,
    errors: FieldError[],
    userId?: number,
  ) =>
    res.status(status).render('users/form', {
      title: req.t(userId ? 'users.edit.title' : 'users.new.title'),
      values,
      errors,
      userId,
      roles: ROLES,
    });

  router.get('/admin/users/new', async (req, res) => {
    renderForm(
      req,
      res,
      200,
      (await takeStash(req, sessions)) ?? {
        role: 'facilitator',
        locale: req.user!.organisationLocale ?? req.user!.locale,
        access: 'invite',
      },
      [],
    );
  });

  router.post('/admin/users/new', async (req, res) => {
    const values = typedValues(req.body);
    const form = validateForm(userSchema, req.body, req.t);
    const access = validateForm(firstAccessSchema, req.body, req.t);
    if (!form.ok || !access.ok) {
      const errors = [...(form.ok ? [] : form.errors), ...(access.ok ? [] : access.errors)];
      return renderForm(req, res, 422, values, errors);
    }
    const result = await usersService.create(req.user!, form.data, access.data.access);
    if ('field' in result) return renderForm(req, res, 422, values, problemErrors(req.t, result));
    if (result.temporaryPassword) {
      req.session!.revealPassword = { userId: result.id, password: result.temporaryPassword };
      await saveSession(req, sessions);
    }
    req.flash('success', result.temporaryPassword ? 'users.new.done' : 'users.new.invited', { email: form.data.email });
    res.redirect(303, `/admin/users/${result.id}`);
  });

  router.get('/admin/users/:id', async (req, res) => {
    const user = await usersService.get(req.user!, requireId(req.params.id));
    const reveal = req.session?.revealPassword;
    let temporaryPassword: string | undefined;
    if (reveal && reveal.userId === user.id) {
      temporaryPassword = reveal.password;
      delete req.session!.revealPassword;
      await saveSession(req, sessions);
    }
    const [hasSecondFactor, invitation, hasSso] = await Promise.all([
      secondFactorService.usersWithSecondFactor(req.user!).then((ids) => ids.has(user.id)),
      welcomeService.pending(req.user!, user.id),
      services.ssoService.usersWithIdentity(req.user!).then((ids) => ids.has(user.id)),
    ]);
    res.render('users/show', {
      title: user.name,
      shown: user,
      temporaryPassword,
      isSelf: user.id === req.user!.id,
      userStatusKey,
      hasSecondFactor,
      hasSso,
      invitation,
      invitationExpired: invitation ? Date.parse(invitation.expiresAt) <= services.clock.now().toMillis() : false,
    });
  });

  router.post('/admin/users/:id/invite', async (req, res) => {
    const id = requireId(req.params.id);
    await welcomeService.resend(req.user!, id);
    req.flash('success', 'users.invite.done');
    res.redirect(303, `/admin/users/${id}`);
  });

  router.post('/admin/users/:id/reset-second-factor', async (req, res) => {
    const id = requireId(req.params.id);
    await secondFactorService.resetByAdmin(req.user!, id);
    req.flash('success', 'users.resetSecondFactor.done');
    res.redirect(303, `/admin/users/${id}`);
  });

  router.get('/admin/users/:id/edit', async (req, res) => {
    const user = await usersService.get(req.user!, requireId(req.params.id));
    const values = (await takeStash(req, sessions)) ?? {
      name: user.name,
      email: user.email,
      role: user.role,
      locale: user.locale,
      phone: user.phone,
    };
    renderForm(req, res, 200, values, [], user.id);
  });

  router.post('/admin/users/:id/edit', async (req, res) => {
    const id = requireId(req.params.id);
    await usersService.get(req.user!, id);
    const values = typedValues(req.body);
    const form = validateForm(userSchema, req.body, req.t);
    if (!form.ok) return renderForm(req, res, 422, values, form.errors, id);
    const problem = await usersService.update(req.user!, id, form.data);
    if (problem) return renderForm(req, res, 422, values, problemErrors(req.t, problem), id);
    req.flash('success', 'users.edit.done');
    res.redirect(303, `/admin/users/${id}`);
  });

  router.post('/admin/users/:id/deactivate', async (req, res) => {
    const id = requireId(req.params.id);
    await usersService.deactivate(req.user!, id);
    req.flash('success', 'users.deactivate.done');
    res.redirect(303, `/admin/users/${id}`);
  });

  router.post('/admin/users/:id/reactivate', async (req, res) => {
    const id = requireId(req.params.id);
    await usersService.reactivate(req.user!, id);
    req.flash('success', 'users.reactivate.done');
    res.redirect(303, `/admin/users/${id}`);
  });

  router.post('/admin/users/:id/sign-out-everywhere', async (req, res) => {
    const id = requireId(req.params.id);
    await usersService.signOutEverywhere(req.user!, id);
    if (id === req.user!.id) {
      req.flash('info', 'auth.sessionEnded');
      return res.redirect(303, '/login');
    }
    req.flash('success', 'users.signOutEverywhere.done');
    res.redirect(303, `/admin/users/${id}`);
  });

  router.post('/admin/users/:id/reset-password', async (req, res) => {
    const id = requireId(req.params.id);
    if (id === req.user!.id) throw new AppError(422, 'users.errors.resetSelf');
    const password = await usersService.resetPassword(req.user!, id);
    req.session!.revealPassword = { userId: id, password };
    await saveSession(req, sessions);
    req.flash('success', 'users.resetPassword.done');
    res.redirect(303, `/admin/users/${id}`);
  });

  return router;
}
