import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { csrfFrom } from '../../helpers/forms.js';

type Headers = { headers: Record<string, unknown> };
const setCookies = (res: Headers) => (res.headers['set-cookie'] as string[] | undefined) ?? [];
const cookieNamed = (res: Headers, name: string) => setCookies(res).find((c) => c.startsWith(`${name}=`));
const pair = (cookie: string | undefined) => cookie!.split(';')[0]!;

/** A __Host- cookie as browsers require it: Secure, Path=/, no Domain (else the browser drops it). */
function expectHostCookie(cookie: string | undefined) {
  expect(cookie, 'cookie set').to.be.a('string');
  expect(cookie).to.match(/; Secure/i);
  expect(cookie).to.match(/; Path=\/(;|$)/);
  expect(cookie).to.not.match(/Domain=/i);
}

// Issue 15, finding 12 (b): every cookie the app sets carries the __Host- prefix in production
describe('cookies in production', () => {
  let t: TestApp;
  let user: BuiltUser;
  before(async () => {
    t = await buildTestApp({
      NODE_ENV: 'production',
      SESSION_SECRET: 'p'.repeat(40),
      TRUST_PROXY: '1',
      SCRYPT_LOG2N: '10',
      // never connected to: no test here sends e-mail
      SMTP_URL: 'smtp://127.0.0.1:9',
    });
    user = await buildUser(t.db, await buildOrganisation(t.db), { role: 'facilitator', locale: 'en' });
  });
  after(() => t.close());

  // supertest's cookie jar keeps Secure cookies off plain http, so the cookies are carried by hand
  const https = (req: request.Test) => req.set('X-Forwarded-Proto', 'https');

  it('names the CSRF, language and flash cookies __Host-, and they work', async () => {
    const page = await https(request(t.app).get('/login')).expect(200);
    const csrf = cookieNamed(page, '__Host-csrf');
    expectHostCookie(csrf);
    expect(setCookies(page).some((c) => /^(csrf|flash|lang)=/.test(c))).to.equal(false);

    const signedIn = await https(request(t.app).post('/login'))
      .set('Cookie', pair(csrf))
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: user.email, password: user.password, returnTo: '/' });
    expect(signedIn.status).to.equal(303);
    const lang = cookieNamed(signedIn, '__Host-lang');
    expectHostCookie(lang);
    expect(pair(lang)).to.equal('__Host-lang=en');
    const session = pair(cookieNamed(signedIn, '__Host-medvirk'));

    const home = await https(request(t.app).get('/')).set('Cookie', [pair(csrf), session].join('; '));
    expect(home.status).to.equal(200);
    const out = await https(request(t.app).post('/logout'))
      .set('Cookie', [pair(csrf), session].join('; '))
      .type('form')
      .send({ _csrf: csrfFrom(home.text) });
    expect(out.status).to.equal(303);
    const flash = cookieNamed(out, '__Host-flash');
    expectHostCookie(flash);
    // the session cookie is cleared with the attributes a browser needs to accept the clearing
    expectHostCookie(cookieNamed(out, '__Host-medvirk'));

    const after = await https(request(t.app).get('/login')).set('Cookie', [pair(csrf), pair(flash)].join('; '));
    expect(after.text).to.contain('Du er logget ut.');
    // shown once: cleared with Secure and Path=/, or a browser would keep it
    const cleared = cookieNamed(after, '__Host-flash');
    expectHostCookie(cleared);
    expect(cleared).to.match(/Expires=Thu, 01 Jan 1970/);
  });

  it('remembers the language switch in a __Host- cookie', async () => {
    const page = await https(request(t.app).get('/privacy')).expect(200);
    const csrf = cookieNamed(page, '__Host-csrf');
    const switched = await https(request(t.app).post('/language'))
      .set('Cookie', pair(csrf))
      .type('form')
      .send({ _csrf: csrfFrom(page.text), lang: 'en', returnTo: '/privacy' });
    expect(switched.status).to.equal(303);
    const lang = cookieNamed(switched, '__Host-lang');
    expectHostCookie(lang);
    const english = await https(request(t.app).get('/privacy')).set('Cookie', [pair(csrf), pair(lang)].join('; '));
    expect(english.text).to.match(/<html[^>]*lang="en"/);
  });
});

describe('cookies in development and tests over http', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('keeps plain names without Secure, so the app works over http', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/privacy').expect(200);
    const csrf = cookieNamed(page, 'csrf');
    expect(csrf).to.be.a('string');
    expect(csrf).to.not.match(/Secure/i);
    const switched = await agent
      .post('/language')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), lang: 'en', returnTo: '/privacy' })
      .expect(303);
    expect(cookieNamed(switched, 'lang')).to.not.match(/Secure/i);
    const english = await agent.get('/privacy');
    expect(english.text).to.match(/<html[^>]*lang="en"/);
  });
});
