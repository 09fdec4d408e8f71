import { toBool, toIsoDate, toNumber } from '../../lib/db-values.js';
import { trainingExpired, type Candidate, type Kind } from './matching.js';

// What the matching core's candidates are built from, and building them: pure, no database. MatchingRepository loads
// the parts; the matching service (and the import follow-up, which asks who cannot be invited at all) assemble them.

/** A representative as matching reads them (not erased). */
export interface PersonRow {
  id: number | string;
  name: string;
  kind: Kind;
  status: Candidate['status'];
  paused_until: string | Date | null;
  term_end: string | Date | null;
  area: string;
  languages: string | null;
  preferred_contact: Candidate['preferredContact'];
  email: string | null;
  phone: string | null;
  postal_address: string | null;
  email_undeliverable: boolean | number;
  load_cap: number | string | null;
}

/** What does not depend on the project: people, e-mail consent and involvement, cached by the service. */
export interface MatchingBase {
  people: PersonRow[];
  emailConsent: Set<number>;
  involvement: Map<number, { last: string | null; recent: number }>;
}

/** A skill a person holds: its level, and for training the last day it is valid (null: it does not expire). */
export interface HeldSkill {
  level: number;
  expiresOn: string | null;
}

/** Who holds which skills, as person → skill → what they hold (MatchingRepository.skills). */
export type HeldSkills = Map<number, Map<number, HeldSkill>>;

/** Loads the part of the candidates that does not depend on a project. MatchingRepository implements it. */
export interface MatchingBaseSource {
  base(organisationId: number, yearAgo: string): Promise<MatchingBase>;
}

const NONE_EXPIRED: ReadonlyMap<number, string> = new Map();

/**
 * A person's skills as matching counts them on `today`: the levels of those that count, and the expiry dates of
 * training that expired before today (which counts no longer; it stays on the person's record as history).
 */
export function skillsOn(
  held: Map<number, HeldSkill> | undefined,
  today: string,
): { levels: Map<number, number>; expired: ReadonlyMap<number, string> } {
  const levels = new Map<number, number>();
  let expired: Map<number, string> | undefined;
  for (const [skillId, skill] of held ?? []) {
    if (trainingExpired(skill.expiresOn, today)) (expired ??= new Map()).set(skillId, skill.expiresOn!);
    else levels.set(skillId, skill.level);
  }
  return { levels, expired: expired ?? NONE_EXPIRED };
}

/**
 * The candidates as far as they do not depend on the project's invitations, on the day matching runs for (cached
 * with the base by that day): training that expired before `today` does not count.
 */
export function baseCandidates(
  base: MatchingBase,
  skills: HeldSkills,
  livedExperienceSkillIds: Set<number>,
  today: string,
): Candidate[] {
  return base.people.map((p) => {
    const id = toNumber(p.id);
    const { levels: mine, expired } = skillsOn(skills.get(id), today);
    const inv = base.involvement.get(id);
    return {
      id,
      name: p.name,
      kind: p.kind,
      status: p.status,
      pausedUntil: toIsoDate(p.paused_until),
      termEnd: toIsoDate(p.term_end),
      area: p.area,
      languages: String(p.languages ?? '')
        .split(',')
        .filter(Boolean),
      preferredContact: p.preferred_contact,
      hasEmail: Boolean(p.email),
      hasPhone: Boolean(p.phone),
      hasPostalAddress: Boolean(p.postal_address),
      emailConsent: base.emailConsent.has(id),
      emailUndeliverable: toBool(p.email_undeliverable),
      skills: mine,
      expiredTraining: expired,
      livedExperienceSkillIds: [...mine.keys()].filter((s) => livedExperienceSkillIds.has(s)),
      loadCap: p.load_cap === null || p.load_cap === undefined ? null : toNumber(p.load_cap),
      overlappingEngagements: 0,
      engagementsLast12Months: inv?.recent ?? 0,
      lastInvolvedOn: inv?.last ?? null,
      openInvitation: false,
      declinedThisProject: false,
      shortlisted: false,
    };
  });
}

/** Adds this project's invitations and the people's other engagements; untouched candidates are shared, not copied. */
export function withProjectState(
  candidates: Candidate[],
  state: { invitations: Map<number, string[]>; load: Map<number, number> },
): Candidate[] {
  if (!state.invitations.size && !state.load.size) return candidates;
  return candidates.map((c) => {
    const statuses = state.invitations.get(c.id);
    const load = state.load.get(c.id);
    if (!statuses && load === undefined) return c;
    return {
      ...c,
      overlappingEngagements: load ?? 0,
      openInvitation: (statuses ?? []).some((s) => ['queued', 'sent', 'accepted', 'waitlisted'].includes(s)),
      declinedThisProject: (statuses ?? []).includes('declined'),
      shortlisted: (statuses ?? []).includes('draft'),
    };
  });
}

/** Builds the core's candidates from the loaded parts, on the day matching runs for. */
export function toCandidates(
  base: MatchingBase,
  skills: HeldSkills,
  state: { invitations: Map<number, string[]>; load: Map<number, number> },
  livedExperienceSkillIds: Set<number>,
  today: string,
): Candidate[] {
  return withProjectState(baseCandidates(base, skills, livedExperienceSkillIds, today), state);
}
