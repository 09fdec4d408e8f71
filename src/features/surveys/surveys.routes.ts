import { DateTime } from 'luxon';
import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { parseId, requireId } from '../../lib/paths.js';
import { linkGuard } from '../../middleware/link-guard.js';
import { applyLocale } from '../../middleware/locale.js';
import { requireRole } from '../../middleware/roles.js';
import { QUESTIONS, SCALE } from './surveys.model.js';
import { surveyAnswerSchema } from './surveys.schema.js';
import type { SurveyView } from './surveys.service.js';

/**
 * /survey/<token>: a representative's survey "how was it", opened by the personal link in their e-mail (a registered
 * token route: no-store, the token redacted in logs, case-exact, the link rate limit). An unknown link is a 404, a
 * link of someone erased since or of a closed survey a 410, a second answer a 409 that changes nothing. And
 * POST /projects/:id/surveys, where a facilitator asks about one meeting that was held.
 */
export function surveysRoutes(services: Services): Router {
  const router = Router({ caseSensitive: true });
  const surveys = services.surveysService;
  const guard = linkGuard('/survey', 'survey.link_refused', { audit: services.auditService });
  services.runtime.tokenRoutes.register(guard);

  const problem = async (req: Request, res: Response, view: Extract<SurveyView, { kind: 'unknown' | 'gone' }>) => {
    if (view.kind === 'unknown') await guard.refused(req, 'unknown');
    const key =
      view.kind === 'unknown' ? 'links.unknown' : view.reason === 'erased' ? 'survey.erased' : 'survey.closed';
    res.status(view.kind === 'unknown' ? 404 : 410).render('invitations/link-problem', {
      title: req.t(`${key}.title`),
      heading: req.t(`${key}.title`),
      message: req.t(`${key}.body`),
      facilitator: null,
    });
  };

  const thanks = (req: Request, res: Response, status: number, organisationName: string, already: boolean) =>
    res.status(status).render('surveys/thanks', {
      title: req.t(already ? 'survey.already.title' : 'survey.thanks.title'),
      already,
      organisationName,
    });

  const form = (
    req: Request,
    res: Response,
    view: Extract<SurveyView, { kind: 'open' }>,
    status = 200,
    values: Record<string, string> = {},
    errors: FieldError[] = [],
  ) =>
    res.status(status).render('surveys/survey', {
      title: req.t('survey.title'),
      link: view.link,
      closesOn: DateTime.fromISO(view.link.closesAt).setZone(view.timeZone).toISODate(),
      organisationName: view.organisationName,
      questions: QUESTIONS,
      scale: SCALE,
      action: req.originalUrl.split('?')[0],
      values,
      errors,
    });

  /** The link's view, in the person's language (a language they chose on the page wins). */
  const open = async (req: Request, res: Response): Promise<SurveyView> => {
    const view = await surveys.view(req.params.token as string);
    if (view.kind === 'open' || view.kind === 'answered') {
      applyLocale(req, res, req.localeChosen ? req.locale : view.link.locale, view.timeZone);
    }
    return view;
  };

  router.get('/survey/:token', async (req, res) => {
    const view = await open(req, res);
    if (view.kind === 'unknown' || view.kind === 'gone') return problem(req, res, view);
    if (view.kind === 'answered') return thanks(req, res, 200, view.organisationName, true);
    form(req, res, view);
  });

  router.post('/survey/:token', async (req, res) => {
    const view = await open(req, res);
    if (view.kind === 'unknown' || view.kind === 'gone') return problem(req, res, view);
    // a second answer (another tab, the back button) changes nothing, and says so
    if (view.kind === 'answered') return thanks(req, res, 409, view.organisationName, true);
    const parsed = validateForm(surveyAnswerSchema, req.body, req.t);
    if (!parsed.ok) return form(req, res, view, 422, typedValues(req.body), parsed.errors);
    const outcome = await surveys.answer(view.link, parsed.data, view.timeZone);
    thanks(req, res, outcome === 'saved' ? 200 : 409, view.organisationName, outcome === 'already');
  });

  router.post('/projects/:id/surveys', requireRole('facilitator', 'admin'), async (req, res) => {
    const projectId = requireId(req.params.id);
    // another organisation's project is a 404, whatever the form held
    await services.projectsService.get(req.user!, projectId);
    const meetingId = parseId((req.body as Record<string, unknown> | undefined)?.meeting);
    if (!meetingId) {
      req.flash('warning', 'survey.chooseMeeting');
      return res.redirect(303, `/projects/${projectId}#section-surveys`);
    }
    const started = await surveys.askAboutMeeting(req.user!, projectId, meetingId);
    if (started?.nobody) req.flash('info', 'survey.nobody');
    else if (started)
      req.flash('success', 'survey.started', { asked: started.asked, unreachable: started.unreachable });
    else req.flash('info', 'survey.askedBefore');
    res.redirect(303, `/projects/${projectId}#section-surveys`);
  });

  return router;
}
