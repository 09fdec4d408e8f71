import { expect } from 'chai';
import type { TestApp } from '../../helpers/app.js';
import { buildProject, buildRepresentative, buildUser, type BuiltUser } from '../../helpers/builders.js';
import { signedInApp, type Agent } from '../../helpers/forms.js';

// Issue 17, item 6: the audit log as a person reads it. A representative, project or user the event is about is
// named and linked to its page while it exists; an erased person is not named; dates are dates in the reader's
// language (an instant in the organisation's zone), never ISO strings.

describe('the audit log page (issue 17)', () => {
  let t: TestApp;
  let orgId: number;
  let admin: BuiltUser;
  let agent: Agent;
  beforeEach(async () => {
    ({ t, orgId, user: admin, agent } = await signedInApp('admin'));
  });
  afterEach(() => t.close());

  const record = (action: string, type: string, id: number, details: Record<string, string> = {}) =>
    t.services.auditService.byUser(admin, action, { type, id }, details);

  it('names and links the representative, project and user an event is about, and not an erased person', async () => {
    const rep = await buildRepresentative(t.db, orgId, { name: 'Kari Nordmann' });
    const erased = await buildRepresentative(t.db, orgId, { name: 'Ola Borte' });
    const project = await buildProject(t.db, orgId, { title: 'Trygg utskriving' });
    const colleague = await buildUser(t.db, orgId, { name: 'Per Kollega' });
    await record('representative.viewed', 'representative', rep);
    await record('representative.erased', 'representative', erased);
    await t
      .db('representatives')
      .where({ id: erased })
      .update({ name: 'Slettet 1', erased_at: new Date().toISOString() });
    await record('project.created', 'project', project);
    await record('user.created', 'user', colleague.id);
    const page = (await agent.get('/admin/audit').expect(200)).text;
    expect(page).to.contain(`Representant: <a class="ds-link" href="/representatives/${rep}">Kari Nordmann</a>`);
    expect(page).to.contain(`Prosjekt: <a class="ds-link" href="/projects/${project}">Trygg utskriving</a>`);
    expect(page).to.contain(`Bruker: <a class="ds-link" href="/admin/users/${colleague.id}">Per Kollega</a>`);
    expect(page).to.contain(`Representant #${erased} (slettet)`);
    expect(page).to.not.contain('Ola Borte');
    expect(page).to.not.contain('Slettet 1');
    expect(page).to.not.contain(`href="/representatives/${erased}"`);
    // who did it leads to the user's page too
    expect(page).to.contain(`<a class="ds-link" href="/admin/users/${admin.id}">${admin.name}</a>`);
  });

  it('shows dates in the details as dates in the reader’s language', async () => {
    await t.services.auditService.byUser(
      admin,
      'involvement.payments_exported',
      { type: 'organisation', id: orgId },
      { from: '2027-01-01', to: '2027-01-31' },
    );
    const nb = (await agent.get('/admin/audit').expect(200)).text;
    expect(nb).to.contain('Fra: 1. januar 2027, Til: 31. januar 2027');
    expect(nb).to.not.contain('2027-01-01');
    await t.db('users').where({ id: admin.id }).update({ locale: 'en' });
    const en = (await agent.get('/admin/audit').expect(200)).text;
    expect(en).to.contain('From: 1 January 2027, To: 31 January 2027');
  });
});
