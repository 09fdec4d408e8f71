import type { Clock } from '../../lib/clock.js';
import type { FieldProblem } from '../../lib/problems.js';
import { open, seal } from '../../lib/secret-box.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser } from '../users/users.types.js';
import { OidcError, type OidcClients } from './oidc.js';
import type { SsoSettingsRepository } from './sso-settings.repository.js';
import { isDomain, normaliseDomain, type SsoSettings } from './sso.model.js';

export interface SsoSettingsInput {
  issuer: string;
  clientId: string;
  /** Blank keeps the stored secret. */
  clientSecret: string;
  /** E-mail domains, separated by commas, spaces or lines. */
  domains: string;
  passwordsAllowed: boolean;
}

/** The provider as the settings form shows it: never the secret, only whether one is stored. */
export interface SsoSettingsView {
  configured: boolean;
  issuer: string;
  clientId: string;
  hasSecret: boolean;
  domains: string[];
  passwordsAllowed: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  /** SSO_SECRET_KEY is not set (production): single sign-on cannot be configured. */
  keyMissing: boolean;
  redirectUri: string;
}

export interface SsoSettingsDeps {
  transact: Transact;
  settings: SsoSettingsRepository;
  oidc: OidcClients;
  audit: AuditService;
  clock: Clock;
  key: Buffer | undefined;
  allowHttp: boolean;
  redirectUri: string;
}

/**
 * An organisation's single sign-on as its admin configures it on /admin/settings: the provider (checked by a
 * discovery before anything is saved), the client secret sealed with SSO_SECRET_KEY, the e-mail domains (each at
 * one organisation only) and whether passwords still sign in.
 */
export class SsoSettingsService {
  constructor(private readonly deps: SsoSettingsDeps) {}

  async view(actor: CurrentUser): Promise<SsoSettingsView> {
    const { settings, key, redirectUri } = this.deps;
    const [stored, domains] = await Promise.all([
      settings.find(actor.organisationId),
      settings.domains(actor.organisationId),
    ]);
    return {
      configured: stored !== undefined,
      issuer: stored?.issuer ?? '',
      clientId: stored?.clientId ?? '',
      hasSecret: stored !== undefined,
      domains,
      passwordsAllowed: stored?.passwordsAllowed ?? true,
      lastError: stored?.lastError ?? null,
      lastErrorAt: stored?.lastErrorAt ?? null,
      keyMissing: key === undefined,
      redirectUri,
    };
  }

  /** The organisation's provider with its secret unsealed, for a sign-in; undefined when none (or unreadable). */
  async provider(organisationId: number): Promise<(SsoSettings & { secret: string }) | undefined> {
    const { settings, key } = this.deps;
    const stored = await settings.find(organisationId);
    const secret = stored && key ? open(stored.sealedSecret, key) : undefined;
    return stored && secret !== undefined ? { ...stored, secret } : undefined;
  }

  /** Whether the organisation's users may sign in with a password. */
  passwordsAllowed(organisationId: number): Promise<boolean> {
    return this.deps.settings.passwordsAllowed(organisationId);
  }

  /** Checks and saves the provider; a problem (422) leaves everything as it was. */
  async save(actor: CurrentUser, input: SsoSettingsInput): Promise<FieldProblem | undefined> {
    const { transact, settings, oidc, audit, clock, key, allowHttp } = this.deps;
    if (!key) return { field: 'oidcClientSecret', key: 'sso.errors.noKey' };
    const issuer = input.issuer.trim().replace(/\/+$/, '');
    let url: URL | undefined;
    try {
      url = new URL(issuer);
    } catch {
      url = undefined;
    }
    if (!url || !(url.protocol === 'https:' || (allowHttp && url.protocol === 'http:'))) {
      return { field: 'oidcIssuer', key: 'sso.errors.issuerInvalid' };
    }
    const clientId = input.clientId.trim();
    if (!clientId || clientId.length > 255) return { field: 'oidcClientId', key: 'sso.errors.clientIdRequired' };
    const stored = await this.provider(actor.organisationId);
    const secret = input.clientSecret.trim() || stored?.secret;
    if (!secret) return { field: 'oidcClientSecret', key: 'sso.errors.secretRequired' };
    const domains = [
      ...new Set(
        input.domains
          .split(/[\s,;]+/)
          .map(normaliseDomain)
          .filter(Boolean),
      ),
    ].sort();
    if (!domains.length) return { field: 'ssoDomains', key: 'sso.errors.domainsRequired' };
    const bad = domains.find((d) => !isDomain(d));
    if (bad) return { field: 'ssoDomains', key: 'sso.errors.domainInvalid', params: { domain: bad } };
    const owners = await settings.domainOwners(domains);
    const taken = domains.find((d) => owners.has(d) && owners.get(d) !== actor.organisationId);
    if (taken) return { field: 'ssoDomains', key: 'sso.errors.domainTaken', params: { domain: taken } };
    try {
      await oidc.discover(issuer, clientId, secret);
    } catch (err) {
      const reason = err instanceof OidcError ? err.message : String(err);
      return { field: 'oidcIssuer', key: 'sso.errors.discovery', params: { reason: reason.slice(0, 200) } };
    }
    await transact(async (tx) => {
      const record = {
        organisationId: actor.organisationId,
        issuer,
        clientId,
        sealedSecret: seal(secret, key),
        passwordsAllowed: input.passwordsAllowed,
      };
      await settings.save(record, domains, clock.now().toISO()!, tx);
      await audit.byUser(
        actor,
        'organisation.sso_configured',
        { type: 'organisation', id: actor.organisationId },
        {
          domains: domains.length,
          passwordsAllowed: input.passwordsAllowed,
          secretChanged: !!input.clientSecret.trim(),
        },
        tx,
      );
    });
    return undefined;
  }

  /** Turns single sign-on off: passwords sign in again; users' identities stay, for when it is turned on again. */
  async turnOff(actor: CurrentUser): Promise<void> {
    const { transact, settings, audit } = this.deps;
    await transact(async (tx) => {
      await settings.remove(actor.organisationId, tx);
      await audit.byUser(actor, 'organisation.sso_removed', { type: 'organisation', id: actor.organisationId }, {}, tx);
    });
  }

  /** The organisation an e-mail domain signs in at, if any. */
  async organisationOfDomain(domain: string): Promise<number | undefined> {
    const d = normaliseDomain(domain);
    return (await this.deps.settings.domainOwners([d])).get(d);
  }

  /** The operator's recovery (`npm run org:allow-passwords`): passwords sign in again; false when nothing changed. */
  async allowPasswordsByOperator(organisationId: number): Promise<boolean> {
    const { transact, settings, audit, clock } = this.deps;
    return transact(async (tx) => {
      const changed = await settings.setPasswordsAllowed(organisationId, true, clock.now().toISO()!, tx);
      if (!changed) return false;
      await audit.record(
        {
          organisationId,
          actorType: 'system',
          action: 'organisation.passwords_allowed',
          entityType: 'organisation',
          entityId: organisationId,
          details: { by: 'operator' },
        },
        tx,
      );
      return true;
    });
  }
}
