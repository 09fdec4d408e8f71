import type { TokenRoute } from './token-routes.js';

/** Visits to personal-link pages (/i/, /me/ and /email/confirm/) per IP address per 15 minutes. */
export const LINK_VISITS_PER_IP = 60;

/** A refused request through a link, as the audit records it: anonymous, no organisation, the reason only. */
export interface RefusedLinkEvent {
  organisationId: null;
  actorType: 'anonymous';
  action: string;
  details: { reason: string };
}

export interface LinkGuardDeps {
  /** Counts refusals per source and hour into one row (AuditService.recordRefusal). */
  audit: { recordRefusal(event: RefusedLinkEvent, source: string): Promise<void> };
}

/**
 * The guard of a page opened by a link in an e-mail to a representative (/i, /me, /email/confirm), registered
 * with the token routes: one budget of visits for all of them, counted per address by `tokenRouteGuard` before
 * the CSRF check and before any audit (a guessed token costs a request like any other); the page shown when the
 * budget is spent; and refusals (a forged form, an unknown or spent link) audited as `action`, counted per source
 * and hour, so that a guessing or forging client adds to one row, not a row per request.
 */
export function linkGuard(prefix: string, action: string, deps: LinkGuardDeps): Required<TokenRoute> {
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
    refused: (req, reason) =>
      deps.audit.recordRefusal(
        { organisationId: null, actorType: 'anonymous', action, details: { reason } },
        req.ip ?? '',
      ),
  };
}
