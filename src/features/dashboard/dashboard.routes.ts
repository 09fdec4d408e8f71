import { Router } from 'express';
import type { Services } from '../../services.js';
import { headlineFigures } from '../reports/headline.js';

/** `/`: the dashboard for the signed-in user's role; visitors see the public front page. */
export function dashboardRoutes(services: Services): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const user = req.user;
    if (!user) return res.render('public/home', { title: req.t('home.title') });
    const digest = await services.users.weeklyDigest(user.id);
    if (user.role === 'supervisor') {
      // the latest figures (the report's default period, the last 12 months) rather than a promise of reports
      const report = await services.reportsService.build(user, { period: '12m' });
      const overview = report.problem
        ? undefined
        : { period: report.period, figures: headlineFigures(report, 'supervisor', req.t, req.locale) };
      return res.render('dashboard/index', { title: req.t('dashboard.title'), work: undefined, digest, overview });
    }
    const today = services.clock.now().setZone(user.timeZone);
    const in60 = today.plus({ days: 60 }).toISODate()!;
    const [projects, followUps, endings, invitations, requests] = await Promise.all([
      services.projectsService.dashboard(user),
      services.unitsService.followUpsDue(user, today.plus({ days: 7 }).toISODate()!),
      services.representatives.endingSoon(user.organisationId, today.toISODate()!, in60),
      services.invitationsService.dashboard(user),
      services.participationService.openRequests(user),
    ]);
    res.render('dashboard/index', {
      title: req.t('dashboard.title'),
      digest,
      work: { ...projects, followUps, endings, ...invitations, requests },
    });
  });
  return router;
}
