import { Router } from 'express';
import type { Services } from '../../services.js';
import { formatDateTime } from '../../lib/i18n.js';
import { requireId } from '../../lib/paths.js';
import { linkGuard } from '../../middleware/link-guard.js';
import { requireRole } from '../../middleware/roles.js';
import { renderReport, requestFrom } from '../reports/reports.routes.js';
import { renderResults } from '../results/results.routes.js';

/** Where a form may send the reader back to: the report or a project's results, nothing else. */
const backTo = (value: unknown, fallback: string) =>
  typeof value === 'string' && /^\/(reports(\?[^#\s]*)?|projects\/\d+\/results)$/.test(value) ? value : fallback;

/**
 * Share links (issue 21, item 3): made and revoked from the report and a project's results page by anyone who reads
 * them; opened at /s/<token> without an account, as a registered token route (no-store, the token redacted in
 * logs, case-exact, the link rate limit, refusals audited per source and hour). An unknown link is 404, an expired
 * or revoked one 410, each with a page that says so.
 */
export function sharingRoutes(services: Services): Router {
  const router = Router({ caseSensitive: true });
  const sharing = services.sharingService;
  const readers = requireRole('facilitator', 'admin', 'supervisor');
  const guard = linkGuard('/s', 'share.link_refused', { audit: services.auditService });
  services.runtime.tokenRoutes.register(guard);

  const days = (body: unknown) => Number((body as Record<string, unknown> | undefined)?.days);

  router.post('/reports/share', readers, async (req, res) => {
    const request = requestFrom(req, req.body);
    const back = backTo((req.body as Record<string, unknown>).back, '/reports');
    const made = await sharing.create(req.user!, { kind: 'report', request }, days(req.body));
    if ('key' in made) {
      req.flash('warning', made.key);
      return res.redirect(303, `${back}#shared`);
    }
    req.flash('success', 'share.created', {
      url: made.url,
      until: formatDateTime(made.expiresAt, req.locale, req.user!.timeZone),
    });
    res.redirect(303, `${back}#shared`);
  });

  router.post('/projects/:id/results/share', readers, async (req, res) => {
    const projectId = requireId(req.params.id);
    const made = await sharing.create(req.user!, { kind: 'results', projectId }, days(req.body));
    const back = `/projects/${projectId}/results#shared`;
    if ('key' in made) {
      req.flash('warning', made.key);
      return res.redirect(303, back);
    }
    req.flash('success', 'share.created', {
      url: made.url,
      until: formatDateTime(made.expiresAt, req.locale, req.user!.timeZone),
    });
    res.redirect(303, back);
  });

  router.post('/share/:id/revoke', readers, async (req, res) => {
    await sharing.revoke(req.user!, requireId(req.params.id));
    req.flash('success', 'share.revoked');
    res.redirect(303, `${backTo((req.body as Record<string, unknown>).back, '/reports')}#shared`);
  });

  router.get('/s/:token', async (req, res) => {
    const opened = await sharing.open(req.params.token, req.locale);
    if (!opened || opened === 'gone') {
      const gone = opened === 'gone';
      // a guessed link is counted into one audit row per source and hour, after the rate limit
      if (!gone) await guard.refused(req, 'unknown');
      return res.status(gone ? 410 : 404).render('invitations/link-problem', {
        title: req.t(gone ? 'share.gone.title' : 'share.unknown.title'),
        heading: req.t(gone ? 'share.gone.title' : 'share.unknown.title'),
        message: req.t(gone ? 'share.gone.body' : 'share.unknown.body'),
        facilitator: null,
      });
    }
    const { link, reader } = opened;
    const shared = {
      until: formatDateTime(link.expiresAt, req.locale, reader.timeZone),
      asOf: formatDateTime(services.clock.now().toISO(), req.locale, reader.timeZone),
    };
    res.locals.organisationName = reader.organisationName;
    if (link.target.kind === 'report') return renderReport(services, req, res, reader, link.target.request, shared);
    return renderResults(services, req, res, reader, link.target.projectId, shared);
  });

  return router;
}
