import { expect } from 'chai';
import type { TestApp } from '../../helpers/app.js';
import {
  buildInvitation,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildSkill,
  buildUser,
} from '../../helpers/builders.js';
import { csrfFrom, signedInApp, type Agent } from '../../helpers/forms.js';
import { table } from '../../helpers/rows.js';

type Fields = Record<string, string | string[]>;

describe('changing many people on the roster at once', () => {
  let t: TestApp;
  let orgId: number;
  let agent: Agent;
  let userId: number;
  beforeEach(async () => {
    let user;
    ({ t, orgId, agent, user } = await signedInApp('facilitator'));
    userId = user.id;
  });
  afterEach(() => t.close());

  const post = async (path: string, fields: Fields, who: Agent = agent) => {
    const page = await who.get('/representatives');
    return who
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields });
  };
  /** The confirmation's hidden fields, posted back as its button does. */
  const hiddenOf = (html: string): Fields => {
    const out: Fields = {};
    const form = html.slice(html.indexOf('action="/representatives/bulk/confirm"'));
    for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      const [, name, value] = m as unknown as [string, string, string];
      if (name === '_csrf') continue;
      const prev = out[name];
      out[name] = prev === undefined ? value : [...([] as string[]).concat(prev), value];
    }
    return out;
  };
  const ok = (res: { status: number; text: string }) => {
    expect(res.status, res.text.slice(0, 3000)).to.equal(200);
    return res;
  };
  const confirmFrom = async (html: string) => post('/representatives/bulk/confirm', hiddenOf(html));
  const audits = (action: string) => table(t.db, 'audit_events').where({ organisation_id: orgId, action });
  const version = async () => Number((await table(t.db, 'organisations').where({ id: orgId }).first())!.roster_version);

  it('adds a skill to everyone the filter matches, skipping who has it at that level, audited per person', async () => {
    const skill = await buildSkill(t.db, orgId, { nameNb: 'Prosjektarbeid' });
    const north = [];
    for (let i = 0; i < 4; i++) north.push(await buildRepresentative(t.db, orgId, { area: 'Nord' }));
    const holder = await buildRepresentative(t.db, orgId, {
      name: 'Har Allerede',
      area: 'Nord',
      skills: [{ skillId: skill, level: 2 }],
    });
    const south = await buildRepresentative(t.db, orgId, { area: 'Sør' });
    const fields = {
      bulkScope: 'all',
      bulkAction: 'addSkill',
      bulkSkillId: String(skill),
      bulkLevel: '2',
      area: 'Nord',
    };
    const page = await post('/representatives/bulk', fields).then(ok);
    expect(page.text).to.contain('4 personer blir endret');
    expect(page.text).to.contain('Har Allerede');
    expect(page.text).to.contain('Har denne kompetansen på nivået Erfaren allerede');
    // nothing changes before the confirmation
    expect(await table(t.db, 'representative_skills').where({ skill_id: skill })).to.have.length(1);
    const before = await version();
    const done = await confirmFrom(page.text);
    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal('/representatives?area=Nord');
    const holders = (await table(t.db, 'representative_skills').where({ skill_id: skill })).map((r) =>
      Number(r.representative_id),
    );
    expect(holders.sort((a, b) => a - b)).to.deep.equal([...north, holder].sort((a, b) => a - b));
    expect(holders).not.to.include(south);
    const audited = await audits('representative.skill_set');
    expect(audited.map((a) => Number(a.entity_id)).sort((a, b) => a - b)).to.deep.equal(north);
    expect(JSON.parse(audited[0]!.details)).to.deep.equal({ skillId: skill, level: 2 });
    expect(await version()).to.equal(before + 1);
  });

  it('removes a skill from the selected, skipping who does not have it', async () => {
    const skill = await buildSkill(t.db, orgId);
    const a = await buildRepresentative(t.db, orgId, { skills: [{ skillId: skill, level: 1 }] });
    const b = await buildRepresentative(t.db, orgId, { name: 'Uten Ferdighet' });
    const page = await post('/representatives/bulk', {
      bulkScope: 'selected',
      ids: [String(a), String(b)],
      bulkAction: 'removeSkill',
      bulkSkillId: String(skill),
    }).then(ok);
    expect(page.text).to.contain('1 person blir endret');
    expect(page.text).to.contain('Har ikke denne kompetansen');
    await confirmFrom(page.text).then((r) => expect(r.status).to.equal(303));
    expect(await table(t.db, 'representative_skills').where({ skill_id: skill })).to.have.length(0);
    expect((await audits('representative.skill_removed')).map((r) => Number(r.entity_id))).to.deep.equal([a]);
  });

  it('records a consent with how it was given, skipping who gave it already', async () => {
    const a = await buildRepresentative(t.db, orgId, { consents: ['roster'] });
    const b = await buildRepresentative(t.db, orgId, {
      name: 'Har Samtykket',
      consents: ['roster', 'named_in_reports'],
    });
    const page = await post('/representatives/bulk', {
      bulkScope: 'selected',
      ids: [String(a), String(b)],
      bulkAction: 'consent',
      bulkPurpose: 'named_in_reports',
      bulkMethod: 'verbal',
    }).then(ok);
    expect(page.text).to.contain('Har gitt dette samtykket allerede');
    await confirmFrom(page.text).then((r) => expect(r.status).to.equal(303));
    const given = await table(t.db, 'consents').where({ representative_id: a, purpose: 'named_in_reports' });
    expect(given).to.have.length(1);
    expect(given[0]!.method).to.equal('verbal');
    expect(await table(t.db, 'consents').where({ representative_id: b, purpose: 'named_in_reports' })).to.have.length(
      1,
    );
    expect((await audits('representative.consent_given')).map((r) => Number(r.entity_id))).to.deep.equal([a]);
  });

  it("changes status by the profile form's rules: a retired person cannot be paused, and a pause needs an end", async () => {
    const active = await buildRepresentative(t.db, orgId, { status: 'active' });
    const retired = await buildRepresentative(t.db, orgId, { name: 'Gått Av', status: 'retired' });
    const ids = [String(active), String(retired)];
    const noEnd = await post('/representatives/bulk', {
      bulkScope: 'selected',
      ids,
      bulkAction: 'status',
      bulkStatus: 'paused',
    });
    expect(noEnd.status).to.equal(422);
    expect(noEnd.text).to.contain('Skriv inn når pausen slutter.');
    // what was ticked is kept
    expect(noEnd.text).to.match(new RegExp(`value="${active}" aria-label="[^"]+" checked`));
    const page = await post('/representatives/bulk', {
      bulkScope: 'selected',
      ids,
      bulkAction: 'status',
      bulkStatus: 'paused',
      bulkPausedUntil: '2099-01-31',
    }).then(ok);
    expect(page.text).to.contain('Kan ikke gå fra «Avsluttet» til «Pause»');
    await confirmFrom(page.text).then((r) => expect(r.status).to.equal(303));
    const row = (await table(t.db, 'representatives').where({ id: active }).first())!;
    expect(row.status).to.equal('paused');
    expect((await table(t.db, 'representatives').where({ id: retired }).first())!.status).to.equal('retired');
    const change = await table(t.db, 'representative_status_changes').where({ representative_id: active });
    expect(change.map((c) => [c.from_status, c.to_status])).to.deep.equal([['active', 'paused']]);
    const audited = await audits('representative.status_changed');
    expect(audited.map((a) => JSON.parse(a.details) as unknown)).to.deep.equal([{ from: 'active', to: 'paused' }]);
  });

  it('sets the contact person, only to an active facilitator or admin, as a hand-over with one e-mail', async () => {
    const colleague = await buildUser(t.db, orgId, { role: 'facilitator', name: 'Kari Kollega' });
    const supervisor = await buildUser(t.db, orgId, { role: 'supervisor' });
    const a = await buildRepresentative(t.db, orgId);
    const b = await buildRepresentative(t.db, orgId);
    const hers = await buildRepresentative(t.db, orgId, { name: 'Har Kari' });
    await t.db('representatives').where({ id: hers }).update({ contact_user_id: colleague.id });
    const ids = [String(a), String(b), String(hers)];
    const refused = await post('/representatives/bulk', {
      bulkScope: 'selected',
      ids,
      bulkAction: 'contact',
      bulkContact: String(supervisor.id),
    });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('Velg en aktiv koordinator eller administrator som kontaktperson.');
    const page = await post('/representatives/bulk', {
      bulkScope: 'selected',
      ids,
      bulkAction: 'contact',
      bulkContact: String(colleague.id),
    }).then(ok);
    expect(page.text).to.contain('Sett Kari Kollega som kontaktperson');
    expect(page.text).to.contain('Har denne kontaktpersonen allerede');
    await confirmFrom(page.text).then((r) => expect(r.status).to.equal(303));
    const rows = (await t.db('representatives').whereIn('id', [a, b])) as Array<{ contact_user_id: number | string }>;
    expect(rows.map((r) => Number(r.contact_user_id))).to.deep.equal([colleague.id, colleague.id]);
    const audited = await audits('representative.handed_over');
    expect(audited.map((r) => [Number(r.entity_id), JSON.parse(r.details)] as unknown)).to.have.deep.members([
      [a, { from: null, to: colleague.id }],
      [b, { from: null, to: colleague.id }],
    ]);
    // one e-mail to the colleague for the whole change, naming no one
    const mail = await table(t.db, 'outbox_messages').where({ user_id: colleague.id });
    expect(mail).to.have.length(1);
    expect(mail[0]!.text_body).not.to.contain('Har Kari');
  });

  it("shortlists for a project with matching's exclusions, listing who is skipped and why", async () => {
    const project = await buildProject(t.db, orgId, { title: 'Ny pasientreise' });
    const eligible = await buildRepresentative(t.db, orgId);
    const retired = await buildRepresentative(t.db, orgId, { name: 'Gått Av', status: 'retired' });
    const invited = await buildRepresentative(t.db, orgId, { name: 'Alt Invitert' });
    await buildInvitation(t.db, orgId, { projectId: project, representativeId: invited, status: 'sent' });
    const page = await post('/representatives/bulk', {
      bulkScope: 'selected',
      ids: [String(eligible), String(retired), String(invited)],
      bulkAction: 'shortlist',
      bulkProject: String(project),
    }).then(ok);
    expect(page.text).to.contain('1 person blir endret');
    expect(page.text).to.contain('Ikke aktiv');
    expect(page.text).to.contain('Er allerede invitert');
    await confirmFrom(page.text).then((r) => expect(r.status).to.equal(303));
    const drafts = await table(t.db, 'invitations').where({ project_id: project, status: 'draft' });
    expect(drafts.map((d) => Number(d.representative_id))).to.deep.equal([eligible]);
    const audited = await audits('project.shortlisted');
    expect(audited.map((a) => JSON.parse(a.details) as unknown)).to.deep.equal([{ representativeId: eligible }]);
  });

  it('offers only projects that can still take people, and refuses another with 422, keeping the choices', async () => {
    const open = await buildProject(t.db, orgId, { title: 'Tar inn folk' });
    const evaluating = await buildProject(t.db, orgId, { title: 'Evalueres nå' });
    await t.db('projects').where({ id: evaluating }).update({ phase: 'evaluating' });
    const ended = await buildProject(t.db, orgId, {
      title: 'Sluttet i fjor',
      startsOn: '2025-01-01',
      endsOn: '2025-12-31',
    });
    const person = await buildRepresentative(t.db, orgId);
    const roster = (await agent.get('/representatives').expect(200)).text;
    const select = roster.slice(
      roster.indexOf('name="bulkProject"'),
      roster.indexOf('</select>', roster.indexOf('name="bulkProject"')),
    );
    expect(select).to.contain(`value="${open}"`);
    expect(select).not.to.contain(`value="${evaluating}"`);
    expect(select).not.to.contain(`value="${ended}"`);
    for (const project of [evaluating, ended]) {
      const res = await post('/representatives/bulk', {
        bulkScope: 'selected',
        ids: [String(person)],
        bulkAction: 'shortlist',
        bulkProject: String(project),
      });
      expect(res.status).to.equal(422);
      expect(res.text).to.contain('Velg et prosjekt som fortsatt tar inn folk.');
      expect(res.text).to.match(new RegExp(`name="ids" value="${person}"[^>]*checked`));
    }
    expect(await table(t.db, 'invitations').where({ representative_id: person })).to.have.length(0);
  });

  it('exports the selected people as the roster export does, audited', async () => {
    const a = await buildRepresentative(t.db, orgId, { name: 'Eksport Én' });
    await buildRepresentative(t.db, orgId, { name: 'Ikke Valgt' });
    const res = await post('/representatives/bulk', { bulkScope: 'selected', ids: [String(a)], bulkAction: 'export' });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.contain('text/csv');
    expect(res.text).to.contain('Eksport Én');
    expect(res.text).not.to.contain('Ikke Valgt');
    expect(await audits('representatives.exported')).to.have.length(1);
  });

  it('leaves out a person of another organisation, says so with 422, and never changes them', async () => {
    const other = await buildOrganisation(t.db);
    const theirs = await buildRepresentative(t.db, other, { consents: ['roster'] });
    const mine = await buildRepresentative(t.db, orgId, { consents: ['roster'] });
    const fields = {
      bulkAction: 'consent',
      bulkPurpose: 'named_in_reports',
      bulkMethod: 'written',
      bulkScope: 'selected',
    };
    const page = await post('/representatives/bulk', { ...fields, ids: [String(mine), String(theirs)] });
    expect(page.status).to.equal(422);
    expect(page.text).to.contain('1 av de valgte finnes ikke i oversikten din');
    expect(hiddenOf(page.text).ids).to.equal(String(mine));
    // a forged confirmation with their id changes nothing at all
    const forged = await post('/representatives/bulk/confirm', {
      ...fields,
      ids: [String(mine), String(theirs)],
      expected: '1',
    });
    expect(forged.status).to.equal(422);
    expect(await table(t.db, 'consents').where({ purpose: 'named_in_reports' })).to.have.length(0);
    await confirmFrom(page.text).then((r) => expect(r.status).to.equal(303));
    const given = await table(t.db, 'consents').where({ purpose: 'named_in_reports' });
    expect(given.map((c) => Number(c.representative_id))).to.deep.equal([mine]);
  });

  it('refuses the confirmation with 422 and changes nobody when someone was erased in the meantime', async () => {
    const a = await buildRepresentative(t.db, orgId);
    const b = await buildRepresentative(t.db, orgId);
    const skill = await buildSkill(t.db, orgId);
    const page = await post('/representatives/bulk', {
      bulkScope: 'selected',
      ids: [String(a), String(b)],
      bulkAction: 'addSkill',
      bulkSkillId: String(skill),
      bulkLevel: '1',
    }).then(ok);
    await t.db('representatives').where({ id: b }).update({ erased_at: new Date().toISOString(), name: '' });
    const refused = await confirmFrom(page.text);
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('1 av de valgte finnes ikke i oversikten din');
    expect(await table(t.db, 'representative_skills').where({ skill_id: skill })).to.have.length(0);
    expect(await audits('representative.skill_set')).to.have.length(0);
    // confirming the new page changes the one still there
    await confirmFrom(refused.text).then((r) => expect(r.status).to.equal(303));
    expect(await table(t.db, 'representative_skills').where({ skill_id: skill })).to.have.length(1);
  });

  it('refuses with 422 and changes nobody when more people match the filter than were confirmed', async () => {
    await buildRepresentative(t.db, orgId, { area: 'Nord' });
    await buildRepresentative(t.db, orgId, { area: 'Nord' });
    const fields = { bulkScope: 'all', bulkAction: 'consent', bulkPurpose: 'named_in_reports', bulkMethod: 'email' };
    const page = await post('/representatives/bulk', { ...fields, area: 'Nord' }).then(ok);
    expect(page.text).to.contain('2 personer blir endret');
    await buildRepresentative(t.db, orgId, { area: 'Nord' });
    const before = await version();
    const refused = await confirmFrom(page.text);
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('nå blir 3 personer endret');
    expect(await table(t.db, 'consents').where({ purpose: 'named_in_reports' })).to.have.length(0);
    expect(await version()).to.equal(before);
    await confirmFrom(refused.text).then((r) => expect(r.status).to.equal(303));
    expect(await table(t.db, 'consents').where({ purpose: 'named_in_reports' })).to.have.length(3);
    expect(await audits('representative.consent_given')).to.have.length(3);
  });

  it('refuses an empty selection with 422 on the roster, keeping the filter', async () => {
    await buildRepresentative(t.db, orgId, { area: 'Nord' });
    const res = await post('/representatives/bulk', {
      bulkScope: 'selected',
      bulkAction: 'consent',
      bulkPurpose: 'roster',
      bulkMethod: 'written',
      area: 'Nord',
      q: 'Repr',
    });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Du har ikke valgt noen.');
    expect(res.text).to.contain('name="q" type="search" value="Repr"');
    expect(res.text).to.match(/<option value="Nord" selected>/);
  });

  it('is closed to supervisors', async () => {
    const { agent: supervisor } = await (async () => {
      const user = await buildUser(t.db, orgId, { role: 'supervisor' });
      const { signIn } = await import('../../helpers/forms.js');
      return signIn(t.app, user.email, user.password);
    })();
    const a = await buildRepresentative(t.db, orgId);
    const page = await supervisor.get('/');
    const res = await supervisor
      .post('/representatives/bulk')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), bulkScope: 'selected', ids: String(a), bulkAction: 'export' });
    expect(res.status).to.equal(403);
    expect(res.text).not.to.contain('Representant');
  });

  it('shows a checkbox named for each person and the "all that match" choice on the roster', async () => {
    await buildRepresentative(t.db, orgId, { name: 'Ola Nordmann' });
    const res = await agent.get('/representatives').expect(200);
    expect(res.text).to.contain('aria-label="Velg Ola Nordmann"');
    expect(res.text).to.contain('Alle 1 som passer til søket');
    expect(userId).to.be.a('number');
  });
});
