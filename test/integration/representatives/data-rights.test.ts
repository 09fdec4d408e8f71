import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildOrganisation,
  buildOutboxMessage,
  buildProject,
  buildRepresentative,
  buildSkill,
  buildUser,
  type BuiltUser,
  buildInvitation,
  buildInvolvement,
} from '../../helpers/builders.js';
import { signIn, submitForm, type Agent } from '../../helpers/forms.js';
import { transactor } from '../../../src/db.js';
import { table, one } from '../../helpers/rows.js';

/** The JSON document a person's data comes in, as far as these tests read it. */
interface PersonalData {
  format: string;
  person: Record<string, unknown>;
  skills: Array<Record<string, unknown>>;
  consents: Array<{ purpose: string }>;
  invitations: Array<Record<string, unknown>>;
  emails: Array<{ subject: string }>;
  involvement: unknown[];
  impacts: unknown[];
}

describe('data-subject rights and the data review', () => {
  let t: TestApp;
  let orgId: number;
  let facilitator: BuiltUser;
  let agent: Agent;
  let rep: number;
  beforeEach(async () => {
    t = await buildTestApp();
    orgId = await buildOrganisation(t.db);
    facilitator = await buildUser(t.db, orgId, { role: 'facilitator' });
    ({ agent } = await signIn(t.app, facilitator.email, facilitator.password));
    const lived = await buildSkill(t.db, orgId, { category: 'lived_experience', nameNb: 'Demens som pårørende' });
    rep = await buildRepresentative(t.db, orgId, {
      name: 'Kari Nordmann',
      email: 'kari@example.no',
      consents: ['roster', 'health_experience'],
      skills: [{ skillId: lived, level: 2 }],
    });
  });
  afterEach(() => t.close());

  async function invite(note: string) {
    const project = await buildProject(t.db, orgId, { title: 'Trygg utskriving' });
    const now = new Date().toISOString();
    await buildInvitation(
      t.db,
      orgId,
      { projectId: project, representativeId: rep, status: 'declined' },
      { declineReason: 'health', declineText: 'Er på sykehus i mars', note, createdAt: now },
    );
  }

  it('downloads everything about a person as one JSON document, and audits it', async () => {
    await invite('Trenger tolk');
    await buildOutboxMessage(t.db, orgId, { to: 'kari@example.no', subject: 'Invitasjon: Trygg utskriving' });
    await t.db('outbox_messages').where({ to_address: 'kari@example.no' }).update({ representative_id: rep });
    const res = await agent.get(`/representatives/${rep}/export.json`).expect(200);
    expect(res.headers['content-disposition']).to.equal(`attachment; filename="representant-${rep}.json"`);
    const data = JSON.parse(res.text) as PersonalData;
    expect(data.format).to.equal('medvirk-personal-data/1');
    expect(data.person).to.include({ name: 'Kari Nordmann', email: 'kari@example.no' });
    expect(data.skills).to.deep.equal([
      {
        nameNb: 'Demens som pårørende',
        nameEn: data.skills[0]!.nameEn,
        category: 'lived_experience',
        level: 2,
        since: null,
        expiresOn: null,
      },
    ]);
    expect(data.consents.map((c) => c.purpose).sort()).to.deep.equal(['health_experience', 'roster']);
    expect(data).to.have.keys([
      'format',
      'exportedAt',
      'organisation',
      'person',
      'skills',
      'consents',
      'statusHistory',
      'invitations',
      'emails',
      'involvement',
      'impacts',
      'notices',
      'contactPerson',
      'surveys',
      'processingLog',
    ]);
    expect(data.invitations).to.have.length(1);
    expect(data.invitations[0]).to.include({
      project: 'Trygg utskriving',
      status: 'declined',
      declineReason: 'health',
      declineText: 'Er på sykehus i mars',
      note: 'Trenger tolk',
    });
    expect(data.emails.map((m) => m.subject)).to.deep.equal(['Invitasjon: Trygg utskriving']);
    expect(data.involvement).to.deep.equal([]);
    expect(data.impacts).to.deep.equal([]);
    expect(
      await table(t.db, 'audit_events').where({ action: 'representative.data_exported', entity_id: rep }).first(),
    ).to.not.equal(undefined);
  });

  it('when a person’s data is downloaded, then its sections come in a fixed order, those of the other features between the status history and the processing log', async () => {
    const res = await agent.get(`/representatives/${rep}/export.json`).expect(200);
    expect(Object.keys(JSON.parse(res.text) as PersonalData)).to.deep.equal([
      'format',
      'exportedAt',
      'organisation',
      'person',
      'skills',
      'consents',
      'statusHistory',
      'invitations',
      'emails',
      'involvement',
      'impacts',
      'notices',
      'contactPerson',
      'surveys',
      'processingLog',
    ]);
  });

  it('erases by anonymisation after the typed confirmation, keeping the row for statistics and nothing personal', async () => {
    const refused = await submitForm(agent, `/representatives/${rep}/erase`, `/representatives/${rep}/erase`, {
      confirmation: 'yes',
    });
    expect(refused.status).to.equal(422);
    expect(refused.text).to.contain('Skriv SLETT');
    expect(refused.text).to.contain('value="yes"');
    expect((await table(t.db, 'representatives').where({ id: rep }).first())!.name).to.equal('Kari Nordmann');
    await invite('Bruker rullestol');
    const project = (await table(t.db, 'projects').pluck('id'))[0]!;
    await buildInvolvement(
      t.db,
      orgId,
      { projectId: project, representativeId: rep, occurredOn: '2026-11-01' },
      { honorariumOre: 60000, note: 'Kari tok opp ventetid' },
    );
    // e-mail to her: one sent, one still waiting
    const mail = (key: string) =>
      transactor(t.db)((tx) =>
        t.services.outboxService.enqueue(tx, {
          organisationId: orgId,
          kind: 'password_reset',
          dedupeKey: key,
          to: 'kari@example.no',
          representativeId: rep,
          subject: 'Invitasjon',
          text: 'Hei, Kari Nordmann! https://medvirk.test/i/secret',
        }),
      );
    await mail('to-kari-1');
    await t.services.runtime.outboxWorker.deliverDue();
    await mail('to-kari-2');

    const done = await submitForm(agent, `/representatives/${rep}/erase`, `/representatives/${rep}/erase`, {
      confirmation: 'slett',
    });
    expect(done.status).to.equal(303);
    const row = await one(table(t.db, 'representatives').where({ id: rep }).first());
    expect(row.name).to.equal(`#${rep}`);
    expect(row).to.include({ email: null, phone: null, notes: '', status: 'retired', kind: 'patient' });
    expect(row.erased_at).to.not.equal(null);
    expect(await table(t.db, 'representative_skills').where({ representative_id: rep })).to.have.length(0);
    expect(await table(t.db, 'consents').where({ representative_id: rep })).to.have.length(0);
    const hours = await one(table(t.db, 'involvements').where({ representative_id: rep }).first());
    expect(hours).to.include({ note: '' });
    expect(Number(hours.minutes)).to.equal(120);
    const invitation = await table(t.db, 'invitations').where({ representative_id: rep }).first();
    expect(invitation).to.include({ status: 'declined', note: '', decline_text: '' });
    const outbox = await table(t.db, 'outbox_messages').where({ representative_id: rep }).orderBy('id');
    expect(outbox.map((m: { status: string }) => m.status)).to.deep.equal(['sent', 'failed']);
    expect(JSON.stringify(outbox)).to.not.contain('kari@example.no');
    expect(JSON.stringify(outbox)).to.not.contain('Kari');
    expect((await t.services.runtime.outboxWorker.deliverDue()).sent).to.equal(0);
    const everything = JSON.stringify(await table(t.db, 'audit_events'));
    expect(everything).to.not.contain('Kari');
    expect(everything).to.not.contain('kari@example.no');
    await agent.get(`/representatives/${rep}`).expect(404);
    const roster = await agent.get('/representatives').expect(200);
    expect(roster.text).to.not.contain('Kari Nordmann');
  });

  it('lists people due a review and retired people past the interval, and records "reviewed, keep"', async () => {
    await t
      .db('representatives')
      .where({ id: rep })
      .update({ last_reviewed_at: t.clock.now().minus({ months: 25 }).toISO() });
    const retired = await buildRepresentative(t.db, orgId, { name: 'Gammel Avsluttet', status: 'retired' });
    await t
      .db('representatives')
      .where({ id: retired })
      .update({ updated_at: t.clock.now().minus({ months: 30 }).toISO(), last_reviewed_at: t.clock.now().toISO() });
    const fresh = await buildRepresentative(t.db, orgId, { name: 'Ny Person' });
    await t.db('representatives').where({ id: fresh }).update({ last_reviewed_at: t.clock.now().toISO() });

    const page = await agent.get('/representatives/review').expect(200);
    expect(page.text).to.contain('1 person er ikke gjennomgått');
    expect(page.text).to.contain('Kari Nordmann');
    expect(page.text).to.contain('1 avsluttet person');
    expect(page.text).to.contain('Gammel Avsluttet');
    expect(page.text).to.not.contain('Ny Person');

    const kept = await submitForm(agent, '/representatives/review', `/representatives/${rep}/reviewed`, {});
    expect(kept.status).to.equal(303);
    const after = await agent.get('/representatives/review').expect(200);
    expect(after.text).to.contain('0 personer er ikke gjennomgått');
  });

  it('follows the interval an admin sets in /admin/settings, refusing values out of range with 422', async () => {
    const admin = await buildUser(t.db, orgId, { role: 'admin' });
    const { agent: adminAgent } = await signIn(t.app, admin.email, admin.password);
    const bad = await submitForm(adminAgent, '/admin/settings', '/admin/settings', {
      dataReviewMonths: '0',
      sentEmailRetentionDays: 'abc',
    });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('helt tall fra 6 til 120');
    expect(bad.text).to.contain('value="abc"');
    await t
      .db('representatives')
      .where({ id: rep })
      .update({ last_reviewed_at: t.clock.now().minus({ months: 13 }).toISO() });
    expect((await agent.get('/representatives/review')).text).to.contain('0 personer er ikke gjennomgått');
    const ok = await submitForm(adminAgent, '/admin/settings', '/admin/settings', {
      dataReviewMonths: '12',
      sentEmailRetentionDays: '30',
      emailsPerMinute: '60',
      hourlyRate: '300',
      roundingMinutes: '30',
      minimumPaidMinutesInPerson: '60',
      preparationPaid: 'on',
      niceToHave: '0.35',
      fairness: '0.2',
      rest: '0.15',
      diversity: '0.2',
      language: '0.1',
    });
    expect(ok.status).to.equal(303);
    expect((await agent.get('/representatives/review')).text).to.contain('1 person er ikke gjennomgått');
    await agent.get('/admin/settings').expect(403);
  });
});
