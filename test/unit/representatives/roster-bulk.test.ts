import { expect } from 'chai';
import {
  chunks,
  skipReason,
  planBulk,
  type BulkAction,
  type BulkPerson,
  type SkipReason,
} from '../../../src/features/representatives/roster-bulk.js';

const person = (overrides: Partial<BulkPerson> = {}): BulkPerson => ({
  id: 1,
  name: 'Kari',
  status: 'active',
  contactUserId: null,
  skillLevel: 0,
  consents: new Set(),
  ...overrides,
});

describe('roster bulk: who is skipped and why', () => {
  const cases: Array<[string, BulkAction, Partial<BulkPerson>, SkipReason | undefined]> = [
    ['adds a skill not held', { kind: 'addSkill', skillId: 1, level: 2, livedExperience: false }, {}, undefined],
    [
      'changes the level of a skill held at another level',
      { kind: 'addSkill', skillId: 1, level: 3, livedExperience: false },
      { skillLevel: 1 },
      undefined,
    ],
    [
      'skips a skill held at the same level',
      { kind: 'addSkill', skillId: 1, level: 2, livedExperience: false },
      { skillLevel: 2 },
      { key: 'alreadyHeld', level: 2 },
    ],
    [
      'skips lived experience without the health consent',
      { kind: 'addSkill', skillId: 1, level: 1, livedExperience: true },
      {},
      { key: 'healthConsentNeeded' },
    ],
    [
      'adds lived experience with the health consent',
      { kind: 'addSkill', skillId: 1, level: 1, livedExperience: true },
      { consents: new Set(['health_experience'] as const) },
      undefined,
    ],
    ['removes a skill held', { kind: 'removeSkill', skillId: 1 }, { skillLevel: 1 }, undefined],
    ['skips removing a skill not held', { kind: 'removeSkill', skillId: 1 }, {}, { key: 'notHeld' }],
    ['records a consent not given', { kind: 'consent', purpose: 'roster', method: 'verbal' }, {}, undefined],
    [
      'skips a consent given already',
      { kind: 'consent', purpose: 'roster', method: 'verbal' },
      { consents: new Set(['roster'] as const) },
      { key: 'consentAlreadyGiven' },
    ],
    [
      'pauses an active person',
      { kind: 'status', status: 'paused', pausedUntil: '2099-01-01', reason: '' },
      {},
      undefined,
    ],
    [
      'extends a pause',
      { kind: 'status', status: 'paused', pausedUntil: '2099-01-01', reason: '' },
      { status: 'paused' },
      undefined,
    ],
    [
      'skips pausing a retired person',
      { kind: 'status', status: 'paused', pausedUntil: '2099-01-01', reason: '' },
      { status: 'retired' },
      { key: 'transition', from: 'retired' },
    ],
    [
      'skips activating an active person',
      { kind: 'status', status: 'active', pausedUntil: null, reason: '' },
      {},
      { key: 'transition', from: 'active' },
    ],
    [
      'activates a prospective person',
      { kind: 'status', status: 'active', pausedUntil: null, reason: '' },
      { status: 'prospective' },
      undefined,
    ],
    ['sets a new contact person', { kind: 'contact', userId: 7 }, { contactUserId: 6 }, undefined],
    ['skips the same contact person', { kind: 'contact', userId: 7 }, { contactUserId: 7 }, { key: 'alreadyContact' }],
    [
      'shortlists an eligible person',
      { kind: 'shortlist', projectId: 1 },
      { match: { eligible: true, shortlisted: false } },
      undefined,
    ],
    [
      'skips someone shortlisted already',
      { kind: 'shortlist', projectId: 1 },
      { match: { eligible: true, shortlisted: true } },
      { key: 'alreadyShortlisted' },
    ],
    [
      "skips an excluded person with matching's reasons",
      { kind: 'shortlist', projectId: 1 },
      { match: { eligible: false, reasons: ['notActive', 'termEnded'] } },
      { key: 'excluded', reasons: ['notActive', 'termEnded'] },
    ],
    ['skips someone matching does not consider', { kind: 'shortlist', projectId: 1 }, {}, { key: 'notCandidate' }],
  ];
  for (const [name, action, overrides, expected] of cases) {
    it(name, () => expect(skipReason(action, person(overrides))).to.deep.equal(expected));
  }

  it('splits people into those changed and those skipped, in order', () => {
    const plan = planBulk({ kind: 'removeSkill', skillId: 1 }, [
      person({ id: 1, skillLevel: 1 }),
      person({ id: 2 }),
      person({ id: 3, skillLevel: 3 }),
    ]);
    expect(plan.change.map((p) => p.id)).to.deep.equal([1, 3]);
    expect(plan.skipped.map((s) => [s.person.id, s.reason.key])).to.deep.equal([[2, 'notHeld']]);
  });

  it('slices ids for the statements: at most 500 by default', () => {
    const ids = Array.from({ length: 1201 }, (_, i) => i);
    expect(chunks(ids).map((c) => c.length)).to.deep.equal([500, 500, 201]);
    expect(chunks([], 500)).to.deep.equal([]);
  });
});
