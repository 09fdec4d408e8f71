import type { Knex } from 'knex';
import type { Db } from '../../db.js';
import { toBool, toInstant, toIsoDate, toNumber } from '../../lib/db-values.js';
import type { DraftFact, WorklistFacts, WorklistScope, WorklistWindow } from './worklist.model.js';
import { FACT_COLUMNS, LIMIT, invitationFact, type InvitationFactRow } from './worklist-rows.js';

/**
 * The worklist's facts, one query per kind over indexed columns (the service runs them in parallel), and the team's
 * marks. "Mine" narrows a query to the user's projects (projects.facilitator_user_id) and the people they are the
 * contact person for (representatives.contact_user_id), and the follow-ups with professionals they noted.
 */
export class WorklistFactsRepository {
  constructor(private readonly db: Db) {}

  /** Invitations joined with their project and person, in the scope (my project, or my person). */
  private invitations(scope: WorklistScope) {
    const q = this.db('invitations as i')
      .join('representatives as r', 'r.id', 'i.representative_id')
      .join('projects as p', 'p.id', 'i.project_id')
      .where('i.organisation_id', scope.organisationId)
      .limit(LIMIT);
    const mine = scope.mine;
    if (mine !== null) {
      q.where(
        (b) =>
          void b
            .where('p.facilitator_user_id', mine)
            .orWhere('r.contact_user_id', mine)
            .orWhere((n) => void n.whereNull('p.facilitator_user_id').whereNull('r.contact_user_id')),
      );
    }
    return q;
  }

  /** My projects, and projects nobody runs (they are everyone's until someone takes them). */
  private projectScope(q: Knex.QueryBuilder, scope: WorklistScope) {
    const mine = scope.mine;
    if (mine !== null) q.where((b) => void b.where('p.facilitator_user_id', mine).orWhereNull('p.facilitator_user_id'));
    return q;
  }

  /** The people I am the contact person for, and those without one (everyone's until someone is named). */
  private personScope(q: Knex.QueryBuilder, scope: WorklistScope) {
    const mine = scope.mine;
    if (mine !== null) q.where((b) => void b.where('r.contact_user_id', mine).orWhereNull('r.contact_user_id'));
    return q;
  }

  async answers(scope: WorklistScope, w: WorklistWindow): Promise<WorklistFacts['answers']> {
    const rows = await this.invitations(scope)
      .whereIn('i.status', ['accepted', 'waitlisted', 'declined'])
      .where('i.responded_at', '>=', w.answersSince)
      .orderBy('i.responded_at', 'desc')
      .select<Array<InvitationFactRow & { status: string; responded_at: string | Date }>>(
        ...FACT_COLUMNS,
        'i.status',
        'i.responded_at',
      );
    return rows.map((r) => ({ ...invitationFact(r), status: r.status, respondedAt: toInstant(r.responded_at)! }));
  }

  async undeliverable(scope: WorklistScope): Promise<WorklistFacts['undeliverable']> {
    const rows = await this.invitations(scope)
      .where('i.status', 'undeliverable')
      .orderBy('i.updated_at', 'desc')
      .select<InvitationFactRow[]>(...FACT_COLUMNS);
    return rows.map(invitationFact);
  }

  /** Waiting for an answer: the deadline soon (any channel), or the answer to come by phone or letter. */
  async waiting(
    scope: WorklistScope,
    w: WorklistWindow,
  ): Promise<{ nearDeadline: WorklistFacts['nearDeadline']; toRecord: WorklistFacts['toRecord'] }> {
    type Row = InvitationFactRow & { channel: string; expires_at: string | Date | null; sent_at: string | Date | null };
    const rows = await this.invitations(scope)
      .limit(LIMIT * 2)
      .where('i.status', 'sent')
      .where(
        (b) =>
          void b
            .whereIn('i.channel', ['phone', 'letter'])
            .orWhere((d) => void d.where('i.expires_at', '>', w.now).where('i.expires_at', '<=', w.deadlineBefore)),
      )
      .orderBy('i.expires_at')
      .select<Row[]>(...FACT_COLUMNS, 'i.channel', 'i.expires_at', 'i.sent_at');
    const facts = rows.map((r) => ({
      ...invitationFact(r),
      channel: r.channel,
      expiresAt: toInstant(r.expires_at),
      sentAt: toInstant(r.sent_at),
    }));
    return {
      nearDeadline: facts
        .filter((f) => f.expiresAt !== null && f.expiresAt > w.now && f.expiresAt <= w.deadlineBefore)
        .map((f) => ({ ...f, expiresAt: f.expiresAt! })),
      toRecord: facts.filter((f) => f.channel !== 'email'),
    };
  }

