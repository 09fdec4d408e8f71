import { Router } from 'express';
import type { Services } from '../../services.js';
import { notFound } from '../../lib/errors.js';

/**
 * Visits to calendar feeds per IP address per 15 minutes (a budget of its own): a calendar refreshes a feed every half
 * hour or less often, so a team behind one address stays well within it.
 */
export const CALENDAR_VISITS_PER_IP = 60;

/**
 * /calendar/<token>.ics: a facilitator's personal calendar feed. The token route registry gives it no-store,
 * the token redacted in logs, case-exact routing and its own rate limit; an unknown, revoked or malformed token
 * answers 404, like any page that does not exist.
 */
export function calendarRoutes(services: Services): Router {
  const router = Router({ caseSensitive: true });
  services.runtime.tokenRoutes.register({
    prefix: '/calendar',
    limit: { key: 'calendar', visits: CALENDAR_VISITS_PER_IP, windowMinutes: 15 },
    renderLimited: (req, res) => res.type('text/plain').send(req.t('links.limited.title')),
  });

  router.get('/calendar/:file', async (req, res) => {
    const file = req.params.file;
    const feed = file.endsWith('.ics') ? await services.calendarFeedService.feed(file.slice(0, -4)) : undefined;
    if (feed === undefined) throw notFound();
    res.set('Content-Type', 'text/calendar; charset=utf-8');
    res.set('Content-Disposition', 'inline; filename="medvirk.ics"');
    res.send(feed);
  });
  return router;
}
