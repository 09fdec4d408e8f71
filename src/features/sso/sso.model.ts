/** An organisation's OpenID Connect provider as stored (the client secret sealed, see src/lib/secret-box.ts). */
export interface SsoSettings {
  organisationId: number;
  issuer: string;
  clientId: string;
  sealedSecret: string;
  passwordsAllowed: boolean;
  updatedAt: string;
  lastError: string | null;
  lastErrorAt: string | null;
}

/** Someone the provider knows and Medvirk does not, waiting for an admin. */
export interface SsoRequest {
  id: number;
  issuer: string;
  subject: string;
  email: string;
  name: string;
  emailVerified: boolean;
  status: 'pending' | 'approved' | 'declined';
  createdAt: string;
  lastSeenAt: string;
}

/** A sign-in on its way through the provider (the cookie's hash is its key). */
export interface SsoFlow {
  organisationId: number;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  expiresAt: string;
}

/** The claims Medvirk reads from a validated ID token. */
export interface SsoClaims {
  issuer: string;
  subject: string;
  email: string;
  /** `email_verified`, or Entra ID's `xms_edov` (the domain owner verified it). */
  emailVerified: boolean;
  name: string;
}

/** An e-mail domain as stored: lower case, without a leading @. */
export const normaliseDomain = (value: string): string => value.trim().toLowerCase().replace(/^@/, '');

/** A domain name as people type one: labels of letters, digits and hyphens, at least one dot. */
export const isDomain = (value: string): boolean =>
  value.length <= 253 && /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/.test(value);

/** The domain of an e-mail address, lower case. */
export const emailDomain = (email: string): string => email.trim().toLowerCase().split('@').pop() ?? '';
