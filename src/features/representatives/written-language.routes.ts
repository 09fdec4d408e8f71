import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { validateForm, type FieldError } from '../../lib/forms.js';
import { requireRole } from '../../middleware/roles.js';
import { idList } from './roster-bulk.schema.js';

/** The ticked people (as the roster's bulk form reads them) and the decision, one of two buttons. */
const decisionSchema = z.object({
  ids: idList.refine((ids) => ids.length > 0, 'writtenLanguage.errors.nobody'),
  decision: z.enum(['nn', 'keep'], 'writtenLanguage.errors.decision'),
});

const ticked = (body: unknown): string[] => {
  const ids = (body as { ids?: unknown } | undefined)?.ids;
  return (Array.isArray(ids) ? ids : [ids]).filter((v): v is string => typeof v === 'string');
};

/**
 * /representatives/written-language: the one-time review of those who speak Nynorsk but are written to in another
 * language (issue 25, item 4). Facilitators and admins; mounted before the `/representatives/:id` routes.
 */
export function writtenLanguageRoutes(services: Services): Router {
  const router = Router();
  const reviews = services.writtenLanguageService;
  router.use('/representatives/written-language', requireRole('facilitator', 'admin'));

  const render = async (req: Request, res: Response, status: number, errors: FieldError[] = [], ids: string[] = []) =>
    res.status(status).render('representatives/written-language', {
      title: req.t('writtenLanguage.title'),
      people: await reviews.list(req.user!),
      errors,
      ticked: ids,
    });

  router.get('/representatives/written-language', (req, res) => render(req, res, 200));

  router.post('/representatives/written-language', async (req, res) => {
    const form = validateForm(decisionSchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, form.errors, ticked(req.body));
    const nynorsk = form.data.decision === 'nn';
    const count = await reviews.decide(req.user!, form.data.ids, nynorsk);
    req.flash('success', nynorsk ? 'writtenLanguage.movedToNynorsk' : 'writtenLanguage.kept', { count });
    res.redirect(303, '/representatives/written-language');
  });

  return router;
}
