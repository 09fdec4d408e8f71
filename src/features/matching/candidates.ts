import { toBool, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Candidate, Kind } from './matching.js';

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

/** Loads the part of the candidates that does not depend on a project. MatchingRepository implements it. */
export interface MatchingBaseSource {
  base(organisationId: number, yearAgo: string): Promise<MatchingBase>;
}

/** The candidates as far as they do not depend on the project's invitations (cached with the base). */
export function baseCandidates(
  base: MatchingBase,
  skills: Map<number, Map<number, number>>,
  livedExperienceSkillIds: Set<number>,
): Candidate[] {
  return base.people.map((p) => {
    const id = toNumber(p.id);
    const mine = skills.get(id) ?? new Map<number, number>();
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

/** Builds the core's candidates from the loaded parts. */
export function toCandidates(
  base: MatchingBase,
  skills: Map<number, Map<number, number>>,
  state: { invitations: Map<number, string[]>; load: Map<number, number> },
  livedExperienceSkillIds: Set<number>,
): Candidate[] {
  return withProjectState(baseCandidates(base, skills, livedExperienceSkillIds), state);
}
