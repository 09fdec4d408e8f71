import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { csrfFrom, htmlLang } from '../../helpers/forms.js';

describe('public pages', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  for (const path of ['/', '/privacy', '/accessibility']) {
    it(`serves ${path} in Norwegian by default and in English when the browser asks for it`, async () => {
      const nb = await request(t.app).get(path).expect(200);
      expect(htmlLang(nb.text)).to.equal('nb');
      const en = await request(t.app).get(path).set('Accept-Language', 'en-GB,en;q=0.9').expect(200);
      expect(htmlLang(en.text)).to.equal('en');
      expect(en.text).to.not.equal(nb.text);
    });
  }

  it('names the data subject rights and the complaint authority in the privacy notice', async () => {
    const res = await request(t.app).get('/privacy').set('Accept-Language', 'en').expect(200);
    expect(res.text).to.contain('special-category data');
    expect(res.text).to.contain('Datatilsynet');
    expect(res.text).to.contain('withdraw a consent');
  });

  it('states the WCAG 2.1 AA target and the supervising authority in the accessibility statement', async () => {
    const res = await request(t.app).get('/accessibility').expect(200);
    expect(res.text).to.contain('WCAG 2.1 nivå AA');
    expect(res.text).to.contain('Uutilsynet');
  });

  it('puts a skip link first and the main landmark it points to on every page', async () => {
    const res = await request(t.app).get('/privacy').expect(200);
    const body = res.text.slice(res.text.indexOf('<body>'));
    expect(body.indexOf('href="#main"')).to.be.lessThan(body.indexOf('<header'));
    expect(res.text).to.contain('<main id="main"');
  });

  it('sends a strict content security policy without inline script or style', async () => {
    const res = await request(t.app).get('/').expect(200);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).to.contain("script-src 'self'");
    expect(csp).to.contain("style-src 'self'");
    expect(csp).to.not.contain('unsafe-inline');
    expect(csp).to.contain("frame-ancestors 'none'");
    expect(res.headers['x-powered-by']).to.equal(undefined);
    expect(res.headers['referrer-policy']).to.equal('no-referrer');
    expect(res.text).to.not.match(/<script>|<script\s[^>]*>[^<]+<\/script>| style="/);
  });

  it('serves the Designsystemet stylesheets from node_modules', async () => {
    const css = await request(t.app).get('/assets/ds/index.css').expect(200);
    expect(css.headers['content-type']).to.contain('text/css');
    expect(css.text).to.contain('.ds-error-summary');
    await request(t.app).get('/assets/ds/theme.css').expect(200);
    await request(t.app).get('/assets/app.css').expect(200);
  });
});

describe('language switch', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('remembers the chosen language and returns to the same page', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/privacy').expect(200);
    const res = await agent
      .post('/language')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), lang: 'en', returnTo: '/privacy' })
      .expect(303);
    expect(res.headers.location).to.equal('/privacy');
    const after = await agent.get('/accessibility').set('Accept-Language', 'nb').expect(200);
    expect(htmlLang(after.text)).to.equal('en');
    expect(after.text).to.contain('Accessibility statement');
  });

  it('answers 403 with a friendly page when the CSRF token is missing', async () => {
    const res = await request(t.app).post('/language').type('form').send({ lang: 'en' }).expect(403);
    expect(res.text).to.contain('Skjemaet er utløpt');
    expect(res.headers['set-cookie'] ?? []).to.not.satisfy((c: string[]) => c.some((x) => x.startsWith('lang=')));
  });

  it('answers 403 when the CSRF token was made for another visitor', async () => {
    const other = request.agent(t.app);
    const token = csrfFrom((await other.get('/').expect(200)).text);
    const agent = request.agent(t.app);
    await agent.get('/').expect(200);
    await agent.post('/language').type('form').send({ _csrf: token, lang: 'en' }).expect(403);
  });

  it('refuses an unknown language with 422 and a clear message', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/').set('Accept-Language', 'en').expect(200);
    const res = await agent
      .post('/language')
      .set('Accept-Language', 'en')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), lang: 'xx' })
      .expect(422);
    expect(res.text).to.contain('Choose Norwegian (Bokmål), Norwegian (Nynorsk) or English');
  });

  it('never redirects to another site after switching', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/').expect(200);
    const res = await agent
      .post('/language')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), lang: 'en', returnTo: '//evil.example/' })
      .expect(303);
    expect(res.headers.location).to.equal('/');
  });
});
