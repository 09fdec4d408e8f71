import { Router } from 'express';
import type { Services } from '../../services.js';

/**
 * GET /healthz (liveness): 200 when the database answers, 503 otherwise, always within a second (for load balancers
 * and monitors). GET /readyz (readiness): 200 when the installation can take traffic; 503 while migrations are
 * pending, the database does not answer or (SQLite) writes are kept waiting by another process; within a second.
 */
export function healthRoutes(services: Services): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const ok = await services.healthService.databaseAnswers();
    res.set('Cache-Control', 'no-store');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', database: ok ? 'up' : 'down' });
  });
  router.get('/readyz', async (_req, res) => {
    const { ready, database, migrations, writes } = await services.healthService.readiness();
    res.set('Cache-Control', 'no-store');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', database, migrations, writes });
  });
  return router;
}
