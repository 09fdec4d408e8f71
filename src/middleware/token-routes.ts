import type { Request, RequestHandler, Response } from 'express';
import { notFound } from '../lib/errors.js';
import type { Clock } from '../lib/clock.js';

/** Counts visits per key in a fixed window (the rate limits of the auth feature implement it). */
export interface VisitCounter {
  /** Adds one visit; returns the window's count so far and when the window ends (ISO instant). */
  hit(key: string, windowMs: number, now: Date): Promise<{ count: number; resetsAt: string }>;
}

/** A page opened by a personal link: `<prefix>/<token>` and the forms below it. */
export interface TokenRoute {
  /** Lower case, without a trailing slash: '/i', '/me', '/password/reset'. */
  prefix: string;
  /** Visits per IP address per window; routes with the same key share one budget. */
  limit: { key: string; visits: number; windowMinutes: number };
  /** The page shown when the limit is reached (status and Retry-After are set already). */
  renderLimited(req: Request, res: Response, retryAfterSeconds: number): void;
  /**
   * Audits a refusal (a forged or missing form token, an unknown link), after the rate limit. Absent when the
   * route audits nothing of its own.
   */
  refused?(req: Request, reason: string): Promise<void>;
}

export interface TokenMatch {
  route: TokenRoute;
  token: string;
}

const PREFIX_SHAPE = /^(\/[a-z]+)+$/;

/**
 * The one list of pages opened by a personal link. A route joins by registering its prefix (and builds its
 * router with `caseSensitive: true`); the registry gives it no-store and no ETag, the token redacted in logs,
 * 404 for another spelling of the prefix (/ME/…), the CSRF token bound to the link and the link rate limit,
 * applied before any audit, and a layout without staff navigation or sign-in link (`res.locals.linkPage`).
 */
export class TokenRoutes {
  private readonly routes: TokenRoute[] = [];

  register(route: TokenRoute): void {
    if (!PREFIX_SHAPE.test(route.prefix)) throw new Error(`token route prefix must be lower case: ${route.prefix}`);
    if (this.routes.some((r) => r.prefix === route.prefix))
      throw new Error(`token route registered twice: ${route.prefix}`);
    this.routes.push(route);
  }

  list(): readonly TokenRoute[] {
    return this.routes;
  }

  /** The route and token of a path spelled exactly as registered. */
  match(path: string): TokenMatch | undefined {
    for (const route of this.routes) {
      if (!path.startsWith(`${route.prefix}/`)) continue;
      const token = path.slice(route.prefix.length + 1).split('/')[0]!;
      if (token) return { route, token };
    }
    return undefined;
  }

  /** Whether a path names a registered prefix in another spelling (/ME/…, /Password/Reset/…). */
  isCaseVariant(path: string): boolean {
    const lower = path.toLowerCase();
    return this.routes.some((r) => lower.startsWith(`${r.prefix}/`) && !path.startsWith(`${r.prefix}/`));
  }

  /** The path with the token of any registered prefix replaced, whatever its case, for logs. */
  redact(path: string): string {
    const lower = path.toLowerCase();
    for (const route of this.routes) {
      if (!lower.startsWith(`${route.prefix}/`)) continue;
      const rest = path.slice(route.prefix.length + 1);
      const slash = rest.indexOf('/');
      return `${path.slice(0, route.prefix.length)}/[token]${slash < 0 ? '' : rest.slice(slash)}`;
    }
    return path;
  }
}

/**
 * What the registry gives every token route before anything else runs for it (mounted before the CSRF check):
 * another spelling of the prefix is a 404 that never looks at the token; a registered page is never stored by a
 * cache nor given an ETag (the app sends none, app.ts); and a visit counts against the link rate limit before any audit can be written.
 */
export function tokenRouteGuard(routes: TokenRoutes, counter: VisitCounter, clock: Clock): RequestHandler {
  return async (req, res, next) => {
    if (routes.isCaseVariant(req.path)) return next(notFound());
    const match = routes.match(req.path);
    if (!match) return next();
    // the page is for the person the link was sent to: the layout shows no staff navigation and no sign-in link
    res.locals.linkPage = true;
    res.set('Cache-Control', 'no-store');
    const { key, visits, windowMinutes } = match.route.limit;
    const now = clock.now();
    const state = await counter.hit(`${key}:ip:${req.ip ?? 'unknown'}`, windowMinutes * 60_000, now.toJSDate());
    if (state.count <= visits) return next();
    const seconds = Math.max(1, Math.ceil((Date.parse(state.resetsAt) - now.toMillis()) / 1000));
    res.set('Retry-After', String(seconds));
    res.status(429);
    match.route.renderLimited(req, res, seconds);
  };
}
