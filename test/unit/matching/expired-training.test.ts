import { expect } from 'chai';
import { translator } from '../../../src/lib/i18n.js';
import {
  baseCandidates,
  skillsOn,
  type HeldSkill,
  type MatchingBase,
} from '../../../src/features/matching/candidates.js';
import {
  DEFAULT_WEIGHTS,
  explainExclusions,
  match,
  trainingExpired,
  type MatchProject,
} from '../../../src/features/matching/matching.js';
import { matchingText } from '../../../src/features/matching/matching.text.js';

// Issue 18: training whose "valid until" date is before the day matching runs for is not held: no points, no
// must-have met, and the reasons say when it expired. On its last valid day it still counts (as on the dashboard).

const FIRST_AID = 7; // training, wished
const CONFIDENTIALITY = 8; // training, a must-have
const EXPIRY = '2026-03-02';
const ON_EXPIRY = '2026-03-02';
const DAY_AFTER = '2026-03-03';

const base: MatchingBase = {
  people: [1, 2].map((id) => ({
    id,
    name: id === 1 ? 'Anne' : 'Berit',
    kind: 'patient' as const,
    status: 'active' as const,
    paused_until: null,
    term_end: null,
    area: 'Sentrum',
    languages: 'nb',
    preferred_contact: 'email' as const,
    email: `p${id}@test.example`,
    phone: null,
    postal_address: null,
    email_undeliverable: false,
    load_cap: null,
  })),
  emailConsent: new Set([1, 2]),
  involvement: new Map(),
};

// Anne: confidentiality for good, first aid (expert) until EXPIRY; Berit: first aid for good, confidentiality until EXPIRY
const held = new Map<number, Map<number, HeldSkill>>([
  [
    1,
    new Map([
      [CONFIDENTIALITY, { level: 1, expiresOn: null }],
      [FIRST_AID, { level: 3, expiresOn: EXPIRY }],
    ]),
  ],
  [
    2,
    new Map([
      [CONFIDENTIALITY, { level: 1, expiresOn: EXPIRY }],
      [FIRST_AID, { level: 3, expiresOn: null }],
    ]),
  ],
]);

const project: MatchProject = {
  id: 1,
  startsOn: '2026-06-01',
  endsOn: '2026-09-30',
  requirements: [
    { skillId: CONFIDENTIALITY, must: true, minLevel: 1, livedExperience: false },
    { skillId: FIRST_AID, must: false, minLevel: 2, livedExperience: false },
  ],
  workingLanguages: ['nb'],
  team: [],
};

const run = (today: string) =>
  match(project, baseCandidates(base, held, new Set(), today), {
    today,
    weights: DEFAULT_WEIGHTS,
    defaultLoadCap: 3,
  });

describe('matching: expired training (issue 18)', () => {
  it('counts training up to and including its last valid day, not after', () => {
    expect(trainingExpired(null, DAY_AFTER)).to.equal(false);
    expect(trainingExpired('2026-03-03', DAY_AFTER)).to.equal(false);
    expect(trainingExpired('2026-12-31', DAY_AFTER)).to.equal(false);
    expect(trainingExpired('2026-03-02', DAY_AFTER)).to.equal(true);
    expect(trainingExpired('2025-12-31', DAY_AFTER)).to.equal(true);
  });

  it('splits a person’s skills into those that count and the expired training, kept with its date', () => {
    const { levels, expired } = skillsOn(held.get(1), DAY_AFTER);
    expect([...levels]).to.deep.equal([[CONFIDENTIALITY, 1]]);
    expect([...expired]).to.deep.equal([[FIRST_AID, EXPIRY]]);
    const before = skillsOn(held.get(1), ON_EXPIRY);
    expect([...before.levels]).to.have.deep.members([
      [CONFIDENTIALITY, 1],
      [FIRST_AID, 3],
    ]);
    expect(before.expired.size).to.equal(0);
    expect(skillsOn(undefined, DAY_AFTER).levels.size).to.equal(0);
  });

  it('gives no points for a wished skill whose training has expired, not even partial credit', () => {
    const onExpiry = run(ON_EXPIRY).ranked.find((r) => r.id === 1)!;
    const after = run(DAY_AFTER).ranked.find((r) => r.id === 1)!;
    expect(onExpiry.components.niceToHave).to.equal(1);
    expect(after.components.niceToHave).to.equal(0);
    expect(after.score).to.be.lessThan(onExpiry.score);
    const wished = after.reasons.find((r) => r.key === 'matching.reasons.niceToHave')!;
    expect(wished.params).to.deep.equal({ held: 0, total: 1 });
    expect(wished.skills!.missed).to.deep.equal([{ skillId: FIRST_AID, minLevel: 2, level: 0, expiredOn: EXPIRY }]);
    // on its last day the training is held as before, and no expiry is named
    const before = onExpiry.reasons.find((r) => r.key === 'matching.reasons.niceToHave')!;
    expect(before.skills!.held).to.deep.equal([{ skillId: FIRST_AID, minLevel: 2, level: 3 }]);
  });

  it('leaves out a person whose must-have is met only by expired training, naming the expiry', () => {
    const onExpiry = run(ON_EXPIRY);
    expect(onExpiry.ranked.map((r) => r.id)).to.include(2);
    const after = run(DAY_AFTER);
    expect(after.ranked.map((r) => r.id)).to.deep.equal([1]);
    expect(after.excluded.get(2)).to.deep.equal(['missingMust']);
    expect(after.missingMustCounts).to.deep.equal([{ skillId: CONFIDENTIALITY, minLevel: 1, count: 1 }]);
    const berit = baseCandidates(base, held, new Set(), DAY_AFTER).find((c) => c.id === 2)!;
    expect(explainExclusions(berit, project, DAY_AFTER, 3)).to.deep.equal([
      { reason: 'missingMust', skills: [{ skillId: CONFIDENTIALITY, minLevel: 1, level: 0, expiredOn: EXPIRY }] },
    ]);
  });

  it('says when the training expired, in the reader’s language with the date spelled out', () => {
    const names = [
      { skillId: FIRST_AID, nameNb: 'Førstehjelp', nameEn: 'First aid' },
      { skillId: CONFIDENTIALITY, nameNb: 'Taushetsplikt', nameEn: 'Confidentiality' },
    ];
    const anne = run(DAY_AFTER).ranked.find((r) => r.id === 1)!;
    const nb = matchingText(translator('nb'), 'nb', names);
    const en = matchingText(translator('en'), 'en', names);
    const facts = (text: typeof nb) => text.candidate(anne, 1).why.flatMap((w) => w.facts);
    expect(facts(nb)).to.include('Førstehjelp: kurset gikk ut 2. mars 2026 og teller ikke lenger');
    expect(facts(en)).to.include('First aid: training expired on 2 March 2026 and no longer counts');

    const berit = baseCandidates(base, held, new Set(), DAY_AFTER).find((c) => c.id === 2)!;
    const details = explainExclusions(berit, project, DAY_AFTER, 3);
    expect(nb.exclusionLines(details)).to.deep.equal([
      'Mangler Taushetsplikt (minst grunnleggende), som prosjektet må ha',
      'Taushetsplikt: kurset gikk ut 2. mars 2026 og teller ikke lenger',
    ]);
    expect(en.exclusionLines(details)).to.deep.equal([
      'Lacks Confidentiality (at least basic), which the project must have',
      'Confidentiality: training expired on 2 March 2026 and no longer counts',
    ]);
  });
});
