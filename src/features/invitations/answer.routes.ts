import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { DECLINE_REASONS } from './invitations.model.js';
import { answerSchema } from './invitations.schema.js';
import { applyLocale } from '../../middleware/locale.js';
import type { LinkView, OpenLink } from './answers.service.js';
import { linkGuard } from '../../middleware/link-guard.js';
import { contactPersonOf } from './mail-context.js';

export { LINK_VISITS_PER_IP } from '../../middleware/link-guard.js';

/** The person's language (unless this browser chose one) and the organisation's time zone. */
function personalise(req: Request, res: Response, view: OpenLink): void {
  applyLocale(req, res, req.localeChosen ? req.locale : view.invitation.locale, view.timeZone);
}

/** /i/:token: the invited person's answer, without signing in. GET shows and changes nothing; POST answers. */
export function answerRoutes(services: Services): Router {
  // /I/… is not /i/…: the registry answers another spelling with 404 before the token is looked at
  const router = Router({ caseSensitive: true });
  const answers = services.invitationAnswersService;
  const link = linkGuard('/i', 'invitation.link_refused', { audit: services.auditService });
  services.runtime.tokenRoutes.register(link);

  const refuse = async (req: Request, res: Response, view: Exclude<LinkView, { kind: 'open' }>) => {
    const unknown = view.kind === 'unknown';
    await link.refused(req, unknown ? 'unknown' : view.status);
    res.status(unknown ? 404 : 410).render('invitations/link-problem', {
      title: req.t(unknown ? 'links.unknown.title' : `links.${view.status}.title`),
      heading: req.t(unknown ? 'links.unknown.title' : `links.${view.status}.title`),
      message: unknown ? req.t('links.unknown.body') : req.t(`links.${view.status}.body`, { title: view.title }),
      facilitator: unknown ? null : view.facilitator,
    });
  };

  const show = (
    req: Request,
    res: Response,
    view: OpenLink,
    status = 200,
    errors: FieldError[] = [],
    values?: Record<string, string>,
  ) => {
    personalise(req, res, view);
    // not `kind`: the partials take a parameter of that name; not the e-mails' context: the page does not use it
    const { kind: _kind, context: _context, ...shown } = view;
    return res.status(status).render('invitations/answer', {
      title: view.project.title,
      ...shown,
      reasons: DECLINE_REASONS,
      // what taking part means, above the answer: the honorarium in kroner an hour, and whom to call
      honorariumKroner:
        view.project.honorariumApplies && view.context.settings.hourlyHonorariumOre > 0
          ? view.context.settings.hourlyHonorariumOre / 100
          : null,
      contactPerson: contactPersonOf(view.invitation, view.context),
      errors,
      values: values ?? {
        answer: view.invitation.status === 'declined' ? 'decline' : view.invitation.status === 'sent' ? '' : 'accept',
        declineReason: view.invitation.declineReason ?? '',
        declineText: view.invitation.declineText,
        note: view.invitation.note,
      },
      action: req.originalUrl.split('?')[0],
    });
  };

  router.get('/i/:token', async (req, res) => {
    const view = await answers.view(req.params.token);
    if (view.kind !== 'open') return refuse(req, res, view);
    show(req, res, view);
  });

  router.post('/i/:token', async (req, res) => {
    const token = req.params.token;
    const view = await answers.view(token);
    if (view.kind !== 'open') return refuse(req, res, view);
    personalise(req, res, view);
    const form = validateForm(answerSchema, req.body, req.t);
    if (!form.ok) return show(req, res, view, 422, form.errors, typedValues(req.body));
    // the project and the e-mails' context come with the view: loaded once per answer
    const result = await answers.answerByLink(view, token, form.data);
    if (result.kind === 'answered') {
      req.flash('success', `links.answered.${result.status}`);
      return res.redirect(303, `/i/${token}`);
    }
    // the deadline passed between opening the page and answering: nothing changed
    req.flash('warning', 'links.closedNow');
    res.redirect(303, `/i/${token}`);
  });

  return router;
}
