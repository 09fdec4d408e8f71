import { Router } from 'express';
import type { Services } from '../../services.js';

/**
 * GET /metrics: Prometheus's text format, for a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`. Without
 * METRICS_TOKEN the route does not exist (the app's 404); a missing or wrong token is a 401 that says nothing more.
 * Mounted before the session, the CSRF check and the rate limits: a scraper has no session and no cookie.
 */
export function metricsRoutes(services: Services): Router {
  const router = Router();
  const metrics = services.metricsService;
  router.get('/metrics', async (req, res, next) => {
    if (!metrics.enabled) return next();
    res.set('Cache-Control', 'no-store');
    if (!metrics.authorised(req.get('authorization'))) {
      return res.status(401).set('WWW-Authenticate', 'Bearer').type('text/plain').send('Unauthorized\n');
    }
    const { contentType, body } = await metrics.scrape();
    res.status(200).type(contentType).send(body);
  });
  return router;
}
