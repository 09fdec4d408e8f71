import { expect } from 'chai';
import {
  components,
  DEFAULT_WEIGHTS,
  exclusions,
  explainExclusions,
  match,
  score,
  type Candidate,
  type MatchProject,
} from '../../../src/features/matching/matching.js';

const TODAY = '2026-11-23';

function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: 1,
    name: 'Kari',
    kind: 'patient',
    status: 'active',
    pausedUntil: null,
    termEnd: null,
    area: 'Sentrum',
    languages: ['nb'],
    preferredContact: 'email',
    hasEmail: true,
    hasPhone: false,
    hasPostalAddress: false,
    emailConsent: true,
    emailUndeliverable: false,
    skills: new Map(),
    livedExperienceSkillIds: [],
    loadCap: null,
    overlappingEngagements: 0,
    engagementsLast12Months: 0,
    lastInvolvedOn: null,
    openInvitation: false,
    declinedThisProject: false,
    shortlisted: false,
    ...overrides,
  };
}

function project(overrides: Partial<MatchProject> = {}): MatchProject {
  return {
    id: 1,
    startsOn: '2027-01-01',
    endsOn: '2027-06-30',
    requirements: [],
    workingLanguages: ['nb'],
    team: [],
    ...overrides,
  };
}

describe('matching: exclusions', () => {
  const cases: Array<[string, Partial<Candidate>, Partial<MatchProject>, string]> = [
    ['a prospective person', { status: 'prospective' }, {}, 'notActive'],
    ['a retired person', { status: 'retired' }, {}, 'notActive'],
    ['a person paused into the project period', { status: 'paused', pausedUntil: '2027-02-01' }, {}, 'paused'],
    ['a person who wants e-mail but gave no e-mail consent', { emailConsent: false }, {}, 'noContactConsent'],
    [
      'a person who wants phone calls but has no number',
      { preferredContact: 'phone', hasPhone: false },
      {},
      'noContactConsent',
    ],
    [
      'a person who wants letters but has no address',
      { preferredContact: 'letter', hasPostalAddress: false },
      {},
      'noContactConsent',
    ],
    ['an undeliverable e-mail address', { emailUndeliverable: true }, {}, 'undeliverable'],
    ['a term that ended before the project starts', { termEnd: '2026-12-31' }, {}, 'termEnded'],
    ['an open invitation to this project', { openInvitation: true }, {}, 'openInvitation'],
    ['someone who declined this project', { declinedThisProject: true }, {}, 'declined'],
    [
      'a missing must-have skill',
      {},
      { requirements: [{ skillId: 7, must: true, minLevel: 1, livedExperience: false }] },
      'missingMust',
    ],
    [
      'a must-have skill below its minimum level',
      { skills: new Map([[7, 1]]) },
      { requirements: [{ skillId: 7, must: true, minLevel: 2, livedExperience: false }] },
      'missingMust',
    ],
    ['someone at the default load cap', { overlappingEngagements: 2 }, {}, 'atLoadCap'],
    ['someone at a personal load cap', { overlappingEngagements: 1, loadCap: 1 }, {}, 'atLoadCap'],
  ];
  for (const [label, c, p, reason] of cases) {
    it(`excludes ${label} (${reason})`, () => {
      expect(exclusions(candidate(c), project(p), TODAY, 2)).to.include(reason);
    });
  }

  it('keeps a person paused only until before the project starts, one reachable by phone, and one under the cap', () => {
    expect(exclusions(candidate({ status: 'paused', pausedUntil: '2026-12-15' }), project(), TODAY, 2)).to.deep.equal(
      [],
    );
    expect(
      exclusions(candidate({ preferredContact: 'phone', hasPhone: true, emailConsent: false }), project(), TODAY, 2),
    ).to.deep.equal([]);
    expect(exclusions(candidate({ overlappingEngagements: 1 }), project(), TODAY, 2)).to.deep.equal([]);
    expect(exclusions(candidate({ overlappingEngagements: 2, loadCap: 3 }), project(), TODAY, 2)).to.deep.equal([]);
  });

  const must = (skillId: number, minLevel = 1) => ({ skillId, must: true, minLevel, livedExperience: false });
  const detailCases: Array<[string, Partial<Candidate>, Partial<MatchProject>, unknown[]]> = [
    [
      'names each must-have skill missed, with the level asked and the level held',
      { skills: new Map([[7, 1]]) },
      { requirements: [must(7, 2), must(8), must(9)] },
      [
        {
          reason: 'missingMust',
          skills: [
            { skillId: 7, minLevel: 2, level: 1 },
            { skillId: 8, minLevel: 1, level: 0 },
            { skillId: 9, minLevel: 1, level: 0 },
          ],
        },
      ],
    ],
    [
      'names the missing e-mail consent',
      { emailConsent: false },
      {},
      [{ reason: 'noContactConsent', preferredContact: 'email', missing: ['emailConsent'] }],
    ],
    [
      'names the missing e-mail address and consent together',
      { emailConsent: false, hasEmail: false },
      {},
      [{ reason: 'noContactConsent', preferredContact: 'email', missing: ['emailConsent', 'email'] }],
    ],
    [
      'names the missing phone number',
      { preferredContact: 'phone' },
      {},
      [{ reason: 'noContactConsent', preferredContact: 'phone', missing: ['phone'] }],
    ],
    [
      'names the missing postal address',
      { preferredContact: 'letter', hasPhone: true },
      {},
      [{ reason: 'noContactConsent', preferredContact: 'letter', missing: ['postalAddress'] }],
    ],
    ['gives other reasons as they are', { status: 'retired' }, {}, [{ reason: 'notActive' }]],
    [
      'gives nothing for someone who can be suggested',
      { skills: new Map([[7, 3]]) },
      { requirements: [must(7, 3)] },
      [],
    ],
  ];
  for (const [label, c, p, expected] of detailCases) {
    it(`explains exclusions: ${label}`, () => {
      expect(explainExclusions(candidate(c), project(p), TODAY, 2)).to.deep.equal(expected);
    });
  }

  it('lists every reason, not only the first', () => {
    expect(
      exclusions(candidate({ status: 'retired', emailConsent: false, declinedThisProject: true }), project(), TODAY, 2),
    ).to.deep.equal(['notActive', 'noContactConsent', 'declined']);
  });
});

