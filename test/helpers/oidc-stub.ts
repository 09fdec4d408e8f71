import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** Who the stub signs in next, and what its ID token says (each field may be bent to test a refusal). */
export interface StubIdentity {
  sub: string;
  email?: string;
  email_verified?: boolean;
  xms_edov?: boolean;
  name?: string;
  /** Overrides of the token: another audience, an expiry in the past, another issuer. */
  aud?: string;
  expiresInSeconds?: number;
  iss?: string;
}

interface Grant {
  identity: StubIdentity;
  nonce: string;
  challenge: string;
  redirectUri: string;
  used: boolean;
}

/**
 * A small OpenID Connect provider on loopback for integration tests, built with jose: discovery, JWKS, an authorize
 * endpoint that signs in `next` at once, and a token endpoint that checks the client secret, the code (once) and
 * PKCE, and signs an ID token whose claims a test may bend (another audience, expired). The real flow through a
 * full provider (oidc-provider) runs in the e2e suite.
 */
export class OidcStub {
  next: StubIdentity = { sub: 'user-1' };
  readonly clientId = 'medvirk-test';
  clientSecret = 'stub-secret';
  /** Token requests answered, to see a replayed code refused. */
  readonly tokenRequests: Array<{ status: number; error?: string }> = [];
  private readonly grants = new Map<string, Grant>();

  private constructor(
    private readonly server: http.Server,
    readonly issuer: string,
    private readonly sign: (claims: Record<string, unknown>) => Promise<string>,
    private readonly jwk: JWK,
  ) {}

  static async start(): Promise<OidcStub> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'stub-1', alg: 'RS256', use: 'sig' };
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'stub-1' }).sign(privateKey);
    const made: { stub?: OidcStub } = {};
    const server = http.createServer((req, res) => {
      made.stub!.handle(req, res).catch((err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    made.stub = new OidcStub(server, `http://127.0.0.1:${port}`, sign, jwk);
    return made.stub;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: this.issuer,
        authorization_endpoint: `${this.issuer}/authorize`,
        token_endpoint: `${this.issuer}/token`,
        jwks_uri: `${this.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        scopes_supported: ['openid', 'email', 'profile'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [this.jwk] });
    if (url.pathname === '/authorize') {
      const p = url.searchParams;
      const code = randomBytes(16).toString('base64url');
      this.grants.set(code, {
        identity: this.next,
        nonce: p.get('nonce') ?? '',
        challenge: p.get('code_challenge') ?? '',
        redirectUri: p.get('redirect_uri') ?? '',
        used: false,
      });
      const back = new URL(p.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state') ?? '');
      back.searchParams.set('iss', this.issuer);
      res.writeHead(302, { location: back.href });
      res.end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += String(chunk);
      const form = new URLSearchParams(body);
      const basic = req.headers.authorization?.startsWith('Basic ')
        ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString().split(':').map(decodeURIComponent)
        : undefined;
      const [id, secret] = basic ?? [form.get('client_id'), form.get('client_secret')];
      const refuse = (status: number, error: string) => {
        this.tokenRequests.push({ status, error });
        json(status, { error });
      };
      if (id !== this.clientId || secret !== this.clientSecret) return refuse(401, 'invalid_client');
      const grant = this.grants.get(form.get('code') ?? '');
      if (!grant || grant.used) return refuse(400, 'invalid_grant');
      grant.used = true;
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
        return refuse(400, 'invalid_grant');
      }
      const now = Math.floor(Date.now() / 1000);
      const { aud, expiresInSeconds, iss, ...claims } = grant.identity;
      const idToken = await this.sign({
        ...claims,
        iss: iss ?? this.issuer,
        aud: aud ?? this.clientId,
        nonce: grant.nonce,
        iat: now,
        exp: now + (expiresInSeconds ?? 300),
      });
      this.tokenRequests.push({ status: 200 });
      return json(200, {
        access_token: randomBytes(16).toString('hex'),
        token_type: 'Bearer',
        expires_in: 300,
        id_token: idToken,
      });
    }
    res.writeHead(404);
    res.end();
  }
}
