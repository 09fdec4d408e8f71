import { DateTime } from 'luxon';
import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { requireId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { peopleCount } from '../reports/small-numbers.js';
import type { SharedPage } from '../reports/reports.routes.js';
import { supervisorSeats } from '../projects/supervisor-team.js';
import { LEVELS } from '../projects/projects.model.js';
import type { CurrentUser } from '../users/users.types.js';

/**
 * Renders a project's results for a reader: the signed-in user, or on a share link (`shared`) a supervisor of the
 * link's organisation (the share panel left out).
 */
export async function renderResults(
  services: Services,
  req: Request,
  res: Response,
  reader: CurrentUser,
  projectId: number,
  shared?: SharedPage,
): Promise<void> {
  const [results, links] = await Promise.all([
    services.resultsService.forProject(reader, projectId),
    shared ? [] : services.sharingService.live(reader, 'results', projectId),
  ]);
  // after the project check above: the survey's figures, and its free texts for facilitators and admins only
  const voice = await services.surveysService.forResults(reader, projectId);
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
    organisationName: reader.organisationName,
    levels: LEVELS,
    shared,
    shareLinks: links,
    voice,
    // the local day the answers still waiting are shown (the round closes at the end of it)
    voiceUntil: voice.figures.until && DateTime.fromISO(voice.figures.until).setZone(reader.timeZone).toISODate(),
  });
}

/** `/projects/:id/results`: a project's results, printable on A4, the same for facilitators, admins and supervisors. */
export function resultsRoutes(services: Services): Router {
  const router = Router();
  router.get('/projects/:id/results', requireRole('facilitator', 'admin', 'supervisor'), (req, res) =>
    renderResults(services, req, res, req.user!, requireId(req.params.id)),
  );
  return router;
}
