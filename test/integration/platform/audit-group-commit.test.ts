import { expect } from 'chai';
import { transactor } from '../../../src/db.js';
import type { TestApp } from '../../helpers/app.js';
import { buildRepresentative, type BuiltUser } from '../../helpers/builders.js';
import { signedInApp, type Agent } from '../../helpers/forms.js';

// Issue 26: audit rows recorded outside a transaction are committed together, one statement for the rows that
// arrive while the process is busy, and each caller's promise settles only when its own row is committed (the
// profile view's guarantee: an acknowledged view is a recorded one).

describe('the audit log’s group commit (issue 26)', () => {
  let t: TestApp;
  let orgId: number;
  let user: BuiltUser;
  let agent: Agent;
  let inserts: number;
  beforeEach(async () => {
    ({ t, orgId, user, agent } = await signedInApp('facilitator'));
    inserts = 0;
    t.db.on('query', (q: { sql: string }) => {
      if (/^insert into ["`]audit_events["`]/i.test(q.sql)) inserts += 1;
    });
  });
  afterEach(() => t.close());

  const viewed = async () =>
    (await t.db('audit_events').where({ organisation_id: orgId, action: 'representative.viewed' }).pluck('entity_id'))
      .map(Number)
      .sort((a, b) => a - b);

  it('writes the events recorded in one turn of the process in one statement', async () => {
    const reps = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => buildRepresentative(t.db, orgId, { name: `Person ${i}` })),
    );
    const settled: number[] = [];
    await Promise.all(
      reps.map(async (id) => {
        await t.services.auditService.byUser(user, 'representative.viewed', { type: 'representative', id });
        // when a caller goes on, its row is in the database
        const row: unknown = await t
          .db('audit_events')
          .where({ action: 'representative.viewed', entity_id: id })
          .first('id');
        if (row) settled.push(id);
      }),
    );
    expect(inserts).to.equal(1);
    const ascending = [...reps].sort((a, b) => a - b);
    expect(settled.sort((a, b) => a - b)).to.deep.equal(ascending);
    expect(await viewed()).to.deep.equal(ascending);
  });

  it('records every profile viewed by people at once, before their pages answer', async () => {
    const reps = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((i) => buildRepresentative(t.db, orgId, { name: `Ny ${i}` })),
    );
    await Promise.all(reps.map((id) => agent.get(`/representatives/${id}`).expect(200)));
    expect(await viewed()).to.deep.equal([...reps].sort((a, b) => a - b));
    expect(inserts).to.be.at.least(1).and.at.most(reps.length);
  });

  it('in a caller’s transaction, records with it: a rolled-back change leaves no audit row', async () => {
    const id = await buildRepresentative(t.db, orgId, { name: 'Rulles tilbake' });
    await transactor(t.db)(async (tx) => {
      await t.services.auditService.byUser(user, 'representative.viewed', { type: 'representative', id }, {}, tx);
      throw new Error('rolled back');
    }).catch(() => undefined);
    expect(await viewed()).to.deep.equal([]);
  });
});
