import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { validateForm, typedValues, type FieldError } from '../../lib/forms.js';
import { requireRole } from '../../middleware/roles.js';
import { saveSession } from '../../middleware/session.js';
import { ownDetailsSchema } from '../users/users.schema.js';

/** Whether a box of the e-mail choices (one group named `email`) was ticked. */
function ticked(body: unknown, value: string): boolean {
  const chosen = (body as Record<string, unknown> | undefined)?.email;
  return chosen === value || (Array.isArray(chosen) && chosen.includes(value));
}

/**
 * /account: every signed-in user's own page: their details and work phone, language, e-mail choices, the calendar
 * feed of their projects' meetings and (facilitators and admins) handing over everything to a colleague.
 */
export function accountRoutes(services: Services): Router {
  const router = Router();
  const { usersService, calendarFeedService: feeds, handoverService } = services;
  router.use('/account', requireRole('admin', 'facilitator', 'supervisor'));

  const render = async (req: Request, res: Response, status = 200, errors: FieldError[] = [], values?: object) => {
    const actor = req.user!;
    const [me, choices, feedSince] = await Promise.all([
      usersService.get(actor, actor.id),
      usersService.emailChoices(actor),
      feeds.since(actor),
    ]);
    const staff = actor.role !== 'supervisor';
    const handOver = staff ? await handoverService.previewAll(actor, actor.id) : undefined;
    // a new feed address is shown once, right after it was made (only its hash is kept)
    const feedUrl = req.session?.revealCalendar;
    if (feedUrl) {
      delete req.session!.revealCalendar;
      await saveSession(req, services.sessionService);
    }
    res.status(status).render('account/index', {
      title: req.t('account.title'),
      me,
      choices,
      staff,
      feedSince,
      feedUrl,
      handOver,
      errors,
      values: values ?? { phone: me.phone, locale: me.locale },
    });
  };

  router.get('/account', (req, res) => render(req, res));

  router.post('/account', async (req, res) => {
    const form = validateForm(ownDetailsSchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, form.errors, typedValues(req.body));
    await usersService.setOwnDetails(req.user!, form.data);
    req.flash('success', 'account.details.done');
    res.redirect(303, '/account');
  });

  router.post('/account/email', async (req, res) => {
    await usersService.setEmailChoices(req.user!, {
      digest: ticked(req.body, 'digest'),
      notify: ticked(req.body, 'notify'),
    });
    req.flash('success', 'account.email.done');
    res.redirect(303, '/account');
  });

  // the feed of one's projects' meetings: facilitators and admins (a supervisor runs no projects)
  router.post('/account/calendar', requireRole('admin', 'facilitator'), async (req, res) => {
    const renewed = (await feeds.since(req.user!)) !== null;
    req.session!.revealCalendar = await feeds.create(req.user!);
    await saveSession(req, services.sessionService);
    req.flash('success', renewed ? 'account.calendar.renewed' : 'account.calendar.created');
    res.redirect(303, '/account#calendar');
  });

  router.post('/account/calendar/off', requireRole('admin', 'facilitator'), async (req, res) => {
    await feeds.revoke(req.user!);
    req.flash('success', 'account.calendar.revoked');
    res.redirect(303, '/account#calendar');
  });

  return router;
}
