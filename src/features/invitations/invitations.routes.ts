import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { formatDateTime } from '../../lib/i18n.js';
import { requireId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { DECLINE_REASONS } from './invitations.model.js';
import { answerSchema, channelSchema, lettersSentSchema, sendSchema } from './invitations.schema.js';

/** /projects/:id/invitations: send the shortlist, record phone and letter invitations and answers, withdraw. */
export function invitationsRoutes(services: Services): Router {
  const router = Router();
  const invitations = services.invitationsService;
  router.use('/projects/:id/invitations', requireRole('facilitator', 'admin'));

  const render = async (
    req: Request,
    res: Response,
    status: number,
    errors: FieldError[] = [],
    values: Record<string, string> = {},
  ) => {
    const overview = await invitations.overview(req.user!, requireId(req.params.id));
    res.status(status).render('invitations/manage', {
      title: req.t('invitations.title', { project: overview.project.title }),
      ...overview,
      reasons: DECLINE_REASONS,
      errors,
      values,
    });
  };

  // the rule's message links to the field where it is written
  const whatMattersError = (req: Request, projectId: number): FieldError => ({
    field: 'send',
    message: req.t('letters.errors.whatMattersMissing'),
    href: `/projects/${projectId}/edit#whatMatters`,
  });

  router.get('/projects/:id/invitations', (req, res) => render(req, res, 200));

  router.post('/projects/:id/invitations/send', async (req, res) => {
    const projectId = requireId(req.params.id);
    const form = validateForm(sendSchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, form.errors, typedValues(req.body));
    const note = form.data.personalNote;
    const { emailed, tooLate, alreadySent, whatMattersMissing } = await invitations.sendShortlist(
      req.user!,
      projectId,
      note,
    );
    if (whatMattersMissing) return render(req, res, 422, [whatMattersError(req, projectId)], typedValues(req.body));
    if (tooLate) {
      const message = req.t('invitations.errors.tooLate', {
        time: formatDateTime(tooLate, req.locale, req.user!.timeZone),
      });
      return render(req, res, 422, [{ field: 'send', message }], typedValues(req.body));
    }
    // another send of this shortlist (a second click, another tab) got there first: this one sent nothing
    if (alreadySent) req.flash('info', 'invitations.alreadySent');
    else req.flash('success', 'invitations.sent', { count: emailed });
    res.redirect(303, `/projects/${projectId}/invitations`);
  });

  // printing changes nothing: only the POST below records the letters as sent
  router.get('/projects/:id/invitations/letters', async (req, res) => {
    const { project, letters, whatMattersMissing } = await invitations.letters.waiting(
      req.user!,
      requireId(req.params.id),
    );
    res.render('invitations/letters', {
      title: req.t('letters.title', { project: project.title }),
      project,
      letters,
      errors: whatMattersMissing ? [whatMattersError(req, project.id)] : [],
    });
  });

  router.post('/projects/:id/invitations/letters/note', async (req, res) => {
    const projectId = requireId(req.params.id);
    const form = validateForm(sendSchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, form.errors, typedValues(req.body));
    const count = await invitations.letters.saveNote(req.user!, projectId, form.data.personalNote);
    req.flash(count ? 'success' : 'info', 'letters.noteSaved', { count });
    res.redirect(303, `/projects/${projectId}/invitations`);
  });

  router.post('/projects/:id/invitations/letters/sent', async (req, res) => {
    const projectId = requireId(req.params.id);
    const form = validateForm(lettersSentSchema, req.body, req.t);
    const ids = form.ok ? form.data.ids : [];
    const { recorded, skipped, whatMattersMissing } = await invitations.letters.recordSent(req.user!, projectId, ids);
    if (whatMattersMissing) return render(req, res, 422, [whatMattersError(req, projectId)]);
    req.flash(recorded ? 'success' : 'info', 'letters.recorded', { count: recorded });
    if (skipped) req.flash('warning', 'letters.skipped', { count: skipped });
    res.redirect(303, `/projects/${projectId}/invitations`);
  });

  router.post('/projects/:id/invitations/:invitationId/contacted', async (req, res) => {
    const projectId = requireId(req.params.id);
    const form = validateForm(channelSchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, form.errors);
    await invitations.recordContacted(req.user!, projectId, requireId(req.params.invitationId), form.data.channel);
    req.flash('success', 'invitations.contactedRecorded');
    res.redirect(303, `/projects/${projectId}/invitations`);
  });

  router.post('/projects/:id/invitations/:invitationId/answer', async (req, res) => {
    const projectId = requireId(req.params.id);
    const invitationId = requireId(req.params.invitationId);
    const form = validateForm(answerSchema, req.body, req.t);
    if (!form.ok) {
      // the field ids on this page carry the invitation's id
      const errors = form.errors.map((e) => ({ ...e, field: `${e.field}-${invitationId}` }));
      const values = Object.fromEntries(
        Object.entries(typedValues(req.body)).map(([k, v]) => [`${k}-${invitationId}`, v]),
      );
      return render(req, res, 422, errors, values);
    }
    const status = await services.invitationAnswersService.recordAnswer(req.user!, projectId, invitationId, form.data);
    req.flash('success', `invitations.answerRecorded.${status}`);
    res.redirect(303, `/projects/${projectId}/invitations`);
  });

  router.post('/projects/:id/invitations/:invitationId/withdraw', async (req, res) => {
    const projectId = requireId(req.params.id);
    await services.invitationAnswersService.withdraw(req.user!, projectId, requireId(req.params.invitationId));
    req.flash('success', 'invitations.withdrawn');
    res.redirect(303, `/projects/${projectId}/invitations`);
  });

  // the facilitator's choice to get an e-mail for every answer to their projects' invitations
  router.post('/invitations/notify', requireRole('facilitator', 'admin'), async (req, res) => {
    const on = (req.body as Record<string, unknown> | undefined)?.notify === 'on';
    await invitations.setNotifyAnswers(req.user!, on);
    req.flash('success', on ? 'dashboard.answers.notifyOn' : 'dashboard.answers.notifyOff');
    // the choice lives on /account now (issue 20); this older form address still works
    res.redirect(303, '/account');
  });

  return router;
}
