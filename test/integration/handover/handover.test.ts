import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
  type BuiltUser,
} from '../../helpers/builders.js';
import { signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';

describe('hand-overs: a project or everything to a colleague', () => {
  let t: TestApp;
  let orgId: number;
  let away: BuiltUser;
  let colleague: BuiltUser;
  let agent: Agent;
  beforeEach(async () => {
    t = await buildTestApp();
    orgId = await buildOrganisation(t.db, { name: 'Testkommune' });
    away = await buildUser(t.db, orgId, { role: 'facilitator', name: 'Anne Borte' });
    colleague = await buildUser(t.db, orgId, { role: 'facilitator', name: 'Kari Kollega', locale: 'en' });
    ({ agent } = await signIn(t.app, away.email, away.password));
  });
  afterEach(() => t.close());

  async function project(title: string, facilitator: number, phase = 'planning'): Promise<number> {
    const id = await buildProject(t.db, orgId, { title });
    await t.db('projects').where({ id }).update({ facilitator_user_id: facilitator, phase });
    return id;
  }
  async function person(contact: number, name = 'Ola Nordmann'): Promise<number> {
    const id = await buildRepresentative(t.db, orgId, { name });
    await t.db('representatives').where({ id }).update({ contact_user_id: contact });
    return id;
  }
  const facilitatorOf = async (id: number) =>
    Number((await one(table(t.db, 'projects').where({ id }).first())).facilitator_user_id);
  const mails = () => table(t.db, 'outbox_messages').where({ kind: 'handover' });

  it('hands one project to a colleague: the facilitator changes, it is audited and the colleague gets an e-mail', async () => {
    const id = await project('Brukerråd 2027', away.id);
    const form = await agent.get(`/projects/${id}/hand-over`).expect(200);
    expect(form.text).to.contain('Kari Kollega');
    expect(form.text).not.to.contain(`<option value="${away.id}"`);
    const res = await submitForm(agent, `/projects/${id}/hand-over`, `/projects/${id}/hand-over`, {
      toUserId: String(colleague.id),
      message: 'Møtet 3. mars er booket.',
    });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/projects/${id}`);
    expect(await facilitatorOf(id)).to.equal(colleague.id);
    const audit = await one(table(t.db, 'audit_events').where({ action: 'project.handed_over' }).first());
    expect(Number(audit.entity_id)).to.equal(id);
    expect(JSON.parse(audit.details)).to.deep.equal({ from: away.id, to: colleague.id });
    const mail = await one(mails().first());
    expect(mail.to_address).to.equal(colleague.email);
    expect(mail.subject).to.equal('Anne Borte has handed work over to you in Medvirk');
    expect(mail.text_body).to.contain('Project: Brukerråd 2027');
    expect(mail.text_body).to.contain('Møtet 3. mars er booket.');
    // Mine / All on the list: the project is now the colleague's
    const mine = await agent.get(`/projects?facilitator=${away.id}`).expect(200);
    expect(mine.text).to.match(/aria-current="page">Mine</);
    expect(mine.text).not.to.contain('Brukerråd 2027');
    const all = await agent.get('/projects').expect(200);
    expect(all.text).to.match(/aria-current="page">Alle</);
    expect(all.text).to.contain('Brukerråd 2027');
  });

  it('refuses the current facilitator, an inactive colleague or someone of another organisation with 422, changing nothing', async () => {
    const id = await project('Brukerråd', away.id);
    const inactive = await buildUser(t.db, orgId, { active: false });
    const otherOrg = await buildOrganisation(t.db);
    const stranger = await buildUser(t.db, otherOrg, { role: 'admin' });
    const supervisor = await buildUser(t.db, orgId, { role: 'supervisor' });
    for (const to of [away.id, inactive.id, stranger.id, supervisor.id]) {
      const res = await submitForm(agent, `/projects/${id}/hand-over`, `/projects/${id}/hand-over`, {
        toUserId: String(to),
        message: 'beholdt tekst',
      });
      expect(res.status, String(to)).to.equal(422);
      expect(res.text).to.contain('href="#toUserId"');
      expect(res.text).to.contain('beholdt tekst');
    }
    const missing = await submitForm(agent, `/projects/${id}/hand-over`, `/projects/${id}/hand-over`, { toUserId: '' });
    expect(missing.status).to.equal(422);
    expect(await facilitatorOf(id)).to.equal(away.id);
    expect(await mails()).to.have.length(0);
    expect(await table(t.db, 'audit_events').where({ action: 'project.handed_over' })).to.have.length(0);
  });

  it('answers 404 for another organisation’s project', async () => {
    const otherOrg = await buildOrganisation(t.db);
    const theirs = await buildProject(t.db, otherOrg);
    await agent.get(`/projects/${theirs}/hand-over`).expect(404);
    const res = await submitForm(agent, '/account', `/projects/${theirs}/hand-over`, {
      toUserId: String(colleague.id),
    });
    expect(res.status).to.equal(404);
  });

  it('hands over everything in one step: open projects and people move, closed projects stay, one e-mail with counts', async () => {
    const open1 = await project('Brukerråd', away.id, 'planning');
    const open2 = await project('Kvalitetsråd', away.id, 'running');
    const closed = await project('Gammelt prosjekt', away.id, 'closed');
    const notMine = await project('Kollegaens eget', colleague.id);
    const p1 = await person(away.id, 'Hemmelig Navn');
    const p2 = await person(away.id);
    const p3 = await person(colleague.id);

    const updatedBefore = (await one(table(t.db, 'representatives').where({ id: p1 }).first())).updated_at;
    t.clock.advance({ minutes: 30 });
    const preview = await agent.get('/account/hand-over').expect(200);
    expect(preview.text).to.contain('Åpne prosjekter: 2. Personer som kontaktperson: 2.');
    expect(preview.text).to.contain('Brukerråd');
    expect(preview.text).not.to.contain('Gammelt prosjekt');
    // the preview changed nothing
    expect(await facilitatorOf(open1)).to.equal(away.id);

    const res = await submitForm(agent, '/account/hand-over', '/account/hand-over', {
      toUserId: String(colleague.id),
      message: '',
    });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/account');
    expect(await facilitatorOf(open1)).to.equal(colleague.id);
    expect(await facilitatorOf(open2)).to.equal(colleague.id);
    expect(await facilitatorOf(closed)).to.equal(away.id);
    expect(await facilitatorOf(notMine)).to.equal(colleague.id);
    const contacts = await table(t.db, 'representatives').whereIn('id', [p1, p2, p3]).select('contact_user_id');
    expect(contacts.map((r: { contact_user_id: unknown }) => Number(r.contact_user_id))).to.deep.equal([
      colleague.id,
      colleague.id,
      colleague.id,
    ]);
    // the person's record did not change (the data review counts from its last change)
    expect((await one(table(t.db, 'representatives').where({ id: p1 }).first())).updated_at).to.deep.equal(
      updatedBefore,
    );
    const audits = await table(t.db, 'audit_events').whereIn('action', [
      'project.handed_over',
      'representative.handed_over',
      'user.handed_over_all',
    ]);
    expect(audits.filter((a: { action: string }) => a.action === 'project.handed_over')).to.have.length(2);
    expect(audits.filter((a: { action: string }) => a.action === 'representative.handed_over')).to.have.length(2);
    const summary = audits.find((a: { action: string }) => a.action === 'user.handed_over_all')!;
    expect(JSON.parse(summary.details)).to.deep.equal({ to: colleague.id, projects: 2, people: 2 });
    const sent = await mails();
    expect(sent).to.have.length(1);
    const body = sent[0]!.text_body!;
    expect(body).to.contain('Project: Brukerråd');
    expect(body).to.contain('Project: Kvalitetsråd');
    expect(body).to.contain('2 people you are now contact person for');
    expect(body).not.to.contain('Hemmelig Navn');
    const flash = await agent.get('/account');
    expect(flash.text).to.contain('Gitt videre: 2 prosjekter og 2 personer.');
  });

  it('lets an admin hand over an absent colleague’s work, and refuses the same person or another organisation’s user', async () => {
    const admin = await buildUser(t.db, orgId, { role: 'admin', name: 'Ada Admin' });
    const { agent: adminAgent } = await signIn(t.app, admin.email, admin.password);
    const id = await project('Brukerråd', away.id);
    const path = `/admin/users/${away.id}/hand-over`;
    const same = await submitForm(adminAgent, path, path, { toUserId: String(away.id) });
    expect(same.status).to.equal(422);
    expect(await facilitatorOf(id)).to.equal(away.id);
    const otherOrg = await buildOrganisation(t.db);
    const stranger = await buildUser(t.db, otherOrg, { role: 'facilitator' });
    await adminAgent.get(`/admin/users/${stranger.id}/hand-over`).expect(404);
    const res = await submitForm(adminAgent, path, path, { toUserId: String(colleague.id) });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/admin/users/${away.id}`);
    expect(await facilitatorOf(id)).to.equal(colleague.id);
    const mail = await one(mails().first());
    expect(mail.text_body).to.contain('Ada Admin has handed over to you what Anne Borte was responsible for');
    // a facilitator cannot hand over someone else's work
    await agent.get(`/admin/users/${colleague.id}/hand-over`).expect(403);
  });

  it('sends no e-mail and moves nothing when there is nothing to hand over', async () => {
    const page = await agent.get('/account/hand-over').expect(200);
    expect(page.text).to.contain('Det er ingen åpne prosjekter eller personer å gi fra seg.');
    const res = await submitForm(agent, '/account', '/account/hand-over', { toUserId: String(colleague.id) });
    expect(res.status).to.equal(303);
    expect(await mails()).to.have.length(0);
  });
});
