import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { table, one } from '../../helpers/rows.js';

// Issue 15, finding 12 (c): an admin of one organisation must not learn that an address has an account in another
describe('a new user whose e-mail address has an account in another organisation', () => {
  let t: TestApp;
  let orgId: number;
  let admin: BuiltUser;
  let elsewhere: BuiltUser;
  let agent: Agent;
  beforeEach(async () => {
    t = await buildTestApp();
    orgId = await buildOrganisation(t.db, { name: 'Austkommune' });
    admin = await buildUser(t.db, orgId, { role: 'admin' });
    const otherOrg = await buildOrganisation(t.db, { name: 'Vestkommune' });
    elsewhere = await buildUser(t.db, otherOrg, { role: 'facilitator', name: 'Kari Vest' });
    ({ agent } = await signIn(t.app, admin.email, admin.password));
  });
  afterEach(() => t.close());

  const generic = 'Denne e-postadressen kan ikke brukes her. Ingenting ble opprettet eller endret.';

  it('creates nothing and answers 422 with the generic message, never saying the account exists', async () => {
    const res = await submitForm(agent, '/admin/users/new', '/admin/users/new', {
      name: 'Kari Vest',
      email: elsewhere.email.toUpperCase(),
      role: 'facilitator',
      locale: 'nb',
    });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain(generic);
    expect(res.text).to.not.contain('finnes allerede');
    expect(res.text).to.not.contain('Vestkommune');
    // the typed values are kept
    expect(res.text).to.contain('value="Kari Vest"');
    const mine = await table(t.db, 'users').where({ organisation_id: orgId });
    expect(mine).to.have.length(1);
  });

  it('leaves the operator an audit row without personal data, which the admin cannot see', async () => {
    await submitForm(agent, '/admin/users/new', '/admin/users/new', {
      name: 'Kari Vest',
      email: elsewhere.email,
      role: 'facilitator',
      locale: 'nb',
    });
    const rows = await table(t.db, 'audit_events').where({ action: 'user.email_conflict' });
    expect(rows).to.have.length(1);
    expect(rows[0]!.organisation_id).to.equal(null);
    expect(rows[0]!.actor_user_id).to.equal(admin.id);
    expect(rows[0]!.entity_id).to.equal(elsewhere.id);
    expect(JSON.stringify(rows)).to.not.contain(elsewhere.email);
    expect(JSON.stringify(rows)).to.not.contain('Kari');
    const audit = await agent.get('/admin/audit').expect(200);
    expect(audit.text).to.not.contain(String(elsewhere.email));
    const own = await table(t.db, 'audit_events')
      .where({ organisation_id: orgId })
      .whereNot({ action: 'auth.signed_in' });
    expect(own).to.have.length(0);
  });

  it('answers the same way when an existing user is given that address, in English for an English admin', async () => {
    const colleague = await buildUser(t.db, orgId, { role: 'facilitator' });
    await t.db('users').where({ id: admin.id }).update({ locale: 'en' });
    const res = await submitForm(agent, `/admin/users/${colleague.id}/edit`, `/admin/users/${colleague.id}/edit`, {
      name: colleague.name,
      email: elsewhere.email,
      role: 'facilitator',
      locale: 'nb',
    });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('This e-mail address cannot be used here. Nothing was created or changed.');
    expect(res.text).to.not.contain('already exists');
    const row = await one(table(t.db, 'users').where({ id: colleague.id }).first());
    expect(row.email).to.equal(colleague.email);
  });

  it('still names a duplicate within the admin’s own organisation', async () => {
    const colleague = await buildUser(t.db, orgId);
    const res = await submitForm(agent, '/admin/users/new', '/admin/users/new', {
      name: 'Twin',
      email: colleague.email,
      role: 'facilitator',
      locale: 'nb',
    });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('finnes allerede en bruker');
  });
});
