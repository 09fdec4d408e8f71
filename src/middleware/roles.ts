import type { RequestHandler } from 'express';
import { forbidden } from '../lib/errors.js';
import type { Role } from '../features/users/users.types.js';
import { safeReturnPath } from '../lib/paths.js';

/** Sends visitors who are not signed in to the sign-in page, and back here afterwards. */
export const requireSignedIn: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.method === 'GET' || req.method === 'HEAD') {
    return res.redirect(303, `/login?returnTo=${encodeURIComponent(safeReturnPath(req.originalUrl))}`);
  }
  return res.redirect(303, '/login');
};

/** 403 for a signed-in user whose role may not use these routes. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    if (!req.user) return requireSignedIn(req, res, next);
    if (!roles.includes(req.user.role)) return next(forbidden());
    next();
  };
}
