import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { requireId } from '../../lib/paths.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Translate } from '../../lib/i18n.js';
import { requireRole } from '../../middleware/roles.js';
import { skillName } from '../skills/skills.service.js';
import { copySchema } from './project-templates.schema.js';

/** A refused use case's problem as the field partial shows it, with the message's values filled in. */
export const problemWithParams = (t: Translate, problem: FieldProblem): FieldError[] => [
  { field: problem.field, message: t(problem.key, problem.params) },
];

/** /projects/:id/copy: a new project from an existing one (a template), for facilitators and admins. */
export function projectTemplatesRoutes(services: Services): Router {
  const router = Router();
  const templates = services.projectTemplatesService;
  const staff = requireRole('facilitator', 'admin');

  const renderCopy = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string> | undefined,
    errors: FieldError[] = [],
  ) => {
    const view = await templates.copyForm(req.user!, requireId(req.params.id));
    const { project } = view;
    res.status(status).render('projects/copy', {
      title: req.t('projectTemplates.copy.title', { project: project.title }),
      ...view,
      errors,
      values: values ?? {
        title: req.t('projectTemplates.copy.defaultTitle', { title: project.title }),
        startsOn: '',
        endsOn: '',
        facilitatorUserId: String(req.user!.id),
      },
      skillName: (s: { nameNb: string; nameEn: string }) => skillName(s, req.locale),
    });
  };

  router.get('/projects/:id/copy', staff, (req, res) => renderCopy(req, res, 200, undefined));

  router.post('/projects/:id/copy', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    const values = typedValues(req.body);
    const form = validateForm(copySchema, req.body, req.t);
    if (!form.ok) return renderCopy(req, res, 422, values, form.errors);
    const result = await templates.copy(req.user!, projectId, form.data);
    if (typeof result !== 'number') return renderCopy(req, res, 422, values, problemWithParams(req.t, result));
    req.flash('success', 'projectTemplates.copy.done');
    res.redirect(303, `/projects/${result}`);
  });

  // cancelling the rest of a series e-mails the team about each meeting: a page of its own says so before anything is sent
  router.get('/projects/:id/meetings/:meetingId/cancel-series', staff, async (req, res) => {
    const view = await templates.seriesCancellation(
      req.user!,
      requireId(req.params.id),
      requireId(req.params.meetingId),
    );
    res.render('projects/meeting-series-cancel', {
      title: req.t('projectTemplates.seriesCancel.title', { project: view.project.title }),
      ...view,
    });
  });
  router.post('/projects/:id/meetings/:meetingId/remove-series', staff, async (req, res) => {
    const projectId = requireId(req.params.id);
    const count = await templates.cancelRestOfSeries(req.user!, projectId, requireId(req.params.meetingId));
    req.flash('success', 'projectTemplates.seriesCancel.done', { count });
    res.redirect(303, `/projects/${projectId}#section-meetings`);
  });

  return router;
}
