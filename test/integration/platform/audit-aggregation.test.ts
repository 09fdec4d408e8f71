import { expect } from 'chai';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { csrfFrom, signIn } from '../../helpers/forms.js';
import { newToken } from '../../../src/lib/tokens.js';
import { LINK_VISITS_PER_IP } from '../../../src/middleware/link-guard.js';

interface Row {
  action: string;
  details: string;
  occurrences: unknown;
}

describe('anonymous refusals write a bounded number of audit rows (one per source and window, with a count)', () => {
  let t: TestApp;
  let user: BuiltUser;
  let admin: BuiltUser;

  beforeEach(async () => {
    // one proxy in front, so that the test can speak for several sources
    t = await buildTestApp({ TRUST_PROXY: '1' });
    const org = await buildOrganisation(t.db);
    user = await buildUser(t.db, org, { role: 'facilitator' });
    admin = await buildUser(t.db, org, { role: 'admin' });
  });
  afterEach(() => t.close());

  const rows = async (like: string): Promise<Row[]> =>
    t.db('audit_events').where('action', 'like', like).orderBy('id').select('action', 'details', 'occurrences');
  const total = (list: Row[]) => list.reduce((sum, r) => sum + Number(r.occurrences), 0);

  it('200 forged forms on /i/ from one source: one row counting those the rate limit let through', async () => {
    const link = `/i/${newToken().token}`;
    for (let i = 0; i < 200; i += 1) {
      await request(t.app).post(link).set('X-Forwarded-For', '203.0.113.7').type('form').send({ answer: 'accept' });
    }
    const refused = await rows('invitation.link_refused');
    expect(refused).to.have.length(1);
    expect(JSON.parse(refused[0]!.details)).to.deep.equal({ reason: 'csrf' });
    expect(Number(refused[0]!.occurrences)).to.equal(LINK_VISITS_PER_IP);
    expect(JSON.stringify(refused)).not.to.contain('203.0.113.7');
  });

  it('200 unknown /me/ links from one source: one row; another source and the next hour start rows of their own', async () => {
    for (let i = 0; i < 200; i += 1) {
      await request(t.app)
        .get(`/me/${newToken().token}`)
        .set('X-Forwarded-For', '203.0.113.7')
        .expect(i < 60 ? 404 : 429);
    }
    await request(t.app).get(`/me/${newToken().token}`).set('X-Forwarded-For', '198.51.100.4').expect(404);
    t.clock.advance({ minutes: 61 });
    await request(t.app).get(`/me/${newToken().token}`).set('X-Forwarded-For', '203.0.113.7').expect(404);
    const refused = await rows('representative.link_refused');
    expect(refused.map((r) => Number(r.occurrences))).to.deep.equal([LINK_VISITS_PER_IP, 1, 1]);
  });

  it('200 refused sign-ins from one source: at most one row per kind of refusal, counting all 200', async () => {
    const visitor = request.agent(t.app);
    const csrf = csrfFrom((await visitor.get('/login').set('X-Forwarded-For', '203.0.113.7')).text);
    const statuses = new Set<number>();
    for (let i = 0; i < 200; i += 1) {
      const res = await visitor
        .post('/login')
        .set('X-Forwarded-For', '203.0.113.7')
        .type('form')
        .send({ _csrf: csrf, email: user.email, password: `wrong password number ${i}` });
      statuses.add(res.status);
    }
    expect([...statuses].every((s) => s === 422 || s === 429)).to.equal(true);
    const refused = await rows('auth.sign_in_%');
    expect(refused.length).to.be.within(1, 3);
    expect(new Set(refused.map((r) => `${r.action}|${r.details}`)).size).to.equal(refused.length);
    expect(total(refused)).to.equal(200);
    expect(JSON.stringify(refused)).not.to.contain(user.email);

    // the admin reads one line with the count
    const { agent } = await signIn(t.app, admin.email, admin.password);
    const page = await agent.get('/admin/audit?action=auth.sign_in_failed').expect(200);
    expect(page.text).to.contain('1 hendelse');
    expect(page.text).to.match(/gjentatt \d+ ganger i samme time/);
  });
});
