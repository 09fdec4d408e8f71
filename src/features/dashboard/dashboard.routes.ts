import { Router } from 'express';
import type { Services } from '../../services.js';

/** `/`: the dashboard for the signed-in user's role; visitors see the public front page. */
export function dashboardRoutes(_services: Services): Router {
  const router = Router();
  router.get('/', (req, res) => {
    if (!req.user) return res.render('public/home', { title: req.t('home.title') });
    res.render('dashboard/index', { title: req.t('dashboard.title') });
  });
  return router;
}