  /** Shortlisted people (drafts), and whether their project's shortlist was ever sent. */
  async drafts(scope: WorklistScope): Promise<DraftFact[]> {
    type Row = InvitationFactRow & {
      project_sent: boolean | number;
      email: string | null;
      phone: string | null;
      postal_address: string | null;
      preferred_contact: 'email' | 'phone' | 'letter' | null;
      email_undeliverable: boolean | number;
      email_consent: boolean | number;
    };
    const rows = await this.invitations(scope)
      .limit(LIMIT * 5)
      .where('i.status', 'draft')
      .whereNull('r.erased_at')
      .orderBy('i.created_at')
      .select<Row[]>(
        ...FACT_COLUMNS,
        'r.email',
        'r.phone',
        'r.postal_address',
        'r.preferred_contact',
        'r.email_undeliverable',
        this.db.raw(
          "exists (select 1 from consents c where c.representative_id = r.id and c.purpose = 'email_contact' and c.withdrawn_at is null) as email_consent",
        ),
        this.db.raw(
          "exists (select 1 from invitations s where s.project_id = i.project_id and s.status <> 'draft') as project_sent",
        ),
      );
    return rows.map((r) => ({
      ...invitationFact(r),
      projectSent: toBool(r.project_sent),
      email: r.email,
      phone: r.phone,
      postalAddress: r.postal_address ?? '',
      preferredContact: r.preferred_contact ?? 'email',
      emailUndeliverable: toBool(r.email_undeliverable),
      emailConsent: toBool(r.email_consent),
    }));
  }

  async paused(scope: WorklistScope): Promise<WorklistFacts['paused']> {
    const rows = await this.invitations(scope)
      .where('r.status', 'paused')
      .whereNot('p.phase', 'closed')
      .whereIn('i.status', ['sent', 'accepted', 'waitlisted'])
      // no order: the first few found will do (the list sorts them), so the scan stops early
      .select<Array<InvitationFactRow & { paused_until: string | Date | null }>>(...FACT_COLUMNS, 'r.paused_until');
    return rows.map((r) => ({ ...invitationFact(r), pausedUntil: toIsoDate(r.paused_until) }));
  }

  async withdrawn(scope: WorklistScope, w: WorklistWindow): Promise<WorklistFacts['withdrawn']> {
    const rows = await this.invitations(scope)
      .where('i.status', 'withdrawn')
      .where('i.withdrawn_at', '>=', w.withdrawnSince)
      .orderBy('i.withdrawn_at', 'desc')
      .select<Array<InvitationFactRow & { withdrawn_at: string | Date }>>(...FACT_COLUMNS, 'i.withdrawn_at');
    return rows.map((r) => ({ ...invitationFact(r), withdrawnAt: toInstant(r.withdrawn_at)! }));
  }

