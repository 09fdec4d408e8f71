import type { Invitation } from './invitations.model.js';

/** Where a shortlisted person's invitation goes: by e-mail, to be phoned or written to, or nowhere (and why). */
export type Route =
  { kind: 'email' } | { kind: 'contact'; channel: 'phone' | 'letter' } | { kind: 'skip'; reason: string };

/** Decides how a shortlisted person can be invited, from their consents and contact preference. */
export function routeFor(
  invitation: Pick<
    Invitation,
    'preferredContact' | 'phone' | 'postalAddress' | 'email' | 'emailUndeliverable' | 'emailConsent'
  >,
): Route {
  if (invitation.preferredContact === 'phone') {
    return invitation.phone ? { kind: 'contact', channel: 'phone' } : { kind: 'skip', reason: 'noPhone' };
  }
  if (invitation.preferredContact === 'letter') {
    return invitation.postalAddress ? { kind: 'contact', channel: 'letter' } : { kind: 'skip', reason: 'noAddress' };
  }
  if (!invitation.email)
    return invitation.phone ? { kind: 'contact', channel: 'phone' } : { kind: 'skip', reason: 'noEmail' };
  if (invitation.emailUndeliverable) return { kind: 'skip', reason: 'undeliverable' };
  if (!invitation.emailConsent) {
    return invitation.phone ? { kind: 'contact', channel: 'phone' } : { kind: 'skip', reason: 'noEmailConsent' };
  }
  return { kind: 'email' };
}
