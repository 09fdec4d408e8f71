import { createHash, randomBytes } from 'node:crypto';

/** The SHA-256 of a link token: what the database keeps, so a copy of it opens no link. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A new link token (32 random bytes, base64url) and its hash. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** Whether a string has the shape of a token; anything else is refused before a lookup. */
export const isTokenShaped = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);
