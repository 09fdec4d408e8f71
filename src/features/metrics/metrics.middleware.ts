import type { Request, RequestHandler } from 'express';
import type { MetricsService } from './metrics.service.js';

/** A mount path's segments that are values, not names: ids and tokens become placeholders. */
function pathPattern(path: string): string {
  return path
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) ? ':id' : /^[A-Za-z0-9_-]{16,}$/.test(segment) ? ':token' : segment))
    .join('/');
}

/**
 * The route pattern that answered a request: the matched route's path (`/projects/:id/matches`) after the path its
 * router is mounted at, never the request's own path. A middleware mounted on a path that answered itself (the
 * static files under /assets, the sign-in redirect of a router's role check): its mount path, ids and tokens
 * replaced, with `/*`. Nothing matched (a 404, an error raised before any route): "unmatched".
 */
export function routePattern(req: Request): string {
  const route = (req as { route?: { path?: unknown } }).route;
  const mount = pathPattern(req.baseUrl ?? '');
  if (route && typeof route.path === 'string') return `${mount}${route.path}` || '/';
  if (mount && !/^\/?$/.test(mount)) return `${mount}/*`;
  return 'unmatched';
}

/** Counts and times every request when metrics are on (METRICS_TOKEN): at the end of its answer, by route pattern. */
export function requestMetrics(metrics: Pick<MetricsService, 'enabled' | 'observeRequest'>): RequestHandler {
  return (req, res, next) => {
    if (!metrics.enabled) return next();
    const started = process.hrtime.bigint();
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeRequest(req.method, routePattern(req), res.statusCode, seconds);
    };
    res.once('finish', record);
    // a client that went away before the answer ended: counted with the status set so far
    res.once('close', record);
    next();
  };
}
