import { Router } from 'express';
import type { Services } from '../../services.js';
import { requireId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { peopleCount } from '../reports/small-numbers.js';
import { supervisorSeats } from '../projects/supervisor-team.js';
import { LEVELS } from '../projects/projects.model.js';

/** `/projects/:id/results`: a project's results, printable on A4, the same for facilitators, admins and supervisors. */
export function resultsRoutes(services: Services): Router {
  const router = Router();
  router.get('/projects/:id/results', requireRole('facilitator', 'admin', 'supervisor'), async (req, res) => {
    const results = await services.resultsService.forProject(req.user!, requireId(req.params.id));
    const seats = supervisorSeats(
      { seats: results.project.seats, filled: results.filled, namedOnTeam: results.namedOnTeam },
      req.t,
      req.locale,
    );
    res.render('projects/results', {
      title: req.t('results.title', { project: results.project.title }),
      ...results,
      seats,
      tookPart: peopleCount(results.figures.people, req.t, req.locale),
      printedAt: services.clock.now(),
      organisationName: req.user!.organisationName,
      levels: LEVELS,
    });
  });
  return router;
}
