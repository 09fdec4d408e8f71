// The matching core: pure (no HTTP, no database, no clock of its own). Given the project, the candidates, today
// and the organisation's weights, it ranks the candidates and explains every score and every exclusion.

import {
  CONTACT_GAPS,
  EXCLUSION_REASONS,
  type Candidate,
  type Components,
  type ContactGap,
  type ExclusionDetail,
  type ExclusionReason,
  type Kind,
  type MatchProject,
  type MatchResult,
  type RankedCandidate,
  type Reason,
  type Requirement,
  type SkillGap,
  type Weights,
} from './matching.types.js';

// the vocabulary is matching's too: importers of the core find it here
export * from './matching.types.js';

/**
 * Whether training valid until `expiresOn` (its last valid day) has expired on `today` (both ISO dates in the
 * organisation's zone). Training expiring today still counts today, as on the dashboard, which lists training
 * expiring from today on as "expiring soon"; from the next day it is expired and matching ignores it.
 */
export function trainingExpired(expiresOn: string | null, today: string): boolean {
  return expiresOn !== null && expiresOn < today;
}

/** The gap for a skill a person does not hold at the level asked, naming the expiry when expired training is why. */
function gapOf(candidate: Candidate, skillId: number, minLevel: number, level: number): SkillGap {
  const expiredOn = level === 0 ? candidate.expiredTraining?.get(skillId) : undefined;
  return expiredOn ? { skillId, minLevel, level, expiredOn } : { skillId, minLevel, level };
}

/** Bokmål and Nynorsk are two written standards of one language: a speaker of either follows a meeting in Norwegian. */
const NORWEGIAN = new Set(['nb', 'nn', 'no']);
function speaks(languages: readonly string[], language: string): boolean {
  if (languages.includes(language)) return true;
  if (!NORWEGIAN.has(language)) return false;
  for (const spoken of languages) if (NORWEGIAN.has(spoken)) return true;
  return false;
}

export const DEFAULT_WEIGHTS: Weights = { niceToHave: 0.35, fairness: 0.2, rest: 0.15, diversity: 0.2, language: 0.1 };

