import { expect } from 'chai';
import { createDb, transactor, type Db } from '../../../src/db.js';
import { RepresentativeSkillsRepository } from '../../../src/features/representatives/representative-skills.repository.js';
import { buildOrganisation, buildRepresentative, buildSkill } from '../../helpers/builders.js';
import { testConfig, testEngine } from '../../helpers/db.js';

/** The skills repository reaches the organisation through the person: another organisation's id reads and writes nothing. */
describe(`representative skills repository: every method scoped to the organisation (${testEngine})`, () => {
  let db: Db;
  let skills: RepresentativeSkillsRepository;
  let org: number;
  let otherOrg: number;
  let skill: number;
  let livedExperience: number;
  let person: number;

  beforeEach(async () => {
    db = createDb(await testConfig());
    skills = new RepresentativeSkillsRepository(db);
    org = await buildOrganisation(db);
    otherOrg = await buildOrganisation(db);
    skill = await buildSkill(db, org);
    livedExperience = await buildSkill(db, org, { category: 'lived_experience' });
    person = await buildRepresentative(db, org, {
      skills: [
        { skillId: skill, level: 2 },
        { skillId: livedExperience, level: 1 },
      ],
    });
  });
  afterEach(() => db.destroy());

  const held = async () =>
    (await db('representative_skills').where({ representative_id: person }).orderBy('skill_id')).map(
      (r: { skill_id: number; level: number }) => [Number(r.skill_id), Number(r.level)],
    );

  it('when asked with the person’s organisation, then skillsOf returns their skills', async () => {
    const result = await skills.skillsOf(org, [person]);
    const got = (result.get(person) ?? []).map((s) => [s.skillId, s.level]).sort((x, y) => x[0]! - y[0]!);
    expect(got).to.deep.equal([
      [skill, 2],
      [livedExperience, 1],
    ]);
  });

  it('when asked with another organisation, then skillsOf returns nothing for the person', async () => {
    const result = await skills.skillsOf(otherOrg, [person]);
    expect(result.has(person)).to.equal(false);
  });

  it('when only some skills are asked for, then skillsOf returns only those', async () => {
    const result = await skills.skillsOf(org, [person], [livedExperience]);
    expect(result.get(person)?.map((s) => s.skillId)).to.deep.equal([livedExperience]);
  });

  it('when setting a skill with the person’s organisation, then it is written and merged', async () => {
    const written = await transactor(db)((tx) =>
      skills.setSkill(org, person, { skillId: skill, level: 3, since: null, expiresOn: null }, tx),
    );
    expect(written).to.equal(true);
    expect(await held()).to.deep.equal([
      [skill, 3],
      [livedExperience, 1],
    ]);
  });

  it('when setting a skill with another organisation, then nothing is written', async () => {
    const written = await transactor(db)((tx) =>
      skills.setSkill(otherOrg, person, { skillId: skill, level: 3, since: null, expiresOn: null }, tx),
    );
    expect(written).to.equal(false);
    expect(await held()).to.deep.equal([
      [skill, 2],
      [livedExperience, 1],
    ]);
  });

  it('when removing with another organisation, then no skill is removed', async () => {
    const removed = await transactor(db)(async (tx) => [
      await skills.removeSkill(otherOrg, person, skill, tx),
      await skills.removeSkillsInCategory(otherOrg, person, 'lived_experience', tx),
    ]);
    expect(removed).to.deep.equal([0, 0]);
    expect((await held()).length).to.equal(2);
  });

  it('when removing with the person’s organisation, then the skill and the category go', async () => {
    const removed = await transactor(db)(async (tx) => [
      await skills.removeSkill(org, person, skill, tx),
      await skills.removeSkillsInCategory(org, person, 'lived_experience', tx),
    ]);
    expect(removed).to.deep.equal([1, 1]);
    expect(await held()).to.deep.equal([]);
  });
});
