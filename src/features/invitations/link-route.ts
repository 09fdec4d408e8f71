import type { AuditService } from '../audit/audit.service.js';
import type { TokenRoute } from '../../middleware/token-routes.js';

/** Visits to personal-link pages (/i/ and /me/) per IP address per 15 minutes. */
export const LINK_VISITS_PER_IP = 60;

/**
 * The token route of a page opened by a link in an e-mail to a representative (/i, /me): one budget of visits
 * for both (a guessed token costs a request like any other), and refusals audited as `action`.
 */
export function personalLinkRoute(prefix: string, action: string, audit: AuditService): Required<TokenRoute> {
  return {
    prefix,
    limit: { key: 'link', visits: LINK_VISITS_PER_IP, windowMinutes: 15 },
    renderLimited: (req, res, seconds) =>
      res.render('invitations/link-problem', {
        title: req.t('links.limited.title'),
        heading: req.t('links.limited.title'),
        message: req.t('links.limited.body', { count: Math.ceil(seconds / 60) }),
        facilitator: null,
      }),
    // counted per source and hour: a guessing or forging client adds to one row, not a row per request
    refused: (req, reason) =>
      audit.recordRefusal({ organisationId: null, actorType: 'anonymous', action, details: { reason } }, req.ip ?? ''),
  };
}
