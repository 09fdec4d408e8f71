import type { Db } from '../../db.js';
import { on } from '../../db.js';
import { toBool, toInstant, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type { SsoSettings } from './sso.model.js';

interface SettingsRow {
  organisation_id: number | string;
  issuer: string;
  client_id: string;
  client_secret_sealed: string;
  passwords_allowed: unknown;
  updated_at: unknown;
  last_error: string | null;
  last_error_at: unknown;
}

/** Organisations' OpenID Connect providers, their e-mail domains (one organisation each) and password sign-in. */
export class SsoSettingsRepository {
  constructor(private readonly db: Db) {}

  async find(organisationId: number, tx?: Tx): Promise<SsoSettings | undefined> {
    const row = await on(
      this.db,
      tx,
    )('organisation_sso')
      .where({ organisation_id: organisationId })
      .first<SettingsRow | undefined>();
    if (!row) return undefined;
    return {
      organisationId: toNumber(row.organisation_id),
      issuer: row.issuer,
      clientId: row.client_id,
      sealedSecret: row.client_secret_sealed,
      passwordsAllowed: toBool(row.passwords_allowed),
      updatedAt: toInstant(row.updated_at)!,
      lastError: row.last_error,
      lastErrorAt: toInstant(row.last_error_at),
    };
  }

  /** Whether the organisation's users may sign in with a password (yes, unless its single sign-on says no). */
  async passwordsAllowed(organisationId: number): Promise<boolean> {
    const row = await this.db('organisation_sso')
      .where({ organisation_id: organisationId })
      .first<{ passwords_allowed: unknown } | undefined>('passwords_allowed');
    return row ? toBool(row.passwords_allowed) : true;
  }

  async domains(organisationId: number, tx?: Tx): Promise<string[]> {
    const rows = await on(
      this.db,
      tx,
    )('organisation_email_domains')
      .where({ organisation_id: organisationId })
      .orderBy('domain')
      .select<{ domain: string }[]>('domain');
    return rows.map((r) => r.domain);
  }

  /** Which organisations hold these domains (to refuse one claimed by another, and to start a sign-in). */
  async domainOwners(domains: string[], tx?: Tx): Promise<Map<string, number>> {
    if (!domains.length) return new Map();
    const rows = await on(
      this.db,
      tx,
    )('organisation_email_domains')
      .whereIn('domain', domains)
      .select<{ domain: string; organisation_id: number | string }[]>('domain', 'organisation_id');
    return new Map(rows.map((r) => [r.domain, toNumber(r.organisation_id)]));
  }

  /** Stores the provider and its domains (replacing the earlier ones). */
  async save(
    settings: Pick<SsoSettings, 'organisationId' | 'issuer' | 'clientId' | 'sealedSecret' | 'passwordsAllowed'>,
    domains: string[],
    now: string,
    tx?: Tx,
  ): Promise<void> {
    const q = on(this.db, tx);
    await q('organisation_sso')
      .insert({
        organisation_id: settings.organisationId,
        issuer: settings.issuer,
        client_id: settings.clientId,
        client_secret_sealed: settings.sealedSecret,
        passwords_allowed: settings.passwordsAllowed,
        updated_at: now,
        last_error: null,
        last_error_at: null,
      })
      .onConflict('organisation_id')
      .merge();
    await q('organisation_email_domains').where({ organisation_id: settings.organisationId }).delete();
    if (domains.length) {
      await q('organisation_email_domains').insert(
        domains.map((domain) => ({ domain, organisation_id: settings.organisationId, created_at: now })),
      );
    }
  }

  /** Turns single sign-on off: the provider and the domains go; passwords sign in again. */
  async remove(organisationId: number, tx?: Tx): Promise<void> {
    const q = on(this.db, tx);
    await q('organisation_email_domains').where({ organisation_id: organisationId }).delete();
    await q('organisation_sso').where({ organisation_id: organisationId }).delete();
  }

  async setPasswordsAllowed(organisationId: number, allowed: boolean, now: string, tx?: Tx): Promise<number> {
    return on(
      this.db,
      tx,
    )('organisation_sso')
      .where({ organisation_id: organisationId })
      .update({ passwords_allowed: allowed, updated_at: now });
  }

  /** Records the last failure of a sign-in through the provider, for the admin's page. */
  async recordError(organisationId: number, message: string, now: string): Promise<void> {
    await this.db('organisation_sso')
      .where({ organisation_id: organisationId })
      .update({ last_error: message.slice(0, 500), last_error_at: now });
  }

  async clearError(organisationId: number): Promise<void> {
    await this.db('organisation_sso')
      .where({ organisation_id: organisationId })
      .whereNotNull('last_error')
      .update({ last_error: null, last_error_at: null });
  }
}
