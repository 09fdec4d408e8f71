import { expect } from 'chai';
import { engineOf } from '../../../src/db.js';
import { ManualClock } from '../../../src/lib/clock.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import {
  buildInvitation,
  buildMeeting,
  buildOrganisation,
  buildProject,
  buildRepresentative,
  buildUser,
} from '../../helpers/builders.js';
import { signIn, type Agent } from '../../helpers/forms.js';

// The worklist's facts are cached per organisation and worklist version, which the database counts up on every
// change to the tables the facts come from (migration worklist_version). These tests hold the cache to that: every
// such table has its triggers, a change written past the app (another instance, a job, SQL) shows on the next load,
// a change in another organisation does not count, and the clock moving on moves the windows.

const NOW = '2026-12-01T09:00:00.000Z';
const hoursFromNow = (h: number) => new Date(Date.parse(NOW) + h * 3_600_000).toISOString();

/** The tables WorklistFactsRepository reads (keep in step with it and with the migration). */
const TRACKED = [
  'invitations',
  'representatives',
  'projects',
  'meetings',
  'involvements',
  'impacts',
  'representative_requests',
  'contact_notes',
  'contacts',
  'consents',
  'skills',
  'representative_skills',
  'worklist_marks',
  'notices',
  'unit_requests',
  'surveys',
  'survey_links',
  'survey_answers',
];

describe('the worklist’s cache and its version (issue 20, item 1)', () => {
  let t: TestApp;
  let clock: ManualClock;
  let org: number;
  let agent: Agent;
  let project: number;

  beforeEach(async () => {
    clock = new ManualClock(NOW);
    t = await buildTestApp({}, { clock });
    org = await buildOrganisation(t.db);
    const facilitator = await buildUser(t.db, org, { role: 'facilitator' });
    project = await buildProject(t.db, org, { title: 'Trygg utskriving', seats: 1 });
    await t.db('projects').where({ id: project }).update({ facilitator_user_id: facilitator.id });
    agent = (await signIn(t.app, facilitator.email, facilitator.password)).agent;
  });
  afterEach(() => t.close());

  const worklist = async () => (await agent.get('/?view=all').expect(200)).text;
  const version = async (id: number) =>
    Number(
      (await t.db('organisations').where({ id }).first<{ worklist_version: number }>('worklist_version'))
        .worklist_version,
    );

  it('when the schema is migrated, then every table the worklist reads counts the version on insert, update and delete', async () => {
    const names: string[] =
      engineOf(t.db) === 'pg'
        ? (
            await t.db.raw<{ rows: Array<{ tgname: string }> }>(
              "select tgname from pg_trigger where tgname like 'worklist_version_%' and not tgisinternal",
            )
          ).rows.map((r) => r.tgname)
        : (
            await t
              .db('sqlite_master')
              .where({ type: 'trigger' })
              .andWhereLike('name', 'worklist_version_%')
              .select<Array<{ name: string }>>('name')
          ).map((r) => r.name);
    for (const table of TRACKED) {
      const expected =
        engineOf(t.db) === 'pg'
          ? [`worklist_version_${table}`]
          : ['insert', 'update', 'delete'].map((e) => `worklist_version_${table}_${e}`);
      expect(names, table).to.include.members(expected);
    }
  });

  it('when a row changes in one organisation, then its version goes up and another organisation’s does not', async () => {
    const other = await buildOrganisation(t.db);
    const [before, otherBefore] = [await version(org), await version(other)];
    const rep = await buildRepresentative(t.db, org, { name: 'Ny Person' });
    const afterInsert = await version(org);
    expect(afterInsert).to.be.greaterThan(before);
    await t.db('representatives').where({ id: rep }).update({ status: 'paused' });
    const afterUpdate = await version(org);
    expect(afterUpdate).to.be.greaterThan(afterInsert);
    await t.db('representative_skills').where({ representative_id: rep }).delete();
    await t.db('representatives').where({ id: rep }).delete();
    expect(await version(org)).to.be.greaterThan(afterUpdate);
    expect(await version(other)).to.equal(otherBefore);
  });

  it('when one transaction writes many rows of an organisation, then its version goes up once on PostgreSQL, where each row counted made the commit quadratic (issue 26)', async () => {
    const other = await buildOrganisation(t.db);
    const before = await version(org);
    const otherBefore = await version(other);
    await t.db.transaction(async (trx) => {
      for (let i = 0; i < 20; i += 1)
        await trx('contacts').insert(
          Array.from({ length: 100 }, (_, k) => ({
            organisation_id: k % 2 ? org : other,
            name: `Kontakt ${i}-${k}`,
            created_at: NOW,
          })),
        );
    });
    // SQLite's triggers count each row (it writes in place, so that costs nothing); PostgreSQL's once per transaction
    const perRow = engineOf(t.db) === 'pg' ? 1 : 1000;
    expect(await version(org)).to.equal(before + perRow);
    expect(await version(other)).to.equal(otherBefore + perRow);
  });

  it('when a change is written past this app after a load, then the next load shows it (not the cached list)', async () => {
    const rep = await buildRepresentative(t.db, org, { name: 'Per Borte' });
    const id = await buildInvitation(t.db, org, { projectId: project, representativeId: rep, status: 'sent' });
    expect(await worklist()).to.not.contain(`data-item="undeliverable:${id}"`);
    // the bounce comes in on another instance: written straight to the database, nothing in this app is told
    await t.db('invitations').where({ id }).update({ status: 'undeliverable' });
    expect(await worklist()).to.contain(`data-item="undeliverable:${id}"`);
  });

  it('when the clock moves past a meeting’s start with nothing written, then the meeting asks for attendance', async () => {
    const rep = await buildRepresentative(t.db, org, { name: 'Møte Deltaker' });
    await buildInvitation(
      t.db,
      org,
      { projectId: project, representativeId: rep, status: 'accepted' },
      { respondedAt: hoursFromNow(-48) },
    );
    const meeting = await buildMeeting(t.db, org, project, { startsAt: hoursFromNow(0.5), endsAt: hoursFromNow(2.5) });
    expect(await worklist()).to.contain(`data-item="meeting:${meeting}:0"`);
    expect(await worklist()).to.not.contain(`data-item="attendance:${meeting}"`);
    clock.advance({ minutes: 40 }); // ten minutes into the meeting (and within the session's idle time)
    expect(await worklist()).to.contain(`data-item="attendance:${meeting}"`);
  });
});
