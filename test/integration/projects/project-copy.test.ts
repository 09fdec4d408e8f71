import { expect } from 'chai';
import { insertReturningIds } from '../../../src/db.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildContact,
  buildInvitation,
  buildMeeting,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildSkill,
  buildUser,
  type BuiltUser,
} from '../../helpers/builders.js';
import { signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { one, table } from '../../helpers/rows.js';

// Issue 20, item 4: a project copied from a template to a new start date — what is copied, what is not, the
// meetings shifted on Oslo's wall clock, the link back to the source, the audit, and the refusals.

const iso = (v: string | Date) => new Date(v).toISOString();

describe('copying a project from a template (issue 20)', () => {
  let t: TestApp;
  let orgId: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  beforeEach(async () => {
    t = await buildTestApp();
    t.clock.set('2026-12-01T09:00:00Z');
    orgId = await buildOrganisation(t.db);
    facilitator = await buildUser(t.db, orgId, { role: 'facilitator' });
    ({ agent } = await signIn(t.app, facilitator.email, facilitator.password));
  });
  afterEach(() => t.close());

  /** A template with every copied setting, three requirements (one on an archived skill) and two meetings. */
  const buildTemplate = async () => {
    const colleague = await buildUser(t.db, orgId, { role: 'facilitator' });
    const [unitId] = await insertReturningIds(t.db, 'units', [
      { organisation_id: orgId, name: 'Medisinsk avdeling', kind: 'hospital', created_at: new Date().toISOString() },
    ]);
    const id = await buildProject(t.db, orgId, { title: 'Samtalegruppe', seats: 4, endsOn: '2027-06-30' });
    await table(t.db, 'projects')
      .where({ id })
      .update({
        purpose: 'Bedre samtaler',
        what_matters: 'Å bli hørt',
        unit_id: unitId!,
        owner_contact_id: await buildContact(t.db, orgId),
        facilitator_user_id: colleague.id,
        target_level: 'collaborate',
        location: 'Solheim',
        online: true,
        working_languages: 'nb,en',
        sensitive_topic: true,
        honorarium_applies: true,
        phase: 'running',
      });
    const must = await buildSkill(t.db, orgId, { nameNb: 'Erfaring med dialyse' });
    const nice = await buildSkill(t.db, orgId, { nameNb: 'Tolk' });
    const archived = await buildSkill(t.db, orgId, { nameNb: 'Gammel kurs', archived: true });
    await t.db('project_requirements').insert([
      { project_id: id, skill_id: must, must: true, min_level: 2 },
      { project_id: id, skill_id: nice, must: false, min_level: 1 },
      { project_id: id, skill_id: archived, must: true, min_level: 1 },
    ]);
    // 10:00 in Oslo on 11 January (winter), and 18:00 on 1 March: 35 days later that is summer time
    await buildMeeting(t.db, orgId, id, { startsAt: '2027-01-11T09:00:00.000Z', endsAt: '2027-01-11T11:00:00.000Z' });
    await buildMeeting(t.db, orgId, id, {
      startsAt: '2027-03-01T17:00:00.000Z',
      endsAt: '2027-03-01T19:00:00.000Z',
      place: 'Kantina',
      agenda: 'Oppstart',
    });
    const person = await buildRepresentative(t.db, orgId);
    await buildInvitation(t.db, orgId, { projectId: id, representativeId: person, status: 'accepted' });
    return { id, must, nice, unitId: unitId! };
  };

  const projectCount = async () => (await table(t.db, 'projects').where({ organisation_id: orgId })).length;

  it('copies the settings, requirements and meetings shifted to the new start, and nothing of the team', async () => {
    const source = await buildTemplate();
    const form = await agent.get(`/projects/${source.id}/copy`).expect(200);
    expect(form.text).to.contain('value="Samtalegruppe (kopi)"');
    expect(form.text).to.contain('2 møter, flyttet til den nye perioden');
    expect(form.text).to.contain('2 krav,');
    expect(form.text).to.match(new RegExp(`<option value="${facilitator.id}" selected>`));

    const res = await submitForm(agent, `/projects/${source.id}/copy`, `/projects/${source.id}/copy`, {
      title: 'Samtalegruppe våren 2027',
      startsOn: '2027-02-05',
      endsOn: '',
      facilitatorUserId: String(facilitator.id),
    });
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    const copyId = Number(/\/projects\/(\d+)$/.exec(res.headers.location as string)![1]);

    const copy = await one(table(t.db, 'projects').where({ id: copyId }).first());
    expect(copy).to.include({
      title: 'Samtalegruppe våren 2027',
      purpose: 'Bedre samtaler',
      what_matters: 'Å bli hørt',
      unit_id: source.unitId,
      owner_contact_id: null,
      facilitator_user_id: facilitator.id,
      target_level: 'collaborate',
      seats: 4,
      location: 'Solheim',
      working_languages: 'nb,en',
      phase: 'planning',
      copied_from_project_id: source.id,
    });
    expect(Boolean(copy.online) && Boolean(copy.sensitive_topic) && Boolean(copy.honorarium_applies)).to.equal(true);
    // the end moves as far as the start: 1 January → 5 February is 35 days, so 30 June → 4 August
    expect([String(copy.starts_on).slice(0, 10), String(copy.ends_on).slice(0, 10)]).to.deep.equal([
      '2027-02-05',
      '2027-08-04',
    ]);

    const requirements = await table(t.db, 'project_requirements').where({ project_id: copyId }).orderBy('skill_id');
    expect(requirements.map((r) => [r.skill_id, Boolean(r.must), r.min_level])).to.deep.equal([
      [source.must, true, 2],
      [source.nice, false, 1],
    ]);
    const meetings = await table(t.db, 'meetings').where({ project_id: copyId }).orderBy('starts_at');
    expect(meetings.map((m) => [iso(m.starts_at), iso(m.ends_at), m.place, m.agenda])).to.deep.equal([
      ['2027-02-15T09:00:00.000Z', '2027-02-15T11:00:00.000Z', 'Rådhuset', ''],
      // 18:00 in Oslo stays 18:00 after the change to summer time: 16:00 UTC
      ['2027-04-05T16:00:00.000Z', '2027-04-05T18:00:00.000Z', 'Kantina', 'Oppstart'],
    ]);

    expect(await table(t.db, 'invitations').where({ project_id: copyId })).to.have.length(0);
    expect(
      (await table(t.db, 'project_phase_changes').where({ project_id: copyId })).map((c) => c.to_phase),
    ).to.deep.equal(['planning']);
    const audit = await one(
      table(t.db, 'audit_events')
        .where({ action: 'project.created', entity_type: 'project', entity_id: copyId })
        .first(),
    );
    expect(audit.actor_user_id).to.equal(facilitator.id);
    expect(JSON.parse(audit.details)).to.include({ copiedFromProjectId: source.id, requirements: 2, meetings: 2 });
    // the source is left as it was
    expect(await table(t.db, 'meetings').where({ project_id: source.id })).to.have.length(2);

    const page = await agent.get(`/projects/${copyId}`).expect(200);
    expect(page.text).to.contain(`Kopiert fra <a class="ds-link" href="/projects/${source.id}">Samtalegruppe</a>`);
    expect(page.text).to.contain('Kopien er laget.');
  });

  it('shifts the meetings from the first meeting’s day when the template has no start date', async () => {
    const id = await buildProject(t.db, orgId, { title: 'Uten dato' });
    await table(t.db, 'projects').where({ id }).update({ starts_on: null, ends_on: null });
    await buildMeeting(t.db, orgId, id, { startsAt: '2027-03-10T17:00:00.000Z', endsAt: '2027-03-10T18:00:00.000Z' });
    await buildMeeting(t.db, orgId, id, { startsAt: '2027-03-24T17:00:00.000Z', endsAt: '2027-03-24T18:00:00.000Z' });
    const form = await agent.get(`/projects/${id}/copy`).expect(200);
    expect(form.text).to.contain('Prosjektet har ingen startdato: det første møtet (10. mars 2027)');
    const res = await submitForm(agent, `/projects/${id}/copy`, `/projects/${id}/copy`, {
      title: 'Med dato',
      startsOn: '2027-09-01',
    });
    expect(res.status, res.text.slice(0, 300)).to.equal(303);
    const copy = await one(table(t.db, 'projects').where({ title: 'Med dato' }).first());
    expect(copy.ends_on).to.equal(null);
    const meetings = await table(t.db, 'meetings').where({ project_id: copy.id }).orderBy('starts_at');
    // 18:00 in Oslo on 1 and 15 September (summer time)
    expect(meetings.map((m) => iso(m.starts_at))).to.deep.equal([
      '2027-09-01T16:00:00.000Z',
      '2027-09-15T16:00:00.000Z',
    ]);

    // with neither a start date nor meetings there is nothing to shift from: the old end date is not carried over
    const bare = await buildProject(t.db, orgId, { title: 'Bare en idé' });
    await table(t.db, 'projects').where({ id: bare }).update({ starts_on: null, ends_on: '2027-02-01' });
    const nothing = await agent.get(`/projects/${bare}/copy`).expect(200);
    expect(nothing.text).to.contain('Prosjektet har verken startdato eller møter');
    const res2 = await submitForm(agent, `/projects/${bare}/copy`, `/projects/${bare}/copy`, {
      title: 'Idé i høst',
      startsOn: '2027-09-01',
    });
    expect(res2.status, res2.text.slice(0, 300)).to.equal(303);
    expect((await one(table(t.db, 'projects').where({ title: 'Idé i høst' }).first())).ends_on).to.equal(null);
  });

  it('refuses with 422, keeps what was typed and creates nothing when the period ends before it starts or the dates are bad', async () => {
    const source = await buildTemplate();
    const before = await projectCount();
    const post = (fields: Record<string, string>) =>
      submitForm(agent, `/projects/${source.id}/copy`, `/projects/${source.id}/copy`, {
        title: 'Kopi med feil',
        facilitatorUserId: String(facilitator.id),
        ...fields,
      });

    const backwards = await post({ startsOn: '2027-05-01', endsOn: '2027-04-01' });
    expect(backwards.status).to.equal(422);
    expect(backwards.text).to.contain('id="error-summary"');
    expect(backwards.text).to.contain('Prosjektet kan ikke slutte før det starter.');
    expect(backwards.text).to.contain('value="Kopi med feil"');
    expect(backwards.text).to.contain('value="2027-04-01"');

    const invalid = await post({ startsOn: '2027-02-30', endsOn: 'snart' });
    expect(invalid.status).to.equal(422);
    expect(invalid.text).to.contain('Skriv inn en gyldig dato.');
    expect(invalid.text).to.contain('value="snart"');

    const missing = await post({ startsOn: '' });
    expect(missing.status).to.equal(422);
    expect(missing.text).to.contain('Skriv inn den nye startdatoen.');

    // an end date that leaves the shifted meetings (2027-02-15 and 2027-04-05) outside the new period
    const tooShort = await post({ startsOn: '2027-02-05', endsOn: '2027-03-01' });
    expect(tooShort.status).to.equal(422);
    expect(tooShort.text).to.contain('De kopierte møtene ville havne utenfor den nye perioden.');

    const stranger = await post({ startsOn: '2027-02-05', facilitatorUserId: '999999' });
    expect(stranger.status).to.equal(422);
    expect(stranger.text).to.contain('Velg en tilrettelegger fra listen.');

    expect(await projectCount()).to.equal(before);
  });

  it('answers 404 for another organisation’s project and 403 to a supervisor', async () => {
    const otherOrg = await buildOrganisation(t.db, { name: 'Annen kommune' });
    const theirs = await buildProject(t.db, otherOrg);
    await agent.get(`/projects/${theirs}/copy`).expect(404);
    const refused = await submitForm(agent, '/projects', `/projects/${theirs}/copy`, {
      title: 'Stjålet',
      startsOn: '2027-02-01',
    });
    expect(refused.status).to.equal(404);
    expect(await table(t.db, 'projects').where({ title: 'Stjålet' })).to.have.length(0);

    const ours = await buildProject(t.db, orgId);
    const supervisor = await buildUser(t.db, orgId, { role: 'supervisor' });
    const { agent: reader } = await signIn(t.app, supervisor.email, supervisor.password);
    await reader.get(`/projects/${ours}/copy`).expect(403);
    const posted = await submitForm(reader, '/projects', `/projects/${ours}/copy`, {
      title: 'Lesers kopi',
      startsOn: '2027-02-01',
    });
    expect(posted.status).to.equal(403);
    expect(await table(t.db, 'projects').where({ title: 'Lesers kopi' })).to.have.length(0);
    // nor does the supervisor's project page offer the copy
    const page = await reader.get(`/projects/${ours}`).expect(200);
    expect(page.text).to.not.contain(`/projects/${ours}/copy`);
  });
});
