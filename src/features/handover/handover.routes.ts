import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { problemErrors, typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { requireId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { handOverSchema } from './handover.schema.js';

/**
 * Hand-overs: one project to a colleague (/projects/:id/hand-over), or everything a facilitator is responsible for
 * (/account/hand-over for oneself, /admin/users/:id/hand-over for an admin acting for an absent colleague). Each
 * form page says what will move before anything does; the POST moves it in one transaction.
 */
export function handoverRoutes(services: Services): Router {
  const router = Router();
  const handovers = services.handoverService;
  const staff = requireRole('facilitator', 'admin');

  const renderAll = async (
    req: Request,
    res: Response,
    fromUserId: number,
    action: string,
    status = 200,
    errors: FieldError[] = [],
    values: Record<string, string> = {},
  ) => {
    const preview = await handovers.previewAll(req.user!, fromUserId);
    const colleagues = await handovers.colleagues(req.user!, fromUserId);
    res.status(status).render('handover/all', {
      title: req.t('handover.all.title'),
      preview,
      colleagues,
      self: fromUserId === req.user!.id,
      action,
      back: fromUserId === req.user!.id ? '/account' : `/admin/users/${fromUserId}`,
      errors,
      values,
    });
  };

  const handOverAll = async (req: Request, res: Response, fromUserId: number, action: string) => {
    const values = typedValues(req.body);
    const form = validateForm(handOverSchema, req.body, req.t);
    if (!form.ok) return renderAll(req, res, fromUserId, action, 422, form.errors, values);
    const result = await handovers.handOverAll(req.user!, fromUserId, form.data.toUserId, form.data.message);
    if ('field' in result) return renderAll(req, res, fromUserId, action, 422, problemErrors(req.t, result), values);
    req.flash('success', 'handover.all.done', { projects: result.projects, people: result.people });
    res.redirect(303, fromUserId === req.user!.id ? '/account' : `/admin/users/${fromUserId}`);
  };

  router.get('/account/hand-over', staff, (req, res) => renderAll(req, res, req.user!.id, '/account/hand-over'));
  router.post('/account/hand-over', staff, (req, res) => handOverAll(req, res, req.user!.id, '/account/hand-over'));

  router.get('/admin/users/:id/hand-over', requireRole('admin'), (req, res) => {
    const id = requireId(req.params.id);
    return renderAll(req, res, id, `/admin/users/${id}/hand-over`);
  });
  router.post('/admin/users/:id/hand-over', requireRole('admin'), (req, res) => {
    const id = requireId(req.params.id);
    return handOverAll(req, res, id, `/admin/users/${id}/hand-over`);
  });

  const renderProject = async (
    req: Request,
    res: Response,
    projectId: number,
    status = 200,
    errors: FieldError[] = [],
    values: Record<string, string> = {},
  ) => {
    const project = await handovers.project(req.user!, projectId);
    const colleagues = await handovers.colleagues(req.user!, project.facilitatorUserId);
    res.status(status).render('handover/project', {
      title: req.t('handover.project.title'),
      project,
      colleagues,
      errors,
      values,
    });
  };

  router.get('/projects/:id/hand-over', staff, (req, res) => renderProject(req, res, requireId(req.params.id)));

  router.post('/projects/:id/hand-over', staff, async (req, res) => {
    const id = requireId(req.params.id);
    const values = typedValues(req.body);
    const form = validateForm(handOverSchema, req.body, req.t);
    if (!form.ok) return renderProject(req, res, id, 422, form.errors, values);
    const problem = await handovers.handOverProject(req.user!, id, form.data.toUserId, form.data.message);
    if (problem) return renderProject(req, res, id, 422, problemErrors(req.t, problem), values);
    req.flash('success', 'handover.project.done');
    res.redirect(303, `/projects/${id}`);
  });

  return router;
}
