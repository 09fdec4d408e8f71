import { Router, type Request } from 'express';
import type { Services } from '../../services.js';
import { formatDate } from '../../lib/i18n.js';
import { problemErrors, typedValues, validateForm } from '../../lib/forms.js';
import { AppError } from '../../lib/errors.js';
import { requireRole } from '../../middleware/roles.js';
import { renderDashboard } from '../dashboard/dashboard.routes.js';
import { markSchema, snoozeSchema } from './worklist.schema.js';

/** Back to the view (and the group shown in full) the form was posted from, at the list. */
const back = (view: string | undefined, group: string | undefined) => {
  const query = new URLSearchParams();
  if (view) query.set('view', view);
  if (group) query.set('group', group);
  const search = query.toString();
  return `/${search ? `?${search}` : ''}#worklist${group ? `-${group}` : ''}`;
};

/** The field id of an item's snooze date (an item key holds colons): the error summary links to it. */
export const snoozeFieldId = (key: string) => `until-${key.replace(/[^A-Za-z0-9]/g, '-')}`;

/**
 * The worklist's marks, for the whole team: done, snooze until a day, take the mark off. The list itself is on `/`
 * (dashboard.routes.ts). Facilitators and admins only; an item that is not on the organisation's list is a 404.
 */
export function worklistRoutes(services: Services): Router {
  const router = Router();
  const worklist = services.worklistService;
  router.use('/worklist', requireRole('facilitator', 'admin'));

  const keyOrRefuse = (req: Request) => {
    // a key that is not one is no item of the organisation's list: as unknown as another organisation's
    const form = validateForm(markSchema, req.body, req.t);
    if (!form.ok) throw new AppError(404, 'worklist.errors.key');
    return form.data;
  };

  router.post('/worklist/done', async (req, res) => {
    const { key, view, group } = keyOrRefuse(req);
    await worklist.markDone(req.user!, key);
    req.flash('success', 'worklist.flash.done');
    res.redirect(303, back(view, group));
  });

  router.post('/worklist/snooze', async (req, res) => {
    const { key, view, group } = keyOrRefuse(req);
    const values = typedValues(req.body);
    const refuse = (field: string, message: string) =>
      renderDashboard(services, req, res, 422, { key, values, errors: [{ field: snoozeFieldId(key), message }] });
    const form = validateForm(snoozeSchema, req.body, req.t);
    if (!form.ok) return refuse('until', form.errors[0]!.message);
    const { problem } = await worklist.snooze(req.user!, key, form.data.until);
    if (problem) return refuse(problem.field, problemErrors(req.t, problem)[0]!.message);
    req.flash('success', 'worklist.flash.snoozed', { date: formatDate(form.data.until, req.locale) });
    res.redirect(303, back(view, group));
  });

  router.post('/worklist/reopen', async (req, res) => {
    const { key, view, group } = keyOrRefuse(req);
    await worklist.reopen(req.user!, key);
    req.flash('success', 'worklist.flash.reopened');
    res.redirect(303, back(view, group));
  });

  return router;
}
