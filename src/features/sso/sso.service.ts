import type { Clock } from '../../lib/clock.js';
import { AppError, notFound } from '../../lib/errors.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser, Role, User, UserAccounts } from '../users/users.types.js';
import { OidcError, type OidcClients, type OidcFailure } from './oidc.js';
import type { SsoSettingsService } from './sso-settings.service.js';
import type { SsoSettingsRepository } from './sso-settings.repository.js';
import type { SsoSignInRepository } from './sso-sign-in.repository.js';
import { emailDomain, type SsoClaims, type SsoRequest } from './sso.model.js';

/** How long a sign-in may take at the provider. */
export const SSO_FLOW_MINUTES = 10;

export type SsoStart =
  { kind: 'redirect'; url: string; flowToken: string } | { kind: 'unknown_domain' } | { kind: 'unreachable' };

/** How a callback ended: signed in, waiting for an admin, or refused (and why, for the page and the audit). */
export type SsoOutcome =
  | { kind: 'signed_in'; user: User; returnTo: string }
  | { kind: 'pending'; reason: 'unknown' | 'unverified' }
  | { kind: 'refused'; reason: 'flow' | 'state' | 'domain' | 'deactivated' | 'declined' | 'other_org' }
  | { kind: 'failed'; failure: OidcFailure };

export interface SsoDeps {
  transact: Transact;
  settings: SsoSettingsRepository;
  provider: Pick<SsoSettingsService, 'provider'>;
  signIns: SsoSignInRepository;
  users: UserAccounts & {
    findByEmailWithHash(email: string): Promise<(User & { passwordHash: string | null }) | undefined>;
    emailHolder(email: string): Promise<{ id: number; organisationId: number } | undefined>;
  };
  oidc: OidcClients;
  audit: AuditService;
  clock: Clock;
  /** Records a completed sign-in (AuthService.recordSignIn). */
  signedIn(user: User, method: 'sso'): Promise<void>;
}

/**
 * Single sign-on through an organisation's OpenID Connect provider: the sign-in starts at the organisation of the
 * address's domain, goes through the provider (authorization code with PKCE, state and nonce), and comes back to
 * /login/sso/callback, where the ID token is validated by openid-client. Users are matched by the provider's
 * subject; a first sign-in links an existing user with the same address only when the provider says the address is
 * verified; anyone else gets no access, only a request an admin may approve.
 */
export class SsoService {
  constructor(private readonly deps: SsoDeps) {}

  /** Starts a sign-in for an address: where to send the browser, and the flow's cookie value. */
  async start(emailInput: string, returnTo: string, source: string): Promise<SsoStart> {
    const { settings, provider, signIns, oidc, audit, clock } = this.deps;
    const email = emailInput.trim().toLowerCase();
    const owner = (await settings.domainOwners([emailDomain(email)])).get(emailDomain(email));
    const found = owner === undefined ? undefined : await provider.provider(owner);
    if (!found) return { kind: 'unknown_domain' };
    let url: { url: string; state: string; nonce: string; codeVerifier: string };
    try {
      const config = await oidc.configuration(
        `${found.organisationId}:${found.updatedAt}`,
        found.issuer,
        found.clientId,
        found.secret,
      );
      url = await oidc.authorizationUrl(config, email);
    } catch {
      await audit.recordRefusal(
        { organisationId: found.organisationId, actorType: 'anonymous', action: 'auth.sso_unreachable' },
        source,
      );
      return { kind: 'unreachable' };
    }
    const { token, hash } = newToken();
    const now = clock.now();
    await signIns.createFlow(
      hash,
      {
        organisationId: found.organisationId,
        state: url.state,
        nonce: url.nonce,
        codeVerifier: url.codeVerifier,
        returnTo,
        expiresAt: now.plus({ minutes: SSO_FLOW_MINUTES }).toISO()!,
      },
      now.toISO()!,
    );
    return { kind: 'redirect', url: url.url, flowToken: token };
  }

  /** The provider sent the browser back: checks everything, then signs in, records a request, or refuses. */
  async callback(flowToken: string | undefined, currentUrl: URL, source: string): Promise<SsoOutcome> {
    const { provider, signIns, oidc, clock } = this.deps;
    const now = clock.now().toISO()!;
    const flow = flowToken ? await signIns.takeFlow(hashToken(flowToken), now) : undefined;
    if (!flow) return this.refused(null, 'flow', source);
    const found = await provider.provider(flow.organisationId);
    if (!found) return this.refused(flow.organisationId, 'flow', source);
    if (currentUrl.searchParams.get('state') !== flow.state) return this.refused(flow.organisationId, 'state', source);
    let claims: SsoClaims;
    try {
      const config = await oidc.configuration(
        `${found.organisationId}:${found.updatedAt}`,
        found.issuer,
        found.clientId,
        found.secret,
      );
      claims = await oidc.callback(config, currentUrl, flow);
    } catch (err) {
      const failure: OidcFailure = err instanceof OidcError ? err.failure : 'token';
      await this.failed(flow.organisationId, failure, err instanceof Error ? err.message : String(err), source);
      return { kind: 'failed', failure };
    }
    return this.signIn(flow.organisationId, claims, flow.returnTo, source);
  }

