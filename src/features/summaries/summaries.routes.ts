import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { problemErrors, typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { requireId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import type { Summary } from './summaries.model.js';
import { SUMMARY_PERIODS } from './summaries.model.js';
import { summarySchema } from './summaries.schema.js';

/** The report's address for a summary's period, where the summary is shown at the top. */
export const reportHrefOf = (s: Pick<Summary, 'period' | 'from'>) =>
  `/reports?${new URLSearchParams({ period: s.period, at: s.from }).toString()}`;

/**
 * `/reports/summaries`: the written summaries of months, quarters and years, listed for everyone who reads the
 * report; facilitators and admins write, edit and delete them. A refused form keeps what was typed (422).
 */
export function summariesRoutes(services: Services): Router {
  const router = Router();
  const summaries = services.summariesService;
  const staff = requireRole('facilitator', 'admin');
  router.use('/reports/summaries', requireRole('facilitator', 'admin', 'supervisor'));

  const renderList = async (
    req: Request,
    res: Response,
    status = 200,
    values: Record<string, string> = {},
    errors: FieldError[] = [],
  ) => {
    const list = await summaries.list(req.user!);
    res.status(status).render('reports/summaries', {
      title: req.t('summaries.title'),
      summaries: list,
      periods: SUMMARY_PERIODS,
      reportHrefOf,
      values: { period: 'quarter', ...values },
      errors,
      canWrite: req.user!.role !== 'supervisor',
    });
  };

  const renderEdit = async (
    req: Request,
    res: Response,
    status = 200,
    values?: Record<string, string>,
    errors: FieldError[] = [],
  ) => {
    const summary = await summaries.get(req.user!, requireId(req.params.id));
    res.status(status).render('reports/summary-edit', {
      title: req.t('summaries.editTitle'),
      summary,
      periods: SUMMARY_PERIODS,
      values: values ?? { period: summary.period, at: summary.from, title: summary.title, body: summary.body },
      errors,
    });
  };

  router.get('/reports/summaries', (req, res) => renderList(req, res));

  router.post('/reports/summaries', staff, async (req, res) => {
    const form = validateForm(summarySchema, req.body, req.t);
    const values = typedValues(req.body);
    if (!form.ok) return renderList(req, res, 422, values, form.errors);
    const result = await summaries.create(req.user!, form.data);
    if (typeof result !== 'number') return renderList(req, res, 422, values, problemErrors(req.t, result));
    req.flash('success', 'summaries.saved');
    res.redirect(303, '/reports/summaries');
  });

  router.get('/reports/summaries/:id/edit', staff, (req, res) => renderEdit(req, res));

  router.post('/reports/summaries/:id/edit', staff, async (req, res) => {
    const id = requireId(req.params.id);
    const form = validateForm(summarySchema, req.body, req.t);
    const values = typedValues(req.body);
    if (!form.ok) return renderEdit(req, res, 422, values, form.errors);
    const problem = await summaries.update(req.user!, id, form.data);
    if (problem) return renderEdit(req, res, 422, values, problemErrors(req.t, problem));
    req.flash('success', 'summaries.saved');
    res.redirect(303, '/reports/summaries');
  });

  router.post('/reports/summaries/:id/delete', staff, async (req, res) => {
    await summaries.remove(req.user!, requireId(req.params.id));
    req.flash('success', 'summaries.deleted');
    res.redirect(303, '/reports/summaries');
  });

  return router;
}