const monthsBetween = (fromIso: string, toIso: string) =>
  (Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / (1000 * 60 * 60 * 24 * 30.44);

/** Why a candidate cannot be suggested (empty when they can). Every reason is listed, not just the first. */
export function exclusions(
  candidate: Candidate,
  project: MatchProject,
  today: string,
  defaultLoadCap: number,
): ExclusionReason[] {
  const reasons: ExclusionReason[] = [];
  if (candidate.status === 'prospective' || candidate.status === 'retired') reasons.push('notActive');
  if (candidate.status === 'paused') {
    // paused through any part of the project period (or still paused today when the project has no start)
    const from = project.startsOn ?? today;
    if (!candidate.pausedUntil || candidate.pausedUntil >= from) reasons.push('paused');
  }
  if (!reachable(candidate)) reasons.push('noContactConsent');
  if (candidate.preferredContact === 'email' && candidate.emailUndeliverable) reasons.push('undeliverable');
  const termLimit = project.startsOn ?? today;
  if (candidate.termEnd && candidate.termEnd < termLimit) reasons.push('termEnded');
  if (candidate.openInvitation) reasons.push('openInvitation');
  if (candidate.declinedThisProject) reasons.push('declined');
  for (const r of project.requirements) {
    if (r.must && (candidate.skills.get(r.skillId) ?? 0) < r.minLevel) {
      reasons.push('missingMust');
      break;
    }
  }
  if (candidate.overlappingEngagements >= (candidate.loadCap ?? defaultLoadCap)) reasons.push('atLoadCap');
  return reasons;
}

/** Whether a person can be reached the way they prefer (the same test as an empty `contactGaps`, without allocating). */
function reachable(candidate: Candidate): boolean {
  if (candidate.preferredContact === 'phone') return candidate.hasPhone;
  if (candidate.preferredContact === 'letter') return candidate.hasPostalAddress;
  return candidate.emailConsent && candidate.hasEmail;
}

/** The consent or contact details a person lacks to be reached the way they prefer (empty when reachable). */
export function contactGaps(candidate: Candidate): ContactGap[] {
  if (candidate.preferredContact === 'phone') return candidate.hasPhone ? [] : ['phone'];
  if (candidate.preferredContact === 'letter') return candidate.hasPostalAddress ? [] : ['postalAddress'];
  const gaps: ContactGap[] = [];
  if (!candidate.emailConsent) gaps.push('emailConsent');
  if (!candidate.hasEmail) gaps.push('email');
  return gaps;
}

/** The must-have requirements a person does not meet, each with the level asked and the level held. */
export function missingMusts(candidate: Candidate, project: MatchProject): SkillGap[] {
  return project.requirements
    .filter((r) => r.must && (candidate.skills.get(r.skillId) ?? 0) < r.minLevel)
    .map((r) => gapOf(candidate, r.skillId, r.minLevel, candidate.skills.get(r.skillId) ?? 0));
}

/** Every exclusion reason of a person, in the order of `exclusions`, with the skills and contact details behind it. */
export function explainExclusions(
  candidate: Candidate,
  project: MatchProject,
  today: string,
  defaultLoadCap: number,
): ExclusionDetail[] {
  return exclusions(candidate, project, today, defaultLoadCap).map((reason): ExclusionDetail => {
    if (reason === 'missingMust') return { reason, skills: missingMusts(candidate, project) };
    if (reason === 'noContactConsent')
      return { reason, preferredContact: candidate.preferredContact, missing: contactGaps(candidate) };
    return { reason };
  });
}

interface Prepared {
  nice: Requirement[];
  teamKinds: Set<Kind>;
  teamAreas: Set<string>;
  teamLived: Set<number>;
  today: string;
}

/** What every candidate is compared with, worked out once per project rather than once per candidate. */
function prepare(project: MatchProject, today: string): Prepared {
  return {
    nice: project.requirements.filter((r) => !r.must),
    teamKinds: new Set(project.team.map((m) => m.kind)),
    teamAreas: new Set(project.team.map((m) => m.area).filter(Boolean)),
    teamLived: new Set(project.team.flatMap((m) => m.livedExperienceSkillIds)),
    today,
  };
}

/** The five components, each in [0, 1], with the reasons a person reads. */
export function components(
  candidate: Candidate,
  project: MatchProject,
  today: string,
): { components: Components; reasons: Reason[] } {
  return componentsWith(candidate, project, prepare(project, today));
}

function componentsWith(
  candidate: Candidate,
  project: MatchProject,
  prepared: Prepared,
  explain = true,
): { components: Components; reasons: Reason[] } {
  const { nice, teamKinds, teamAreas, teamLived, today } = prepared;
  // reasons are only built for candidates who will be shown: building them for thousands is most of the cost
  const reasons: Reason[] | null = explain ? [] : null;
  let niceToHave = 0;
  if (nice.length) {
    let held = 0;
    let credit = 0;
    const skills: { held: SkillGap[]; missed: SkillGap[] } | null = reasons ? { held: [], missed: [] } : null;
    for (const r of nice) {
      const level = candidate.skills.get(r.skillId) ?? 0;
      if (level >= r.minLevel) {
        held += 1;
        credit += 1;
      } else if (level > 0) {
        credit += 0.5;
      }
      if (skills) {
        if (level >= r.minLevel) skills.held.push({ skillId: r.skillId, minLevel: r.minLevel, level });
        else skills.missed.push(gapOf(candidate, r.skillId, r.minLevel, level));
      }
    }
    niceToHave = credit / nice.length;
    reasons?.push({ key: 'matching.reasons.niceToHave', params: { held, total: nice.length }, skills: skills! });
  }

  const fairness = 1 / (1 + candidate.engagementsLast12Months);
  reasons?.push(
    candidate.engagementsLast12Months === 0
      ? { key: candidate.lastInvolvedOn ? 'matching.reasons.noneLastYear' : 'matching.reasons.neverInvolved' }
      : { key: 'matching.reasons.engagements', params: { count: candidate.engagementsLast12Months } },
  );

  let rest = 1;
  if (candidate.lastInvolvedOn) {
    const months = Math.max(0, monthsBetween(candidate.lastInvolvedOn, today));
    rest = Math.min(1, months / 12);
    // under a month is said as such: "not involved for 0 months" reads as nonsense
    reasons?.push(
      months < 1
        ? { key: 'matching.reasons.restRecent' }
        : { key: 'matching.reasons.rest', params: { count: Math.floor(months) } },
    );
  }

  const addsKind = !teamKinds.has(candidate.kind);
  const addsArea = candidate.area !== '' && !teamAreas.has(candidate.area);
  const addsLived = candidate.livedExperienceSkillIds.some((id) => !teamLived.has(id));
  const diversity = ((addsKind ? 1 : 0) + (addsArea ? 1 : 0) + (addsLived ? 1 : 0)) / 3;
  if (addsKind) reasons?.push({ key: `matching.reasons.addsKind.${candidate.kind}` });
  if (addsArea) reasons?.push({ key: 'matching.reasons.addsArea', params: { area: candidate.area } });
  if (addsLived) reasons?.push({ key: 'matching.reasons.addsLived' });

  let language = 0;
  if (project.workingLanguages.length) {
    const spoken = project.workingLanguages.find((l) => speaks(candidate.languages, l));
    language = spoken ? 1 : 0;
    reasons?.push(
      spoken
        ? { key: 'matching.reasons.speaks', params: { language: spoken } }
        : { key: 'matching.reasons.noLanguage' },
    );
  }
  return { components: { niceToHave, fairness, rest, diversity, language }, reasons: reasons ?? [] };
}

/** The weighted sum of the components, scaled to [0, 1] by the sum of the weights. */
export function score(c: Components, weights: Weights): number {
  const total = weights.niceToHave + weights.fairness + weights.rest + weights.diversity + weights.language;
  if (total <= 0) return 0;
  const sum =
    weights.niceToHave * c.niceToHave +
    weights.fairness * c.fairness +
    weights.rest * c.rest +
    weights.diversity * c.diversity +
    weights.language * c.language;
  return Math.round((sum / total) * 10_000) / 10_000;
}

/**
 * The score of someone at the top of every part that applies to this project (the wished skills only when it has
 * some, the language only when it has working languages): what the matches page measures a fit against.
 */
export function attainableScore(project: Pick<MatchProject, 'requirements' | 'workingLanguages'>, weights: Weights) {
  return score(
    {
      niceToHave: project.requirements.some((r) => !r.must) ? 1 : 0,
      fairness: 1,
      rest: 1,
      diversity: 1,
      language: project.workingLanguages.length ? 1 : 0,
    },
    weights,
  );
}

/** Ranks every candidate who is not excluded; the same input always gives the same order (ties by id). */
export function match(
  project: MatchProject,
  candidates: Candidate[],
  options: { today: string; weights: Weights; defaultLoadCap: number; explainTop?: number },
): MatchResult {
  const excluded = new Map<number, ExclusionReason[]>();
  const excludedCounts = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;
  const musts = project.requirements.filter((r) => r.must);
  const missingMustCounts = musts.map((r) => ({ skillId: r.skillId, minLevel: r.minLevel, count: 0 }));
  const contactGapCounts = Object.fromEntries(CONTACT_GAPS.map((g) => [g, 0])) as Record<ContactGap, number>;
  const prepared = prepare(project, options.today);
  const scored: Array<{ entry: RankedCandidate; candidate: Candidate }> = [];
  for (const candidate of candidates) {
    const why = exclusions(candidate, project, options.today, options.defaultLoadCap);
    if (why.length) {
      excluded.set(candidate.id, why);
      for (const reason of why) excludedCounts[reason] += 1;
      if (why.includes('missingMust')) {
        musts.forEach((r, i) => {
          if ((candidate.skills.get(r.skillId) ?? 0) < r.minLevel) missingMustCounts[i]!.count += 1;
        });
      }
      if (why.includes('noContactConsent')) for (const gap of contactGaps(candidate)) contactGapCounts[gap] += 1;
      continue;
    }
    const { components: c } = componentsWith(candidate, project, prepared, false);
    scored.push({
      entry: {
        id: candidate.id,
        name: candidate.name,
        kind: candidate.kind,
        score: score(c, options.weights),
        components: c,
        reasons: [],
        shortlisted: candidate.shortlisted,
      },
      candidate,
    });
  }
  scored.sort((a, b) => b.entry.score - a.entry.score || a.entry.id - b.entry.id);
  // the reasons, in plain language, for everyone ranked (or the first explainTop, which is all a page shows)
  const explainTop = Math.min(options.explainTop ?? scored.length, scored.length);
  for (let k = 0; k < explainTop; k += 1) {
    const { entry, candidate } = scored[k]!;
    entry.reasons = componentsWith(candidate, project, prepared, true).reasons;
  }
  const ranked = scored.map((s) => s.entry);
  return { ranked, excluded, excludedCounts, missingMustCounts, contactGapCounts };
}
