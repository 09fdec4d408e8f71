import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import type { FieldError } from '../../lib/forms.js';
import { headlineFigures } from '../reports/headline.js';
import { GROUP_SHOWN, URGENCIES, type Urgency } from '../worklist/worklist.model.js';

/** What a refused worklist form re-renders the page with: the errors and what the user typed, by item. */
export interface WorklistFormState {
  errors: FieldError[];
  key: string;
  values: Record<string, string>;
}

/** Renders `/` for the signed-in user (also after a refused worklist form, with status 422 and its state). */
export async function renderDashboard(
  services: Services,
  req: Request,
  res: Response,
  status = 200,
  form?: WorklistFormState,
): Promise<void> {
  const user = req.user!;
  const view = typeof req.query.view === 'string' ? req.query.view : (form?.values.view ?? undefined);
  const page = await services.dashboardService.page(user, view);
  if (page.kind === 'overview') {
    const { report } = page;
    const overview = report && {
      period: report.period,
      figures: headlineFigures(report, 'supervisor', req.t, req.locale),
      // nothing recorded in the period: the page says so above the zeros (issue 17, empty states)
      empty: report.activity.totals.entries === 0 && report.invitations.sent === 0,
    };
    return res.status(status).render('dashboard/index', { title: req.t('dashboard.title'), work: undefined, overview });
  }
  const asked = typeof req.query.group === 'string' ? req.query.group : form?.values.group;
  const group = URGENCIES.find((u): u is Urgency => u === asked);
  res.status(status).render('dashboard/index', {
    title: req.t('dashboard.title'),
    work: { ...page.work, expandedGroup: group ?? null, groupShown: GROUP_SHOWN },
    errors: form?.errors ?? [],
    form,
  });
}

/** `/`: the dashboard for the signed-in user's role; visitors see the public front page. */
export function dashboardRoutes(services: Services): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    if (!req.user) return res.render('public/home', { title: req.t('home.title') });
    await renderDashboard(services, req, res);
  });
  return router;
}
