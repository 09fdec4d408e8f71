import { expect } from 'chai';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { buildOrganisation, buildProject, buildRepresentative, buildSkill } from '../../helpers/builders.js';
import { buildRequirements } from '../../helpers/record-builders.js';
import { NetworkFiguresRepository } from '../../../src/features/reports/network-figures.repository.js';

// Issue 18: expired training does not count in matching; the report's "who holds the skills the projects need"
// follows the same rule, so that a supervisor is not told the network has people matching cannot use.
describe("the report's recruitment needs and expired training", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(() => t.close());

  it('counts a holder whose training is valid today or later, and not one whose training expired', async () => {
    const org = await buildOrganisation(t.db);
    const course = await buildSkill(t.db, org, { category: 'training' });
    const project = await buildProject(t.db, org, { startsOn: '2026-01-01', endsOn: '2027-12-31' });
    await buildRequirements(t.db, project, [{ skillId: course, must: true }]);
    const expiries = ['2026-11-30', '2026-12-01', '2027-06-01', null];
    for (const expiresOn of expiries) {
      const rep = await buildRepresentative(t.db, org);
      await t.db('representative_skills').insert({
        representative_id: rep,
        skill_id: course,
        level: 2,
        expires_on: expiresOn,
      });
    }
    const repository = new NetworkFiguresRepository(t.db);
    const scope = {
      organisationId: org,
      from: '2026-01-01',
      to: '2026-12-31',
      fromInstant: '2025-12-31T23:00:00.000Z',
      toInstant: '2026-12-31T23:00:00.000Z',
    };
    const [need] = await repository.recruitmentNeeds(scope, '2026-12-01');
    expect(need!.holders).to.equal(3);
    const [later] = await repository.recruitmentNeeds(scope, '2026-12-02');
    expect(later!.holders).to.equal(2);
  });
});
