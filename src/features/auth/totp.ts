import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 as every authenticator app reads it: SHA-1, six digits, 30-second steps. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side: a phone whose clock is up to 30 seconds off, or a code typed as it changed. */
const WINDOW = 1;

const totp = (secret: string, label = '', issuer = 'Medvirk') =>
  new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });

/** A new shared secret: 20 random bytes (160 bits, as RFC 4226 recommends), base32. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The secret in groups of four, for typing into an app by hand. */
export const groupedSecret = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** What a typed code is: six digits (spaces allowed), a recovery code, or neither. */
export function codeShape(
  input: string,
): { kind: 'totp'; code: string } | { kind: 'recovery'; code: string } | undefined {
  const compact = input.replace(/[\s-]/g, '').toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: 'totp', code: compact };
  if (new RegExp(`^[${RECOVERY_ALPHABET}]{${RECOVERY_LENGTH}}$`).test(compact))
    return { kind: 'recovery', code: compact };
  return undefined;
}

/**
 * The 30-second step a code was made for, if it is right within one step of `nowMs`; the caller refuses a step
 * not later than the last one accepted, so that a code cannot be used twice.
 */
export function totpStep(secret: string, code: string, nowMs: number): number | undefined {
  const delta = totp(secret).validate({ token: code, timestamp: nowMs, window: WINDOW });
  if (delta === null) return undefined;
  return Math.floor(nowMs / 1000 / PERIOD_SECONDS) + delta;
}

/** The code an app shows at `nowMs` (for tests and the demo's documentation, never sent anywhere). */
export const totpCode = (secret: string, nowMs: number): string => totp(secret).generate({ timestamp: nowMs });

/** The otpauth:// address an app reads from the QR code: the issuer and the account's e-mail as its label. */
export const totpUri = (secret: string, issuer: string, label: string): string =>
  totp(secret, label, issuer).toString();

/** The QR code of an otpauth:// address, as an SVG image (made on the server: no script on the page). */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

// recovery codes: ten characters from an alphabet without look-alikes (31 letters and digits: ~50 bits each)
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_LENGTH = 10;
export const RECOVERY_CODE_COUNT = 10;

/** A new recovery code as shown: "abcde-fghjk". */
export function newRecoveryCode(): string {
  const chars = Array.from({ length: RECOVERY_LENGTH }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** What is stored of a recovery code: the SHA-256 of its characters without the dash, lower case. */
export const recoveryCodeHash = (code: string): string =>
  createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');
