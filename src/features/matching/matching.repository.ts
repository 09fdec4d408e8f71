import type { Db } from '../../db.js';
import { toBool, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Candidate, Kind } from './matching.js';

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

interface ConsentRow {
  representative_id: number | string;
}

/** A person's attended involvement: the last date, and how many in the last 12 months. */
interface InvolvementRow {
  representative_id: number | string;
  last: string | Date | null;
  recent: number | string | null;
}

interface HeldSkillRow {
  representative_id: number | string;
  skill_id: number | string;
  level: number | string;
}

interface InvitationStatusRow {
  representative_id: number | string;
  status: string;
}

interface LoadRow {
  representative_id: number | string;
  n: number | string;
}

// Loads everything the matching core needs about an organisation's representatives for one project, in a fixed
// number of queries whatever the roster's size: people, e-mail consent, the required skills, invitations to this
// project, engagements on overlapping projects, and involvement in the last 12 months.

/** What does not depend on the project: people, e-mail consent and involvement, cached by the service. */
export interface MatchingBase {
  people: PersonRow[];
  emailConsent: Set<number>;
  involvement: Map<number, { last: string | null; recent: number }>;
}

export class MatchingRepository {
  constructor(private readonly db: Db) {}

  async base(organisationId: number, yearAgo: string): Promise<MatchingBase> {
    const [people, emailConsent, involvement] = await Promise.all([
      this.db('representatives')
        .where({ organisation_id: organisationId })
        .whereNull('erased_at')
        .select(
          'id',
          'name',
          'kind',
          'status',
          'paused_until',
          'term_end',
          'area',
          'languages',
          'preferred_contact',
          'email',
          'phone',
          'postal_address',
          'email_undeliverable',
          'load_cap',
        ) as Promise<PersonRow[]>,
      this.db('consents')
        .where({ organisation_id: organisationId, purpose: 'email_contact' })
        .whereNull('withdrawn_at')
        .select('representative_id') as Promise<ConsentRow[]>,
      // only what people took part in: an absence logged at a meeting is not an engagement
      this.db('involvements')
        .where({ organisation_id: organisationId, attended: true })
        .groupBy('representative_id')
        .select('representative_id')
        .max({ last: 'occurred_on' })
        .sum({ recent: this.db.raw('case when occurred_on >= ? then 1 else 0 end', [yearAgo]) }) as Promise<
        InvolvementRow[]
      >,
    ]);
    return {
      people,
      emailConsent: new Set(emailConsent.map((r) => toNumber(r.representative_id))),
      involvement: new Map(
        involvement.map((r) => [
          toNumber(r.representative_id),
          { last: toIsoDate(r.last), recent: toNumber(r.recent) },
        ]),
      ),
    };
  }

  /** Who holds which of the given skills (the skills are the organisation's own), as person → skill → level. */
  async skills(skillIds: number[]): Promise<Map<number, Map<number, number>>> {
    const skillMap = new Map<number, Map<number, number>>();
    if (!skillIds.length) return skillMap;
    const rows = (await this.db('representative_skills')
      .whereIn('skill_id', skillIds)
      .select('representative_id', 'skill_id', 'level')) as HeldSkillRow[];
    for (const r of rows) {
      const id = toNumber(r.representative_id);
      let m = skillMap.get(id);
      if (!m) skillMap.set(id, (m = new Map()));
      m.set(toNumber(r.skill_id), toNumber(r.level));
    }
    return skillMap;
  }

  /** Invitations to this project, and accepted places on other projects overlapping its period. Never cached. */
  async projectState(
    organisationId: number,
    project: { id: number; startsOn: string | null; endsOn: string | null },
    today: string,
  ): Promise<{ invitations: Map<number, string[]>; load: Map<number, number> }> {
    const [invitations, overlapping] = await Promise.all([
      this.db('invitations')
        .where({ organisation_id: organisationId, project_id: project.id })
        .select('representative_id', 'status') as Promise<InvitationStatusRow[]>,
      // accepted places on other projects whose period overlaps this one (open periods count as overlapping)
      this.db('invitations as i')
        .join('projects as p', 'p.id', 'i.project_id')
        .where('i.organisation_id', organisationId)
        .where('i.status', 'accepted')
        .whereNot('p.id', project.id)
        .whereNot('p.phase', 'closed')
        .where((w) => w.whereNull('p.ends_on').orWhere('p.ends_on', '>=', project.startsOn ?? today))
        .where((w) => (project.endsOn ? w.whereNull('p.starts_on').orWhere('p.starts_on', '<=', project.endsOn) : w))
        .groupBy('i.representative_id')
        .select('i.representative_id')
        .count({ n: '*' }) as Promise<LoadRow[]>,
    ]);
    const byPerson = new Map<number, string[]>();
    for (const r of invitations) {
      const id = toNumber(r.representative_id);
      byPerson.set(id, [...(byPerson.get(id) ?? []), r.status]);
    }
    return {
      invitations: byPerson,
      load: new Map(overlapping.map((r) => [toNumber(r.representative_id), toNumber(r.n)])),
    };
  }
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