describe('matching: components and score', () => {
  const nice = (skillId: number, minLevel = 1) => ({ skillId, must: false, minLevel, livedExperience: false });

  it('counts nice-to-have coverage by level, with half credit below the level', () => {
    const p = project({ requirements: [nice(1, 2), nice(2), nice(3), nice(4)] });
    const { components: c, reasons } = components(
      candidate({
        skills: new Map([
          [1, 3],
          [2, 1],
          [3, 1],
        ]),
      }),
      p,
      TODAY,
    );
    expect(c.niceToHave).to.equal(0.75);
    expect(reasons.find((r) => r.key === 'matching.reasons.niceToHave')?.params).to.deep.equal({ held: 3, total: 4 });
    expect(reasons.find((r) => r.key === 'matching.reasons.niceToHave')?.skills).to.deep.equal({
      held: [
        { skillId: 1, minLevel: 2, level: 3 },
        { skillId: 2, minLevel: 1, level: 1 },
        { skillId: 3, minLevel: 1, level: 1 },
      ],
      missed: [{ skillId: 4, minLevel: 1, level: 0 }],
    });
    const partial = components(
      candidate({ skills: new Map([[1, 1]]) }),
      project({ requirements: [nice(1, 2)] }),
      TODAY,
    );
    expect(partial.components.niceToHave).to.equal(0.5);
  });

  it('favours the less used: never involved counts fully, then 1/(1+n)', () => {
    expect(components(candidate(), project(), TODAY).components.fairness).to.equal(1);
    expect(
      components(candidate({ engagementsLast12Months: 3, lastInvolvedOn: '2026-10-01' }), project(), TODAY).components
        .fairness,
    ).to.equal(0.25);
    expect(components(candidate(), project(), TODAY).reasons).to.deep.include({
      key: 'matching.reasons.neverInvolved',
    });
  });

  it('rewards rest: a year or more since the last involvement counts fully', () => {
    expect(components(candidate({ lastInvolvedOn: '2025-01-01' }), project(), TODAY).components.rest).to.equal(1);
    const recent = components(candidate({ lastInvolvedOn: '2026-05-23' }), project(), TODAY);
    expect(recent.components.rest).to.be.closeTo(0.5, 0.02);
    expect(recent.reasons).to.deep.include({ key: 'matching.reasons.rest', params: { count: 6 } });
  });

  it('says "less than a month ago" instead of "not involved for 0 months"', () => {
    const lately = components(candidate({ lastInvolvedOn: '2026-11-10' }), project(), TODAY);
    expect(lately.reasons).to.deep.include({ key: 'matching.reasons.restRecent' });
    expect(lately.reasons.map((r) => r.key)).not.to.include('matching.reasons.rest');
  });

  it('rewards a kind, an area and lived experience not yet on the team', () => {
    const team = [{ kind: 'patient' as const, area: 'Sentrum', livedExperienceSkillIds: [5] }];
    const same = components(
      candidate({ kind: 'patient', area: 'Sentrum', livedExperienceSkillIds: [5] }),
      project({ team }),
      TODAY,
    );
    expect(same.components.diversity).to.equal(0);
    const other = components(
      candidate({ kind: 'next_of_kin', area: 'Nord', livedExperienceSkillIds: [6] }),
      project({ team }),
      TODAY,
    );
    expect(other.components.diversity).to.equal(1);
    expect(other.reasons.map((r) => r.key)).to.include.members([
      'matching.reasons.addsKind.next_of_kin',
      'matching.reasons.addsArea',
      'matching.reasons.addsLived',
    ]);
  });

  it('counts a Nynorsk speaker as speaking a Bokmål working language, and the other way round', () => {
    expect(
      components(candidate({ languages: ['nn'] }), project({ workingLanguages: ['nb'] }), TODAY).components.language,
    ).to.equal(1);
    expect(
      components(candidate({ languages: ['nb'] }), project({ workingLanguages: ['nn'] }), TODAY).components.language,
    ).to.equal(1);
    expect(
      components(candidate({ languages: ['se'] }), project({ workingLanguages: ['nb'] }), TODAY).components.language,
    ).to.equal(0);
  });

  it('rewards speaking one of the working languages', () => {
    expect(
      components(candidate({ languages: ['en'] }), project({ workingLanguages: ['nb'] }), TODAY).components.language,
    ).to.equal(0);
    expect(
      components(candidate({ languages: ['nb', 'ar'] }), project({ workingLanguages: ['ar'] }), TODAY).components
        .language,
    ).to.equal(1);
  });

  it('scores the weighted sum scaled by the weights, and 0 when all weights are 0', () => {
    const all = { niceToHave: 1, fairness: 1, rest: 1, diversity: 1, language: 1 };
    expect(score(all, DEFAULT_WEIGHTS)).to.equal(1);
    expect(
      score(
        { niceToHave: 1, fairness: 0, rest: 0, diversity: 0, language: 0 },
        { niceToHave: 1, fairness: 1, rest: 0, diversity: 0, language: 0 },
      ),
    ).to.equal(0.5);
    expect(score(all, { niceToHave: 0, fairness: 0, rest: 0, diversity: 0, language: 0 })).to.equal(0);
  });
});

