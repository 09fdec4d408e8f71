import * as client from 'openid-client';
import type { SsoClaims } from './sso.model.js';

/** How long Medvirk waits for the provider (discovery, the token request) before it gives up, in seconds. */
const PROVIDER_TIMEOUT_SECONDS = 8;

/** Why talking to the provider failed: unreachable (down, or no such issuer), the client refused, the token bad. */
export type OidcFailure = 'unreachable' | 'client' | 'token';

export class OidcError extends Error {
  constructor(
    readonly failure: OidcFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Sorts openid-client's errors into what the pages and the audit say. */
function classify(err: unknown): OidcError {
  const e = err as { error?: string; code?: string; message?: string; cause?: unknown };
  if (e.error === 'invalid_client' || e.error === 'unauthorized_client') return new OidcError('client', e.error);
  if (e.code === 'OAUTH_RESPONSE_BODY_ERROR' || e.error) return new OidcError('token', e.error ?? 'error response');
  if (e.code?.startsWith('OAUTH_') || e.code?.startsWith('ERR_JW')) return new OidcError('token', e.code);
  return new OidcError('unreachable', e.message ?? 'unreachable');
}

/**
 * The OpenID Connect relying party, through openid-client (panva): discovery of a provider's metadata and keys
 * (cached per organisation and configuration, refreshed when it changes), the authorization request with PKCE, state
 * and nonce, and the code exchange, which validates the ID token (issuer, audience, expiry, signature via the JWKS,
 * nonce). Nothing of the token's validation is written here.
 */
export class OidcClients {
  private readonly cache = new Map<string, Promise<client.Configuration>>();

  constructor(private readonly options: { allowHttp: boolean; redirectUri: string }) {}

  /** The provider's metadata, fetched now (the settings page's check); throws an OidcError. */
  async discover(issuer: string, clientId: string, secret: string): Promise<client.Configuration> {
    try {
      return await client.discovery(new URL(issuer), clientId, secret, client.ClientSecretPost(secret), {
        execute: this.options.allowHttp ? [client.allowInsecureRequests] : [],
        timeout: PROVIDER_TIMEOUT_SECONDS,
      });
    } catch (err) {
      throw classify(err);
    }
  }

  /** The cached configuration of an organisation's provider (`version` changes when the settings do). */
  configuration(version: string, issuer: string, clientId: string, secret: string): Promise<client.Configuration> {
    let found = this.cache.get(version);
    if (!found) {
      found = this.discover(issuer, clientId, secret);
      // a failed discovery is not kept: the next sign-in tries again
      found.catch(() => this.cache.delete(version));
      this.cache.set(version, found);
    }
    return found;
  }

  /** Where the browser goes to sign in at the provider, with fresh PKCE, state and nonce (returned to keep). */
  async authorizationUrl(
    config: client.Configuration,
    loginHint: string,
  ): Promise<{ url: string; state: string; nonce: string; codeVerifier: string }> {
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...(loginHint ? { login_hint: loginHint } : {}),
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the callback's code and validates the ID token; its claims, or an OidcError. */
  async callback(
    config: client.Configuration,
    currentUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<SsoClaims> {
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (err) {
      throw classify(err);
    }
    if (!claims) throw new OidcError('token', 'no ID token');
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email,
      emailVerified: claims.email_verified === true || claims.xms_edov === true || claims.xms_edov === 'true',
      name: typeof claims.name === 'string' ? claims.name.trim() : '',
    };
  }
}
