import type { Db } from '../../db.js';
import { toIsoDate, toNumber } from '../../lib/db-values.js';
import type { HeldSkill, HeldSkills, MatchingBase, MatchingBaseSource, PersonRow } from './candidates.js';

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
  expires_on: string | Date | null;
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

export class MatchingRepository implements MatchingBaseSource {
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

  /**
   * Who holds which of the given skills (the skills are the organisation's own), as person → skill → level and
   * expiry. Expired training is read too: which day it counts on is the matching's rule (candidates.ts skillsOn).
   */
  async skills(skillIds: number[]): Promise<HeldSkills> {
    const skillMap: HeldSkills = new Map();
    if (!skillIds.length) return skillMap;
    const rows = await this.db('representative_skills')
      .whereIn('skill_id', skillIds)
      .select<HeldSkillRow[]>('representative_id', 'skill_id', 'level', 'expires_on');
    for (const r of rows) {
      const id = toNumber(r.representative_id);
      let m = skillMap.get(id);
      if (!m) skillMap.set(id, (m = new Map<number, HeldSkill>()));
      m.set(toNumber(r.skill_id), { level: toNumber(r.level), expiresOn: toIsoDate(r.expires_on) });
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
        .where((w) => void w.whereNull('p.ends_on').orWhere('p.ends_on', '>=', project.startsOn ?? today))
        .where((w) => {
          if (project.endsOn) void w.whereNull('p.starts_on').orWhere('p.starts_on', '<=', project.endsOn);
        })
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
