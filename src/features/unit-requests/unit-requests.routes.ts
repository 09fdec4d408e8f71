import { Router, type Request, type Response } from 'express';
import type { Services } from '../../services.js';
import { typedValues, validateForm, type FieldError } from '../../lib/forms.js';
import { requireId } from '../../lib/paths.js';
import { linkGuard } from '../../middleware/link-guard.js';
import { requireRole } from '../../middleware/roles.js';
import { unitRequestSchema } from './unit-requests.schema.js';

/**
 * Units ask for involvement (issue 21, item 4). /ask/<token> is the organisation's request form, for anyone with the
 * address (a registered token route: no-store, token redacted, case-exact, the link rate limit; an address that is
 * not one is a 404 with a page that says so). /requests lists the requests for facilitators and admins, makes the
 * form's address, and turns a request into a project or closes it.
 */
export function unitRequestsRoutes(services: Services): Router {
  const router = Router({ caseSensitive: true });
  const requests = services.unitRequestsService;
  const guard = linkGuard('/ask', 'ask.link_refused', { audit: services.auditService });
  services.runtime.tokenRoutes.register(guard);
  const staff = requireRole('facilitator', 'admin');

  const unknown = async (req: Request, res: Response) => {
    await guard.refused(req, 'unknown');
    res.status(404).render('invitations/link-problem', {
      title: req.t('ask.unknown.title'),
      heading: req.t('ask.unknown.title'),
      message: req.t('ask.unknown.body'),
      facilitator: null,
    });
  };
  const renderForm = (
    req: Request,
    res: Response,
    organisationName: string,
    status = 200,
    values: Record<string, string> = {},
    errors: FieldError[] = [],
  ) =>
    res.status(status).render('unit-requests/ask', {
      title: req.t('ask.title', { organisation: organisationName }),
      organisationName,
      action: req.originalUrl.split('?')[0],
      values,
      errors,
    });

  router.get('/ask/:token', async (req, res) => {
    const organisation = await requests.organisationOf(req.params.token);
    if (!organisation) return unknown(req, res);
    renderForm(req, res, organisation.name);
  });

  router.post('/ask/:token', async (req, res) => {
    const organisation = await requests.organisationOf(req.params.token);
    if (!organisation) return unknown(req, res);
    const form = validateForm(unitRequestSchema, req.body, req.t);
    if (!form.ok) return renderForm(req, res, organisation.name, 422, typedValues(req.body), form.errors);
    await requests.submit(req.params.token, form.data);
    res.render('unit-requests/thanks', {
      title: req.t('ask.thanks.title'),
      organisationName: organisation.name,
    });
  });

  router.get('/requests', staff, async (req, res) => {
    const { requests: list, addressMadeAt } = await requests.list(req.user!);
    res.render('unit-requests/list', { title: req.t('ask.list.title'), requests: list, addressMadeAt });
  });

  router.post('/requests/address', staff, async (req, res) => {
    const url = await requests.makeAddress(req.user!);
    req.flash('success', 'ask.list.addressMade', { url });
    res.redirect(303, '/requests');
  });

  router.post('/requests/:id/project', staff, async (req, res) => {
    const projectId = await requests.makeProject(req.user!, requireId(req.params.id));
    req.flash('success', 'ask.list.projectMade');
    res.redirect(303, `/projects/${projectId}/edit`);
  });

  router.post('/requests/:id/decline', staff, async (req, res) => {
    await requests.decline(req.user!, requireId(req.params.id));
    req.flash('success', 'ask.list.declined');
    res.redirect(303, '/requests');
  });

  return router;
}