  /** Open projects with fewer on the team than seats whose first meeting is ahead and near. */
  async shortOfSeats(scope: WorklistScope, w: WorklistWindow): Promise<WorklistFacts['shortOfSeats']> {
    // each project's first meeting, from one pass over the organisation's meetings (not a subquery per project)
    const firsts = this.db('meetings')
      .where('organisation_id', scope.organisationId)
      .whereNull('cancelled_at')
      .groupBy('project_id')
      .select('project_id', this.db.raw('min(starts_at) as first_at'))
      .as('f');
    const filled = this.db('invitations as a').whereRaw('a.project_id = p.id').where('a.status', 'accepted').count('*');
    const rows = await this.projectScope(
      this.db('projects as p')
        .leftJoin(firsts, 'f.project_id', 'p.id')
        .where('p.organisation_id', scope.organisationId)
        .whereNot('p.phase', 'closed')
        // the first meeting ahead and near; a project with no meeting yet is listed as "soon"
        .where(
          (b) =>
            void b
              .whereNull('f.first_at')
              .orWhere((n) => void n.where('f.first_at', '>=', w.now).where('f.first_at', '<', w.seatsMeetingBefore)),
        )
        .where('p.seats', '>', filled),
      scope,
    )
      .orderBy([{ column: 'f.first_at' }, { column: 'p.id' }])
      .limit(LIMIT)
      .select<
        Array<{ id: number; title: string; seats: number; filled: number | string; first_at: string | Date | null }>
      >('p.id', 'p.title', 'p.seats', filled.clone().as('filled'), 'f.first_at');
    if (!rows.length) return [];
    const firstMeetings = await this.db('meetings')
      .whereIn(
        'project_id',
        rows.map((r) => r.id),
      )
      .whereNull('cancelled_at')
      .where('starts_at', '>=', w.now)
      .orderBy('starts_at')
      .select<Array<{ id: number; project_id: number; starts_at: string | Date }>>('id', 'project_id', 'starts_at');
    return rows.map((r) => {
      const meeting = firstMeetings.find((m) => toNumber(m.project_id) === toNumber(r.id));
      return {
        projectId: toNumber(r.id),
        title: r.title,
        seats: toNumber(r.seats),
        filled: toNumber(r.filled),
        meetingId: meeting ? toNumber(meeting.id) : null,
        meetingAt: toInstant(r.first_at),
      };
    });
  }

  private meetingsInScope(scope: WorklistScope) {
    return this.projectScope(
      this.db('meetings as m')
        .join('projects as p', 'p.id', 'm.project_id')
        .where('m.organisation_id', scope.organisationId)
        .whereNull('m.cancelled_at')
        .limit(LIMIT),
      scope,
    );
  }

  async meetings(scope: WorklistScope, w: WorklistWindow): Promise<WorklistFacts['meetings']> {
    const rows = await this.meetingsInScope(scope)
      .where('m.starts_at', '>=', w.meetingsFrom)
      .where('m.starts_at', '<', w.meetingsBefore)
      .orderBy('m.starts_at')
      .select<Array<{ id: number; project_id: number; title: string; starts_at: string | Date; sequence: number }>>(
        'm.id',
        'm.project_id',
        'p.title',
        'm.starts_at',
        'm.sequence',
      );
    return rows.map((r) => ({
      meetingId: toNumber(r.id),
      projectId: toNumber(r.project_id),
      title: r.title,
      startsAt: toInstant(r.starts_at)!,
      sequence: toNumber(r.sequence),
    }));
  }

  /** Meetings that have begun, of projects with a team, with nobody's attendance logged yet. */
  async withoutAttendance(scope: WorklistScope, w: WorklistWindow): Promise<WorklistFacts['withoutAttendance']> {
    const rows = await this.meetingsInScope(scope)
      .where('m.starts_at', '<=', w.now)
      .where('m.starts_at', '>=', w.attendanceSince)
      .whereNotExists(this.db('involvements as v').whereRaw('v.meeting_id = m.id').select(this.db.raw('1')))
      .whereExists(
        this.db('invitations as a')
          .whereRaw('a.project_id = m.project_id')
          .where('a.status', 'accepted')
          .select(this.db.raw('1')),
      )
      .orderBy('m.starts_at')
      .select<Array<{ id: number; project_id: number; title: string; starts_at: string | Date }>>(
        'm.id',
        'm.project_id',
        'p.title',
        'm.starts_at',
      );
    return rows.map((r) => ({
      meetingId: toNumber(r.id),
      projectId: toNumber(r.project_id),
      title: r.title,
      startsAt: toInstant(r.starts_at)!,
    }));
  }

  async notFedBack(scope: WorklistScope): Promise<WorklistFacts['notFedBack']> {
    const rows = await this.projectScope(
      this.db('impacts as x')
        .join('projects as p', 'p.id', 'x.project_id')
        .where('x.organisation_id', scope.organisationId)
        .where('x.status', 'adopted')
        .whereNull('x.fed_back_at')
        .orderBy('x.decided_on')
        .limit(LIMIT),
      scope,
    ).select<
      Array<{ id: number; project_id: number; title: string; what_changed: string; decided_on: string | Date | null }>
    >('x.id', 'x.project_id', 'p.title', 'x.what_changed', 'x.decided_on');
    return rows.map((r) => ({
      impactId: toNumber(r.id),
      projectId: toNumber(r.project_id),
      title: r.title,
      whatChanged: r.what_changed,
      decidedOn: toIsoDate(r.decided_on),
    }));
  }

