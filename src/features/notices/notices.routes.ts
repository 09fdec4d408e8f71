import { Router } from 'express';
import type { Services } from '../../services.js';
import { AppError, notFound } from '../../lib/errors.js';
import { validateForm } from '../../lib/forms.js';
import { requireId } from '../../lib/paths.js';
import { requireRole } from '../../middleware/roles.js';
import { dismissManySchema } from './notices.schema.js';

/** The dashboard's "Since last time": marking notices as seen, for the whole team. Supervisors never get here. */
export function noticesRoutes(services: Services): Router {
  const router = Router();
  const notices = services.noticesService;
  const staff = requireRole('facilitator', 'admin');

  // "Mark all as seen": the notices the dashboard showed, not any written since it was loaded
  router.post('/notices/seen', staff, async (req, res) => {
    const form = validateForm(dismissManySchema, req.body, req.t);
    if (!form.ok) throw new AppError(422, 'notices.errors.ids');
    const n = await notices.dismissMany(req.user!, form.data.ids);
    req.flash('success', 'notices.seenMany', { count: n });
    res.redirect(303, '/');
  });

  router.post('/notices/:id/seen', staff, async (req, res) => {
    if (!(await notices.dismiss(req.user!, requireId(req.params.id)))) throw notFound();
    req.flash('success', 'notices.seenOne');
    res.redirect(303, '/#notices');
  });

  return router;
}
