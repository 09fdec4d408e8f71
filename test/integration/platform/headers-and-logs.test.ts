import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { csrfFrom, signIn } from '../../helpers/forms.js';
import type { Logger } from '../../../src/lib/logger.js';

describe('security headers on signed-in pages', () => {
  let t: TestApp;
  let admin: BuiltUser;
  before(async () => {
    t = await buildTestApp();
    admin = await buildUser(t.db, await buildOrganisation(t.db), { role: 'admin' });
  });
  after(() => t.close());

  it('sends the strict CSP, no-store, no-referrer and no X-Powered-By', async () => {
    const { agent } = await signIn(t.app, admin.email, admin.password);
    for (const path of ['/', '/admin/users', '/admin/audit']) {
      const res = await agent.get(path).expect(200);
      expect(res.headers['cache-control'], path).to.equal('no-store');
      const csp = res.headers['content-security-policy'] as string;
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "form-action 'self'",
      ]) {
        expect(csp, path).to.contain(directive);
      }
      expect(csp).to.not.contain('unsafe-inline');
      expect(res.headers['referrer-policy']).to.equal('no-referrer');
      expect(res.headers['x-powered-by']).to.equal(undefined);
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
    }
  });

  it('sets the session cookie httpOnly and SameSite=Lax', async () => {
    const { res } = await signIn(t.app, admin.email, admin.password);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('medvirk.sid='))!;
    expect(cookie).to.match(/HttpOnly/i);
    expect(cookie).to.match(/SameSite=Lax/i);
  });
});

describe('production cookies behind a TLS proxy', () => {
  let t: TestApp;
  let admin: BuiltUser;
  before(async () => {
    t = await buildTestApp({
      NODE_ENV: 'production',
      SESSION_SECRET: 'p'.repeat(40),
      TRUST_PROXY: '1',
      SCRYPT_LOG2N: '10',
      // never connected to: no test here sends e-mail
      SMTP_URL: 'smtp://127.0.0.1:9',
    });
    admin = await buildUser(t.db, await buildOrganisation(t.db), { role: 'admin' });
  });
  after(() => t.close());

  it('uses the __Host- prefix with Secure, and HSTS', async () => {
    // supertest's cookie jar keeps Secure cookies off plain http, so the cookie is carried by hand here
    const page = await request(t.app).get('/login').set('X-Forwarded-Proto', 'https').expect(200);
    expect(page.headers['strict-transport-security']).to.contain('max-age=');
    const csrfCookie = (page.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('__Host-csrf='))!;
    expect(csrfCookie).to.match(/; Secure/i);
    const res = await request(t.app)
      .post('/login')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', csrfCookie.split(';')[0]!)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: admin.email, password: admin.password });
    expect(res.status).to.equal(303);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('__Host-medvirk='))!;
    expect(cookie).to.match(/; Secure/i);
    expect(cookie).to.match(/Path=\//);
    expect(cookie).to.not.match(/Domain=/i);
  });

  it('shows no stack trace or error detail in production', async () => {
    const res = await request(t.app).get('/%E0%A4%A').set('X-Forwarded-Proto', 'https');
    expect(res.text).to.not.match(/Error:|at .+\(/);
  });
});

describe('request logs', () => {
  it('carry no e-mail addresses, passwords, names, query strings or tokens', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      info: (event, fields) => lines.push(JSON.stringify({ event, ...fields })),
      error: (event, fields) => lines.push(JSON.stringify({ event, ...fields })),
    };
    const t = await buildTestApp({}, { logger });
    try {
      const admin = await buildUser(t.db, await buildOrganisation(t.db), { role: 'admin', name: 'Kari Nordmann' });
      await signIn(t.app, admin.email, 'wrong password here');
      const { agent } = await signIn(t.app, admin.email, admin.password);
      await agent.get('/admin/audit?action=auth.signed_in&q=Kari%20Nordmann').expect(200);
      await request(t.app).get('/i/secret-token-123').expect(404);
      const all = lines.join('\n');
      expect(lines.length).to.be.greaterThan(4);
      for (const secret of [admin.email, admin.password, 'wrong password here', 'Kari', 'secret-token-123', 'q=']) {
        expect(all, secret).to.not.contain(secret);
      }
      expect(all).to.contain('/i/[token]');
    } finally {
      await t.close();
    }
  });
});
