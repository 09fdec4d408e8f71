import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { problemErrors, typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { requireId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { IMPACT_STATUSES, type Impact } from './impacts.model.js';
import { impactSchema } from './impacts.schema.js';

const impactValues = (i: Impact): Record<string, string | string[]> => ({
  whatSaid: i.whatSaid,
  whatChanged: i.whatChanged,
  status: i.status,
  rejectedReason: i.rejectedReason,
  decidedOn: i.decidedOn ?? '',
  meetingId: i.meetingId ? String(i.meetingId) : '',
  representativeIds: i.representativeIds.map(String),
});

const typedWithPeople = (body: unknown) => {
  const values: Record<string, string | string[]> = typedValues(body);
  const ids = (body as Record<string, unknown> | undefined)?.representativeIds;
  values.representativeIds = Array.isArray(ids)
    ? ids.filter((v): v is string => typeof v === 'string')
    : typeof ids === 'string'
      ? [ids]
      : [];
  return values;
};

/** /projects/:id/impacts: "you said, we did", and feeding it back to the people it came from. */
export function impactsRoutes(services: Services): Router {
  const router = Router();
  const impacts = services.impactsService;
  router.use('/projects/:id/impacts', requireRole('facilitator', 'admin'));

  const render = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string | string[]> = { status: 'proposed' },
    errors: FieldError[] = [],
    editing?: Impact,
  ) => {
    const view = await impacts.list(req.user!, requireId(req.params.id));
    res.status(status).render(editing ? 'impacts/edit' : 'impacts/list', {
      title: req.t('impacts.title', { project: view.project.title }),
      ...view,
      editing,
      statuses: IMPACT_STATUSES,
      values,
      errors,
    });
  };

  router.get('/projects/:id/impacts', (req, res) => render(req, res, 200));

  router.post('/projects/:id/impacts', async (req, res) => {
    const projectId = requireId(req.params.id);
    const form = validateForm(impactSchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, typedWithPeople(req.body), form.errors);
    const problem = await impacts.save(req.user!, projectId, null, form.data);
    if (problem) return render(req, res, 422, typedWithPeople(req.body), problemErrors(req.t, problem));
    req.flash('success', 'impacts.recorded');
    res.redirect(303, `/projects/${projectId}/impacts`);
  });

  router.get('/projects/:id/impacts/:impactId/edit', async (req, res) => {
    const impact = await impacts.get(req.user!, requireId(req.params.id), requireId(req.params.impactId));
    await render(req, res, 200, impactValues(impact), [], impact);
  });

  router.post('/projects/:id/impacts/:impactId/edit', async (req, res) => {
    const projectId = requireId(req.params.id);
    const impact = await impacts.get(req.user!, projectId, requireId(req.params.impactId));
    const form = validateForm(impactSchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, typedWithPeople(req.body), form.errors, impact);
    const problem = await impacts.save(req.user!, projectId, impact.id, form.data);
    if (problem) return render(req, res, 422, typedWithPeople(req.body), problemErrors(req.t, problem), impact);
    req.flash('success', 'impacts.updated');
    res.redirect(303, `/projects/${projectId}/impacts`);
  });

  router.post('/projects/:id/impacts/:impactId/feedback', async (req, res) => {
    const projectId = requireId(req.params.id);
    const count = await impacts.feedBack(req.user!, projectId, requireId(req.params.impactId));
    req.flash('success', 'impacts.fedBack', { count });
    res.redirect(303, `/projects/${projectId}/impacts`);
  });

  return router;
}
