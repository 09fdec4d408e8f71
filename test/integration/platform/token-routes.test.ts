import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildRepresentative,
  buildUser,
  buildParticipationLink,
  buildPasswordReset,
} from '../../helpers/builders.js';
import { csrfFrom } from '../../helpers/forms.js';
import { hashToken, newToken } from '../../../src/lib/tokens.js';
import type { Logger } from '../../../src/lib/logger.js';
import { table } from '../../helpers/rows.js';

/** Every page opened by a personal link is registered; each test loops over the registry of the built app. */
const registered = (t: TestApp) => t.services.runtime.tokenRoutes.list();

/** Case variants of a prefix: '/me' gives '/ME' and '/Me'; '/password/reset' gives '/PASSWORD/RESET' and '/Password/reset'. */
const variants = (prefix: string) => [prefix.toUpperCase(), `/${prefix.charAt(1).toUpperCase()}${prefix.slice(2)}`];

/** The sum of refusals audited (an aggregated row counts several). */
async function auditedRefusals(t: TestApp): Promise<number> {
  const rows = await table(t.db, 'audit_events').where('action', 'like', '%refused%').select('occurrences');
  return rows.reduce((sum: number, r: { occurrences: unknown }) => sum + Number(r.occurrences), 0);
}

describe('token routes: one registry gives every personal-link page the same protections', () => {
  let t: TestApp;
  const logged: string[] = [];
  const logger: Logger = {
    info: (event, fields) => logged.push(JSON.stringify({ event, ...fields })),
    error: (event, fields) => logged.push(JSON.stringify({ event, ...fields })),
  };
  /** A working link for the prefixes the test knows how to issue; any other prefix is tested with an unknown token. */
  const working = new Map<string, string>();

  beforeEach(async () => {
    logged.length = 0;
    t = await buildTestApp({}, { logger });
    const org = await buildOrganisation(t.db);
    const now = t.clock.now();
    const rep = await buildRepresentative(t.db, org, { name: 'Ola Nordmann', email: 'ola@test.example' });
    working.set('/me', await buildParticipationLink(t.db, org, rep, { now }));
    const user = await buildUser(t.db, org, { role: 'facilitator' });
    working.set('/password/reset', await buildPasswordReset(t.db, org, user.id, { now }));
  });
  afterEach(() => t.close());

  it('registers /i, /me, /password/reset, /email/confirm and /calendar', () => {
    expect(registered(t).map((r) => r.prefix)).to.include.members([
      '/i',
      '/me',
      '/password/reset',
      '/email/confirm',
      '/calendar',
    ]);
  });

  it('sends Cache-Control: no-store and no ETag on every registered page, working link or not', async () => {
    for (const { prefix } of registered(t)) {
      const tokens = [newToken().token, ...(working.has(prefix) ? [working.get(prefix)!] : [])];
      for (const token of tokens) {
        const res = await request(t.app).get(`${prefix}/${token}`);
        expect(res.status, `${prefix} status`).to.be.oneOf([200, 404, 410]);
        expect(res.headers['cache-control'], `${prefix} ${res.status}`).to.equal('no-store');
        expect(res.headers.etag, `${prefix} ${res.status}`).to.equal(undefined);
      }
    }
    // a working link did open its page (so the headers above were checked on a real page too)
    const me = await request(t.app).get(`/me/${working.get('/me')}`);
    expect(me.status).to.equal(200);
  });

  it('answers 404 to a case variant of a prefix without opening the link, auditing or logging the token', async () => {
    for (const { prefix } of registered(t)) {
      const token = working.get(prefix) ?? newToken().token;
      for (const variant of variants(prefix)) {
        logged.length = 0;
        const got = await request(t.app).get(`${variant}/${token}`);
        expect(got.status, `GET ${variant}`).to.equal(404);
        const posted = await request(t.app).post(`${variant}/${token}`).type('form').send({ answer: 'accept' });
        expect(posted.status, `POST ${variant}`).to.equal(404);
        expect(logged.length, 'requests are logged').to.be.greaterThan(0);
        expect(logged.join('\n'), `log of ${variant}`).not.to.contain(token);
      }
    }
    expect(await auditedRefusals(t)).to.equal(0);
  });

  it('redacts the token of every registered prefix in the request log', async () => {
    for (const { prefix } of registered(t)) {
      logged.length = 0;
      const token = newToken().token;
      await request(t.app).get(`${prefix}/${token}/anything`);
      await request(t.app).get(`${prefix}/${token}`);
      expect(logged.join('\n'), prefix).not.to.contain(token);
      expect(logged.join('\n'), prefix).to.contain(`${prefix}/[token]`);
    }
  });

  it("binds the forms' CSRF token to the link: a token from one link's page does not work on another", async () => {
    for (const { prefix } of registered(t)) {
      const a = working.get(prefix) ?? newToken().token;
      const b = newToken().token;
      const visitor = request.agent(t.app);
      const page = await visitor.get(`${prefix}/${a}`);
      const csrf = csrfFrom(page.text);
      expect(csrf.startsWith(`l${hashToken(a).slice(0, 16)}.`), `${prefix} binding`).to.equal(true);
      const other = await visitor.post(`${prefix}/${b}`).type('form').send({ _csrf: csrf, answer: 'accept' });
      // made for another link: nothing is looked up, the visitor is sent back to the page
      expect(other.status, prefix).to.equal(303);
      expect(other.headers.location, prefix).to.equal(`${prefix}/${b}`);
    }
  });

  it('applies the link rate limit before any audit: refused forms beyond the limit are 429 and not audited', async function () {
    // a fresh app and a limit's worth of requests per registered prefix (five since the calendar feed)
    this.timeout(60_000);
    for (const { prefix, limit } of registered(t)) {
      await t.close();
      t = await buildTestApp({}, { logger });
      const token = newToken().token;
      const statuses: number[] = [];
      for (let i = 0; i < limit.visits; i += 1) {
        statuses.push((await request(t.app).post(`${prefix}/${token}`).type('form').send({ answer: 'accept' })).status);
      }
      expect(
        statuses.every((s) => s === 403),
        `${prefix} within the limit`,
      ).to.equal(true);
      const audited = await auditedRefusals(t);
      for (let i = 0; i < 20; i += 1) {
        const res = await request(t.app).post(`${prefix}/${token}`).type('form').send({ answer: 'accept' });
        expect(res.status, `${prefix} beyond the limit`).to.equal(429);
        expect(res.headers['retry-after'], prefix).to.match(/^\d+$/);
        expect(res.headers['cache-control'], prefix).to.equal('no-store');
      }
      const unknown = await request(t.app).get(`${prefix}/${newToken().token}`);
      expect(unknown.status, `${prefix} unknown link beyond the limit`).to.equal(429);
      expect(await auditedRefusals(t), `${prefix} audits nothing beyond the limit`).to.equal(audited);
    }
  });
});