  /** Training that expires and terms that end between today and the window's end. */
  async endings(scope: WorklistScope, w: WorklistWindow): Promise<WorklistFacts['endings']> {
    type Row = { id: number; name: string; date: string | Date; skill_id?: number; name_nb?: string; name_en?: string };
    // start from the few skills that expire in the window (as representatives' endingSoon does, for SQLite's plan)
    const training = await this.personScope(
      this.db('representative_skills as rs')
        .joinRaw('cross join representatives as r')
        .join('skills as s', 's.id', 'rs.skill_id')
        .whereRaw('r.id = rs.representative_id')
        .where('r.organisation_id', scope.organisationId)
        .whereNull('r.erased_at')
        .whereNot('r.status', 'retired')
        .whereBetween('rs.expires_on', [w.today, w.endingsTo])
        .limit(LIMIT),
      scope,
    ).select<Row[]>('r.id', 'r.name', 'rs.expires_on as date', 'rs.skill_id', 's.name_nb', 's.name_en');
    const terms = await this.personScope(
      this.db('representatives as r')
        .where('r.organisation_id', scope.organisationId)
        .whereNull('r.erased_at')
        .whereNot('r.status', 'retired')
        .whereBetween('r.term_end', [w.today, w.endingsTo])
        .limit(LIMIT),
      scope,
    ).select<Row[]>('r.id', 'r.name', 'r.term_end as date');
    return [...training, ...terms].map((r) => ({
      representativeId: toNumber(r.id),
      name: r.name,
      date: toIsoDate(r.date)!,
      skillId: r.skill_id === undefined ? null : toNumber(r.skill_id),
      skillNb: r.name_nb ?? null,
      skillEn: r.name_en ?? null,
    }));
  }

  async requests(scope: WorklistScope): Promise<WorklistFacts['requests']> {
    const rows = await this.personScope(
      this.db('representative_requests as q')
        .join('representatives as r', 'r.id', 'q.representative_id')
        .where('q.organisation_id', scope.organisationId)
        .whereNull('q.handled_at')
        .orderBy('q.created_at')
        .limit(LIMIT),
      scope,
    ).select<Array<{ id: number; representative_id: number; kind: string; created_at: string | Date; name: string }>>(
      'q.id',
      'q.representative_id',
      'q.kind',
      'q.created_at',
      'r.name',
    );
    return rows.map((r) => ({
      requestId: toNumber(r.id),
      representativeId: toNumber(r.representative_id),
      name: r.name,
      kind: r.kind,
      createdAt: toInstant(r.created_at)!,
    }));
  }

  /** Follow-ups with professionals due by a day: in "mine", those the user noted (and those whose author left). */
  async followUps(scope: WorklistScope, w: WorklistWindow): Promise<WorklistFacts['followUps']> {
    const mine = scope.mine;
    const rows = await this.db('contact_notes as n')
      .join('contacts as c', 'c.id', 'n.contact_id')
      .where('n.organisation_id', scope.organisationId)
      .modify((q) => {
        if (mine !== null) q.where((b) => void b.where('n.user_id', mine).orWhereNull('n.user_id'));
      })
      .where('n.followed_up', false)
      .whereNotNull('n.follow_up_on')
      .where('n.follow_up_on', '<=', w.followUpsBy)
      .orderBy('n.follow_up_on')
      .limit(LIMIT)
      .select<Array<{ id: number; contact_id: number; name: string; follow_up_on: string | Date; next_step: string }>>(
        'n.id',
        'n.contact_id',
        'c.name',
        'n.follow_up_on',
        'n.next_step',
      );
    return rows.map((r) => ({
      noteId: toNumber(r.id),
      contactId: toNumber(r.contact_id),
      contactName: r.name,
      followUpOn: toIsoDate(r.follow_up_on)!,
      nextStep: r.next_step,
    }));
  }
}
