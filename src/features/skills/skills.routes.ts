import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { typedValues, validateForm, type FieldError, problemErrors } from '../../lib/forms.js';
import { requireId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { SKILL_CATEGORIES } from './skills.model.js';
import { skillSchema } from './skills.schema.js';

/** /skills: the taxonomy, managed by facilitators and admins; skills are archived, never deleted. */
export function skillsRoutes(services: Services): Router {
  const router = Router();
  const { skillsService } = services;
  router.use('/skills', requireRole('facilitator', 'admin'));

  const renderList = async (
    req: Request,
    res: Response,
    status: number,
    values: Record<string, string>,
    errors: FieldError[],
  ) => {
    const [grouped, counts] = await Promise.all([
      skillsService.grouped(req.user!, req.locale, { includeArchived: true }),
      skillsService.holderCounts(req.user!),
    ]);
    res.status(status).render('skills/list', {
      title: req.t('skills.title'),
      grouped,
      counts,
      values,
      errors,
      categories: SKILL_CATEGORIES,
    });
  };

  router.get('/skills', (req, res) => renderList(req, res, 200, { category: 'competence' }, []));

  router.post('/skills', async (req, res) => {
    const values = typedValues(req.body);
    const form = validateForm(skillSchema, req.body, req.t);
    if (!form.ok) return renderList(req, res, 422, values, form.errors);
    const result = await skillsService.create(req.user!, form.data);
    if (typeof result !== 'number') return renderList(req, res, 422, values, problemErrors(req.t, result));
    req.flash('success', 'skills.created');
    res.redirect(303, '/skills');
  });

  const renderEdit = (
    req: Request,
    res: Response,
    status: number,
    id: number,
    values: Record<string, string>,
    errors: FieldError[],
  ) =>
    res.status(status).render('skills/edit', {
      title: req.t('skills.edit.title'),
      skillId: id,
      values,
      errors,
      categories: SKILL_CATEGORIES,
    });

  router.get('/skills/:id/edit', async (req, res) => {
    const skill = await skillsService.get(req.user!, requireId(req.params.id));
    renderEdit(
      req,
      res,
      200,
      skill.id,
      { nameNb: skill.nameNb, nameNn: skill.nameNn ?? '', nameEn: skill.nameEn, category: skill.category },
      [],
    );
  });

  router.post('/skills/:id/edit', async (req, res) => {
    const id = requireId(req.params.id);
    await skillsService.get(req.user!, id);
    const values = typedValues(req.body);
    const form = validateForm(skillSchema, req.body, req.t);
    if (!form.ok) return renderEdit(req, res, 422, id, values, form.errors);
    const problem = await skillsService.update(req.user!, id, form.data);
    if (problem) return renderEdit(req, res, 422, id, values, problemErrors(req.t, problem));
    req.flash('success', 'skills.updated');
    res.redirect(303, '/skills');
  });

  for (const [action, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    router.post(`/skills/:id/${action}`, async (req, res) => {
      await skillsService.setArchived(req.user!, requireId(req.params.id), archived);
      req.flash('success', archived ? 'skills.archivedDone' : 'skills.restoredDone');
      res.redirect(303, '/skills');
    });
  }
  return router;
}
