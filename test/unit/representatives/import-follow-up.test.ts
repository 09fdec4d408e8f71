import { expect } from 'chai';
import type { Candidate } from '../../../src/features/matching/matching.js';
import { invitationBlockers } from '../../../src/features/representatives/import-follow-up.js';

const TODAY = '2026-12-01';

function person(overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: 1,
    name: 'Kari',
    kind: 'patient',
    status: 'active',
    pausedUntil: null,
    termEnd: null,
    area: '',
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
    overlappingEngagements: 5,
    engagementsLast12Months: 3,
    lastInvolvedOn: null,
    openInvitation: false,
    declinedThisProject: false,
    shortlisted: false,
    ...overrides,
  };
}

describe('who can be invited after an import, by the matching rules without a project', () => {
  const cases: Array<[string, Partial<Candidate>, string[]]> = [
    ['an active person with e-mail and its consent (busy or not)', {}, []],
    ['a prospective person', { status: 'prospective' }, ['notActive']],
    ['a retired person', { status: 'retired' }, ['notActive']],
    ['a person paused until a future day', { status: 'paused', pausedUntil: '2027-01-01' }, ['paused']],
    ['a person whose pause ended yesterday', { status: 'paused', pausedUntil: '2026-11-30' }, []],
    ['a person without e-mail consent', { emailConsent: false }, ['noContactConsent:emailConsent']],
    [
      'a person without e-mail or its consent',
      { emailConsent: false, hasEmail: false },
      ['noContactConsent:emailConsent,email'],
    ],
    ['a person who wants phone calls but has no number', { preferredContact: 'phone' }, ['noContactConsent:phone']],
    [
      'a person who wants phone calls and has a number, without e-mail consent',
      { preferredContact: 'phone', hasPhone: true, emailConsent: false },
      [],
    ],
    ['a person whose e-mail bounced', { emailUndeliverable: true }, ['undeliverable']],
    ['a person whose term ended', { termEnd: '2026-11-30' }, ['termEnded']],
    [
      'a prospective person without consent',
      { status: 'prospective', emailConsent: false },
      ['notActive', 'noContactConsent:emailConsent'],
    ],
  ];
  for (const [what, overrides, expected] of cases) {
    it(`${expected.length ? 'lists' : 'clears'} ${what}${expected.length ? `: ${expected.join('; ')}` : ''}`, () => {
      const blockers = invitationBlockers(person(overrides), TODAY).map((b) =>
        b.reason === 'noContactConsent' ? `${b.reason}:${b.missing.join(',')}` : b.reason,
      );
      expect(blockers).to.deep.equal(expected);
    });
  }
});