describe('matching: ranking', () => {
  it('ranks by score, breaks ties by id, and gives the same order for the same input', () => {
    const people = [
      candidate({ id: 3 }),
      candidate({ id: 1 }),
      candidate({ id: 2, engagementsLast12Months: 4, lastInvolvedOn: '2026-11-01' }),
    ];
    const first = match(project(), people, { today: TODAY, weights: DEFAULT_WEIGHTS, defaultLoadCap: 2 });
    expect(first.ranked.map((r) => r.id)).to.deep.equal([1, 3, 2]);
    const again = match(project(), [...people].reverse(), {
      today: TODAY,
      weights: DEFAULT_WEIGHTS,
      defaultLoadCap: 2,
    });
    expect(again.ranked.map((r) => r.id)).to.deep.equal([1, 3, 2]);
  });

  it('counts the exclusion reasons and keeps shortlisted people in the list, marked', () => {
    const result = match(
      project(),
      [
        candidate({ id: 1, shortlisted: true }),
        candidate({ id: 2, status: 'retired' }),
        candidate({ id: 3, status: 'retired', emailConsent: false }),
      ],
      { today: TODAY, weights: DEFAULT_WEIGHTS, defaultLoadCap: 2 },
    );
    expect(result.ranked.map((r) => [r.id, r.shortlisted])).to.deep.equal([[1, true]]);
    expect(result.excludedCounts.notActive).to.equal(2);
    expect(result.excludedCounts.noContactConsent).to.equal(1);
    expect(result.excluded.get(3)).to.deep.equal(['notActive', 'noContactConsent']);
  });

  it('counts those left out per must-have skill missed and per consent or contact detail lacking', () => {
    const must = (skillId: number, minLevel = 1) => ({ skillId, must: true, minLevel, livedExperience: false });
    const result = match(
      project({ requirements: [must(7, 2), must(8)] }),
      [
        candidate({
          id: 1,
          skills: new Map([
            [7, 2],
            [8, 1],
          ]),
        }),
        candidate({
          id: 2,
          skills: new Map([
            [7, 1],
            [8, 1],
          ]),
          emailConsent: false,
        }),
        candidate({ id: 3, skills: new Map(), preferredContact: 'phone' }),
        candidate({
          id: 4,
          skills: new Map([
            [7, 3],
            [8, 2],
          ]),
          hasEmail: false,
          emailConsent: false,
        }),
      ],
      { today: TODAY, weights: DEFAULT_WEIGHTS, defaultLoadCap: 2 },
    );
    expect(result.missingMustCounts).to.deep.equal([
      { skillId: 7, minLevel: 2, count: 2 },
      { skillId: 8, minLevel: 1, count: 1 },
    ]);
    expect(result.contactGapCounts).to.deep.equal({ emailConsent: 2, email: 1, phone: 1, postalAddress: 0 });
  });

  it('handles no candidates and a project without requirements or languages', () => {
    const empty = match(project({ workingLanguages: [] }), [], {
      today: TODAY,
      weights: DEFAULT_WEIGHTS,
      defaultLoadCap: 2,
    });
    expect(empty.ranked).to.deep.equal([]);
    expect(Object.values(empty.excludedCounts).every((n) => n === 0)).to.equal(true);
    const one = match(project({ workingLanguages: [] }), [candidate()], {
      today: TODAY,
      weights: DEFAULT_WEIGHTS,
      defaultLoadCap: 2,
    });
    expect(one.ranked[0]!.components.language).to.equal(0);
    expect(one.ranked[0]!.reasons.some((r) => r.key.startsWith('matching.reasons.speaks'))).to.equal(false);
  });
});
