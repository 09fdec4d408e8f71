import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { csrfFrom } from '../../helpers/forms.js';
import { LINK_VISITS_PER_IP } from '../../../src/features/invitations/answer.routes.js';
import { DEFAULT_RESET_LIMITS } from '../../../src/features/auth/password-reset.service.js';

/**
 * Behind one proxy, X-Forwarded-For reads "<whatever the client sent>, <the client's address as the proxy saw it>".
 * Only the last hop, appended by the proxy, may count as the client's address.
 */
const PROXY_SAW = '203.0.113.7';
const forwardedFor = (i: number, proxySaw = PROXY_SAW) => `10.${i % 250}.${Math.floor(i / 250)}.1, ${proxySaw}`;

for (const trustProxy of ['1', 'loopback']) {
  describe(`per-IP limits behind a proxy with TRUST_PROXY=${trustProxy}`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await buildTestApp({ TRUST_PROXY: trustProxy });
    });
    afterEach(() => t.close());

    it('limits /i/ guesses when the client rotates the X-Forwarded-For entries it prepends', async () => {
      let status = 0;
      for (let i = 0; i <= LINK_VISITS_PER_IP; i += 1) {
        status = (
          await request(t.app)
            .get(`/i/${'y'.repeat(43)}`)
            .set('X-Forwarded-For', forwardedFor(i))
        ).status;
      }
      expect(status).to.equal(429);
      // another client behind the same proxy is not limited by the first one's guesses
      const other = await request(t.app)
        .get(`/i/${'y'.repeat(43)}`)
        .set('X-Forwarded-For', forwardedFor(0, '198.51.100.9'));
      expect(other.status).to.equal(404);
    });

    it('limits /password/forgot per IP when the client rotates the X-Forwarded-For entries it prepends', async () => {
      const ask = async (i: number, proxySaw = PROXY_SAW) => {
        const agent = request.agent(t.app);
        const page = await agent.get('/password/forgot').set('X-Forwarded-For', forwardedFor(i, proxySaw));
        return agent
          .post('/password/forgot')
          .set('X-Forwarded-For', forwardedFor(i, proxySaw))
          .type('form')
          .send({ _csrf: csrfFrom(page.text), email: `nobody${i}@test.example` });
      };
      let status = 0;
      for (let i = 0; i <= DEFAULT_RESET_LIMITS.perIp; i += 1) status = (await ask(i)).status;
      expect(status).to.equal(429);
      expect((await ask(99, '198.51.100.9')).status).to.equal(200);
    });
  });
}

describe('TRUST_PROXY=true', () => {
  it('refuses to build the app, saying what to set instead', async () => {
    let error: unknown;
    try {
      const t = await buildTestApp({ TRUST_PROXY: 'true' });
      await t.close();
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.match(/TRUST_PROXY=true .*set TRUST_PROXY to the number of proxies/);
  });
});
