import { Router } from 'express';
import type { Services } from '../../services.js';

/** GET /healthz: 200 when the database answers, 503 otherwise (for load balancers and monitors). */
export function healthRoutes(services: Services): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const ok = await services.healthService.databaseAnswers();
    res.set('Cache-Control', 'no-store');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', database: ok ? 'up' : 'down' });
  });
  return router;
}
