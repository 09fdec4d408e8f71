import { expect } from 'chai';
import { translator } from '../../../src/lib/i18n.js';
import {
  attainableScore,
  DEFAULT_WEIGHTS,
  type RankedCandidate,
  type Reason,
} from '../../../src/features/matching/matching.js';
import { MATCHES_SHOWN, MATCHES_STEP, shownCount } from '../../../src/features/matching/matching.service.js';
import { fitBand, matchingText } from '../../../src/features/matching/matching.text.js';

// Issue 17 item 2: what the compact ranked list shows of a person, and how many it shows.

function ranked(overrides: Partial<RankedCandidate> = {}, reasons: Reason[] = []): RankedCandidate {
  return {
    id: 1,
    name: 'Kari',
    kind: 'patient',
    score: 0.8,
    components: { niceToHave: 1, fairness: 1, rest: 1, diversity: 1 / 3, language: 1 },
    reasons,
    shortlisted: false,
    ...overrides,
  };
}

const skills = [{ skillId: 5, nameNb: 'Statistikk', nameEn: 'Statistics' }];
const text = matchingText(translator('nb'), 'nb', skills);

describe('how many the matches page shows', () => {
  it('takes a whole number from ten to the most that have reasons', () => {
    expect(shownCount('20')).to.equal(20);
    expect(shownCount(String(MATCHES_SHOWN))).to.equal(MATCHES_SHOWN);
    expect(shownCount('15')).to.equal(15);
  });

  it('falls back to ten on anything else', () => {
    for (const bad of [undefined, '', 'abc', '-5', '9', '51', '1000', '20.5', '1e1', ' 20', ['20'], 20, {}]) {
      expect(shownCount(bad), JSON.stringify(bad)).to.equal(MATCHES_STEP);
    }
  });
});

describe('the fit in words', () => {
  it('measures against the best the project allows, in three bands', () => {
    expect(fitBand(0.9)).to.equal('veryGood');
    expect(fitBand(0.7)).to.equal('good');
    expect(fitBand(0.4)).to.equal('partial');
    // with no wished skills and no working language, those parts cannot be had, and do not count against anyone
    const withAll = attainableScore(
      { requirements: [{ skillId: 5, must: false, minLevel: 1, livedExperience: false }], workingLanguages: ['nb'] },
      DEFAULT_WEIGHTS,
    );
    const mustOnly = attainableScore(
      { requirements: [{ skillId: 5, must: true, minLevel: 1, livedExperience: false }], workingLanguages: [] },
      DEFAULT_WEIGHTS,
    );
    expect(withAll).to.equal(1);
    expect(mustOnly).to.be.closeTo(0.55, 0.0001);
  });

  it('leaves the fit out when the project has no requirements', () => {
    expect(text.candidate(ranked(), null).fit).to.equal(null);
    expect(text.candidate(ranked({ score: 0.8 }), 1).fit).to.deep.equal({
      band: 'good',
      words: 'Godt egnet',
      value: 80,
    });
  });
});

describe('the reasons on a row and the whole why', () => {
  const reasons: Reason[] = [
    {
      key: 'matching.reasons.niceToHave',
      params: { held: 1, total: 1 },
      skills: { held: [{ skillId: 5, minLevel: 1, level: 2 }], missed: [] },
    },
    { key: 'matching.reasons.engagements', params: { count: 2 } },
    { key: 'matching.reasons.rest', params: { count: 2 } },
    { key: 'matching.reasons.addsKind.patient' },
    { key: 'matching.reasons.addsArea', params: { area: 'Sentrum' } },
    { key: 'matching.reasons.noLanguage' },
  ];
  const c = ranked(
    { components: { niceToHave: 1, fairness: 1 / 3, rest: 2 / 12, diversity: 2 / 3, language: 0 } },
    reasons,
  );

  it('shows at most three: the wished skills, a language gap, then how much the person has been asked', () => {
    expect(text.candidate(c, 1).top).to.deep.equal([
      'Har 1 av 1 ønskede ferdigheter',
      'Snakker ikke prosjektets arbeidsspråk',
      'Med 2 ganger siste 12 måneder',
    ]);
  });

  it('says each part in plain words, with the facts behind it', () => {
    expect(text.candidate(c, 1).why).to.deep.equal([
      {
        headline: 'Har alt prosjektet gjerne vil ha',
        facts: ['Har 1 av 1 ønskede ferdigheter', 'Har: Statistikk (erfaren)'],
      },
      { headline: 'Har vært med mye i det siste', facts: ['Med 2 ganger siste 12 måneder'] },
      { headline: 'Var med i et prosjekt nylig', facts: ['Ikke med på 2 måneder'] },
      {
        headline: 'Gir teamet flere perspektiver det mangler',
        facts: ['Gir et brukerperspektiv', 'Kjenner et nytt område: Sentrum'],
      },
      { headline: 'Kan ikke følge møtene på prosjektets språk', facts: ['Snakker ikke prosjektets arbeidsspråk'] },
    ]);
  });

  it('names the language spoken, and says when the team has the perspective already', () => {
    const speaker = ranked({ components: { niceToHave: 0, fairness: 1, rest: 1, diversity: 0, language: 1 } }, [
      { key: 'matching.reasons.neverInvolved' },
      { key: 'matching.reasons.speaks', params: { language: 'en' } },
    ]);
    const out = matchingText(translator('en'), 'en', skills).candidate(speaker, 1);
    expect(out.top).to.deep.equal(['Never involved before']);
    expect(out.why).to.deep.equal([
      { headline: 'Has not been asked much lately', facts: ['Never involved before'] },
      { headline: 'The team already has this perspective', facts: [] },
      { headline: "Can follow the meetings in the project's language", facts: ['Speaks English'] },
    ]);
  });
});
