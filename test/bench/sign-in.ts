// The bench row for signing in (issue 15, findings 2 and 11): POST /login with the right password, at the scrypt
// cost the app runs with in production, through the throttle (one atomic reservation per key, a success clears
// it). The requests go round a pool of accounts, as many people signing in at once would; each one answers 303
// with a new session.
import type { Knex } from 'knex';
import { loadConfig } from '../../src/config.js';
import { hashPassword } from '../../src/lib/passwords.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';

const ACCOUNTS = 20;
const email = (i: number) => `bench-signin-${i}@example.no`;

/** The scrypt cost the app uses in production (the default of SCRYPT_LOG2N there). */
function productionScryptCost(): number {
  return loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), SMTP_URL: 'smtp://127.0.0.1' })
    .scryptLog2N;
}

/** Adds the accounts the sign-in row uses, with the demo password hashed at the production cost. */
export async function addSignInAccounts(db: Knex, organisationId: number): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD, productionScryptCost());
  const now = new Date().toISOString();
  await db('users').insert(
    Array.from({ length: ACCOUNTS }, (_, i) => ({
      organisation_id: organisationId,
      name: `Benk ${i + 1}`,
      email: email(i),
      role: 'facilitator',
      password_hash: passwordHash,
      locale: 'nb',
      active: true,
      must_change_password: false,
      created_at: now,
      updated_at: now,
    })),
  );
}

/**
 * The sign-in row: one CSRF cookie and token from the form (before sign-in the token is bound to no session, so
 * it serves every post), then form posts cycling through the accounts; success is a 303.
 */
export async function signInTarget(base: string) {
  const https = { 'x-forwarded-proto': 'https' };
  const page = await fetch(`${base}/login`, { headers: https });
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  let next = 0;
  return {
    name: `sign-in POST /login (right password, scrypt N=2^${productionScryptCost()}, 4 connections)`,
    url: `${base}/login`,
    headers: { ...https, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    post: () => {
      next = (next + 1) % ACCOUNTS;
      return new URLSearchParams({ _csrf: token, email: email(next), password: DEMO_PASSWORD }).toString();
    },
    expectStatus: 303,
    // scrypt runs on libuv's pool of 4 threads: more connections only queue (and time out at 10 s on 2 cores)
    connections: 4,
  };
}