  private async signIn(
    organisationId: number,
    claims: SsoClaims,
    returnTo: string,
    source: string,
  ): Promise<SsoOutcome> {
    const { settings, signIns, users, transact, audit, clock } = this.deps;
    const now = clock.now().toISO()!;
    const domains = await settings.domains(organisationId);
    if (!claims.email || !domains.includes(emailDomain(claims.email))) {
      return this.refused(organisationId, 'domain', source);
    }
    const identity = await signIns.identity(claims.issuer, claims.subject);
    if (identity) {
      if (identity.organisationId !== organisationId) return this.refused(organisationId, 'other_org', source);
      const user = await users.find(organisationId, identity.userId);
      if (!user || !user.active) return this.refused(organisationId, 'deactivated', source);
      await signIns.touchIdentity(claims.issuer, claims.subject, now);
      await this.deps.signedIn(user, 'sso');
      return { kind: 'signed_in', user, returnTo };
    }
    const existing = await users.findByEmailWithHash(claims.email);
    if (existing && existing.organisationId === organisationId && claims.emailVerified) {
      if (!existing.active) return this.refused(organisationId, 'deactivated', source);
      const { passwordHash: _hash, ...user } = existing;
      await transact(async (tx) => {
        await signIns.link(organisationId, user.id, claims, now, tx);
        await audit.byUser(user, 'user.sso_linked', { type: 'user', id: user.id }, { by: 'verified_email' }, tx);
      });
      await this.deps.signedIn(user, 'sso');
      return { kind: 'signed_in', user, returnTo };
    }
    // unknown to Medvirk, or an address the provider does not vouch for: no access, a request for an admin
    const request = await signIns.request(organisationId, claims, now);
    if (request.status === 'declined') return this.refused(organisationId, 'declined', source);
    await audit.record({
      organisationId,
      actorType: 'anonymous',
      action: 'auth.sso_request',
      entityType: 'sso_request',
      entityId: request.id,
      details: { verified: claims.emailVerified },
    });
    return {
      kind: 'pending',
      reason: existing && existing.organisationId === organisationId ? 'unverified' : 'unknown',
    };
  }

  private async refused(
    organisationId: number | null,
    reason: Extract<SsoOutcome, { kind: 'refused' }>['reason'],
    source: string,
  ): Promise<SsoOutcome> {
    await this.deps.audit.recordRefusal(
      { organisationId, actorType: 'anonymous', action: 'auth.sso_refused', details: { reason } },
      source,
    );
    return { kind: 'refused', reason };
  }

  private async failed(organisationId: number, failure: OidcFailure, message: string, source: string): Promise<void> {
    // the provider refused Medvirk itself (a wrong client secret): the admin's settings page says so
    if (failure === 'client')
      await this.deps.settings.recordError(organisationId, message, this.deps.clock.now().toISO()!);
    await this.deps.audit.recordRefusal(
      { organisationId, actorType: 'anonymous', action: 'auth.sso_failed', details: { reason: failure } },
      source,
    );
  }

  // -- requests for access ---------------------------------------------------------------------------------------

  pending(actor: CurrentUser): Promise<SsoRequest[]> {
    return this.deps.signIns.pending(actor.organisationId);
  }

  /** Which users of the organisation sign in through its provider. */
  usersWithIdentity(actor: CurrentUser): Promise<Set<number>> {
    return this.deps.signIns.usersWithIdentity(actor.organisationId);
  }

  /**
   * An admin approves a request with a role: the person becomes a user who signs in through the provider (no
   * password), or, when a user of the organisation has the request's address, that user is linked to the identity
   * (the admin's explicit link, for an address the provider did not vouch for).
   */
  async approve(actor: CurrentUser, id: number, role: Role): Promise<number> {
    const { transact, signIns, users, audit, clock } = this.deps;
    const request = await signIns.findRequest(actor.organisationId, id);
    if (!request || request.status !== 'pending') throw notFound();
    const holder = request.email ? await users.emailHolder(request.email) : undefined;
    if (holder && holder.organisationId !== actor.organisationId) throw new AppError(422, 'sso.errors.emailElsewhere');
    const now = clock.now().toISO()!;
    return transact(async (tx) => {
      if (!(await signIns.handle(actor.organisationId, id, 'approved', actor.id, now, tx))) throw notFound();
      const userId =
        holder?.id ??
        (await users.create(
          {
            organisationId: actor.organisationId,
            name: request.name || request.email,
            email: request.email,
            role,
            locale: actor.locale,
            passwordHash: null,
            mustChangePassword: false,
          },
          now,
          tx,
        ));
      const claims = { ...request, issuer: request.issuer, subject: request.subject };
      await signIns.link(actor.organisationId, userId, claims, now, tx);
      await audit.byUser(
        actor,
        'user.sso_request_approved',
        { type: 'user', id: userId },
        { role: holder ? 'existing' : role },
        tx,
      );
      return userId;
    });
  }

  async decline(actor: CurrentUser, id: number): Promise<void> {
    const { transact, signIns, audit, clock } = this.deps;
    await transact(async (tx) => {
      if (!(await signIns.handle(actor.organisationId, id, 'declined', actor.id, clock.now().toISO()!, tx))) {
        throw notFound();
      }
      await audit.byUser(actor, 'user.sso_request_declined', { type: 'sso_request', id }, {}, tx);
    });
  }
}
