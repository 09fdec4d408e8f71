import { Router } from 'express';
import type { Services } from '../../services.js';
import { headlineFigures } from '../reports/headline.js';

/** `/`: the dashboard for the signed-in user's role; visitors see the public front page. */
export function dashboardRoutes(services: Services): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const user = req.user;
    if (!user) return res.render('public/home', { title: req.t('home.title') });
    const page = await services.dashboardService.page(user);
    if (page.kind === 'overview') {
      const { report } = page;
      const overview = report && {
        period: report.period,
        figures: headlineFigures(report, 'supervisor', req.t, req.locale),
        // nothing recorded in the period: the page says so above the zeros (issue 17, empty states)
        empty: report.activity.totals.entries === 0 && report.invitations.sent === 0,
      };
      return res.render('dashboard/index', {
        title: req.t('dashboard.title'),
        work: undefined,
        digest: page.digest,
        overview,
      });
    }
    res.render('dashboard/index', { title: req.t('dashboard.title'), digest: page.digest, work: page.work });
  });
  return router;
}
