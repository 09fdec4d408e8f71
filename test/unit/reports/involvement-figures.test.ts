import { expect } from 'chai';
import { involvementFigures, type InvolvementFact } from '../../../src/features/reports/involvement-figures.js';

const entry = (over: Partial<InvolvementFact>): InvolvementFact => ({
  projectId: 1,
  representativeId: 10,
  activity: 'meeting',
  levelDelivered: 'involve',
  occurredOn: '2026-10-05',
  minutes: 60,
  preparationMinutes: 30,
  honorariumOre: 30000,
  travelOre: 0,
  ...over,
});

describe('the report’s groupings of involvement, from the entries read once', () => {
  const facts = {
    rows: [
      entry({}),
      entry({ representativeId: 11, activity: 'workshop', minutes: '90', levelDelivered: 'consult' }),
      entry({ projectId: 2, representativeId: 10, minutes: 120, travelOre: 8000 }),
      // before the period, inside the trend's twelve months
      entry({ occurredOn: '2026-03-10', representativeId: 12, minutes: 45 }),
    ],
    projects: new Map([
      [1, { title: 'Hverdagsrehabilitering', unitId: 7, targetLevel: 'involve' }],
      [2, { title: 'Pårørendeskole', unitId: null, targetLevel: 'collaborate' }],
    ]),
    unitNames: new Map([[7, 'Hjemmetjenesten']]),
  };
  const figures = involvementFigures(facts, { from: '2026-09-01', to: '2026-11-30' }, '2025-12-01');

  it('sums per activity in the period only, in the activities’ order, with numbers from either engine', () => {
    expect(figures.byActivity).to.deep.equal([
      { activity: 'meeting', entries: 2, minutes: 180, preparationMinutes: 60, honorariumOre: 60000, travelOre: 8000 },
      { activity: 'workshop', entries: 1, minutes: 90, preparationMinutes: 30, honorariumOre: 30000, travelOre: 0 },
    ]);
  });

  it('counts each person once per project and per month, and sums their minutes', () => {
    expect(figures.minutesPerPerson.sort()).to.deep.equal([180, 90].sort());
    expect(figures.byProject).to.deep.equal([
      { projectId: 1, title: 'Hverdagsrehabilitering', minutes: 150, people: 2 },
      { projectId: 2, title: 'Pårørendeskole', minutes: 120, people: 1 },
    ]);
    expect(figures.trend).to.deep.equal([
      { month: '2026-10', minutes: 270, people: 2 },
      { month: '2026-03', minutes: 45, people: 1 },
    ]);
  });

  it('groups per unit (none as its own row) and promised against delivered depth', () => {
    expect(figures.byUnit).to.deep.equal([
      { unit: 'Hjemmetjenesten', entries: 2, minutes: 150 },
      { unit: null, entries: 1, minutes: 120 },
    ]);
    expect(figures.depth).to.deep.equal([
      { promised: 'collaborate', delivered: 'involve', entries: 1 },
      { promised: 'involve', delivered: 'consult', entries: 1 },
      { promised: 'involve', delivered: 'involve', entries: 1 },
    ]);
  });
});
