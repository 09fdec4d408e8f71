import type { Db } from '../../db.js';
import { toBool, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { Candidate, Kind } from './matching.js';

type Row = Record<string, unknown>;

/**
 * Loads everything the matching core needs about an organisation's representatives for one project, in a fixed
 * number of queries whatever the roster's size: people, e-mail consent, the required skills, invitations to this
 * project, engagements on overlapping projects, and involvement in the last 12 months.
 */
export class MatchingRepository {
  constructor(private readonly db: Db) {}

  async candidates(
    organisationId: number,
    project: { id: number; startsOn: string | null; endsOn: string | null },
    skillIds: number[],
    livedExperienceSkillIds: Set<number>,
    today: string,
    yearAgo: string,
  ): Promise<Candidate[]> {
    const [people, emailConsent, skills, invitations, overlapping, involvement] = await Promise.all([
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
        ) as Promise<Row[]>,
      this.db('consents')
        .where({ organisation_id: organisationId, purpose: 'email_contact' })
        .whereNull('withdrawn_at')
        .select('representative_id') as Promise<Row[]>,
      skillIds.length
        ? (this.db('representative_skills as rs')
            .join('representatives as r', 'r.id', 'rs.representative_id')
            .where('r.organisation_id', organisationId)
            .whereIn('rs.skill_id', skillIds)
            .select('rs.representative_id', 'rs.skill_id', 'rs.level') as Promise<Row[]>)
        : Promise.resolve([] as Row[]),
      this.db('invitations')
        .where({ organisation_id: organisationId, project_id: project.id })
        .select('representative_id', 'status') as Promise<Row[]>,
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
        .count({ n: '*' }) as Promise<Row[]>,
      this.db('involvements')
        .where({ organisation_id: organisationId })
        .groupBy('representative_id')
        .select('representative_id')
        .max({ last: 'occurred_on' })
        .sum({ recent: this.db.raw('case when occurred_on >= ? then 1 else 0 end', [yearAgo]) }) as Promise<Row[]>,
    ]);

    const consent = new Set(emailConsent.map((r) => toNumber(r.representative_id)));
    const skillMap = new Map<number, Map<number, number>>();
    for (const r of skills) {
      const id = toNumber(r.representative_id);
      let m = skillMap.get(id);
      if (!m) skillMap.set(id, (m = new Map()));
      m.set(toNumber(r.skill_id), toNumber(r.level));
    }
    const inviteStatus = new Map<number, string[]>();
    for (const r of invitations) {
      const id = toNumber(r.representative_id);
      inviteStatus.set(id, [...(inviteStatus.get(id) ?? []), r.status as string]);
    }
    const load = new Map(overlapping.map((r) => [toNumber(r.representative_id), toNumber(r.n)]));
    const involved = new Map(
      involvement.map((r) => [toNumber(r.representative_id), { last: toIsoDate(r.last), recent: toNumber(r.recent) }]),
    );

    return people.map((p) => {
      const id = toNumber(p.id);
      const statuses = inviteStatus.get(id) ?? [];
      const mine = skillMap.get(id) ?? new Map<number, number>();
      const inv = involved.get(id);
      return {
        id,
        name: p.name as string,
        kind: p.kind as Kind,
        status: p.status as Candidate['status'],
        pausedUntil: toIsoDate(p.paused_until),
        termEnd: toIsoDate(p.term_end),
        area: p.area as string,
        languages: String(p.languages ?? '')
          .split(',')
          .filter(Boolean),
        preferredContact: p.preferred_contact as Candidate['preferredContact'],
        hasEmail: Boolean(p.email),
        hasPhone: Boolean(p.phone),
        hasPostalAddress: Boolean(p.postal_address),
        emailConsent: consent.has(id),
        emailUndeliverable: toBool(p.email_undeliverable),
        skills: mine,
        livedExperienceSkillIds: [...mine.keys()].filter((s) => livedExperienceSkillIds.has(s)),
        loadCap: p.load_cap === null || p.load_cap === undefined ? null : toNumber(p.load_cap),
        overlappingEngagements: load.get(id) ?? 0,
        engagementsLast12Months: inv?.recent ?? 0,
        lastInvolvedOn: inv?.last ?? null,
        openInvitation: statuses.some((s) => ['queued', 'sent', 'accepted', 'waitlisted'].includes(s)),
        declinedThisProject: statuses.includes('declined'),
        shortlisted: statuses.includes('draft'),
      };
    });
  }
}
