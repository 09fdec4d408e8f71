import type { Db } from '../../db.js';
import { insertReturningIds } from '../../db.js';
import type { Locale } from '../../config.js';
import { toBool, toInstant, toNumber } from '../../lib/db-values.js';

export const INVITATION_STATUSES = [
  'draft',
  'queued',
  'sent',
  'accepted',
  'waitlisted',
  'declined',
  'expired',
  'withdrawn',
  // the mail server refused the invitation e-mail for good (5.x.x): not open, so it can go by phone or letter
  'undeliverable',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export type Channel = 'email' | 'phone' | 'letter';
export const DECLINE_REASONS = ['timing', 'health', 'too_much', 'not_relevant', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
/** Open: waiting for an answer, or on the team or its waitlist. */
export const OPEN_STATUSES: InvitationStatus[] = ['queued', 'sent', 'accepted', 'waitlisted'];

/** An invitation with the person it goes to, as the facilitator's pages and the sending need it. */
export interface Invitation {
  id: number;
  organisationId: number;
  projectId: number;
  representativeId: number;
  name: string;
  email: string | null;
  phone: string | null;
  postalAddress: string;
  locale: Locale;
  preferredContact: Channel;
  emailUndeliverable: boolean;
  emailConsent: boolean;
  status: InvitationStatus;
  channel: Channel;
  sentAt: string | null;
  expiresAt: string | null;
  remindedAt: string | null;
  respondedAt: string | null;
  declineReason: DeclineReason | null;
  declineText: string;
  note: string;
  answerRecordedBy: number | null;
}

type Row = Record<string, unknown>;

const toInvitation = (r: Row): Invitation => ({
  id: toNumber(r.id),
  organisationId: toNumber(r.organisation_id),
  projectId: toNumber(r.project_id),
  representativeId: toNumber(r.representative_id),
  name: r.name as string,
  email: (r.email as string | null) ?? null,
  phone: (r.phone as string | null) ?? null,
  postalAddress: (r.postal_address as string) ?? '',
  locale: r.locale === 'en' ? 'en' : 'nb',
  preferredContact: (r.preferred_contact as Channel) ?? 'email',
  emailUndeliverable: toBool(r.email_undeliverable),
  emailConsent: toBool(r.email_consent),
  status: r.status as InvitationStatus,
  channel: r.channel as Channel,
  sentAt: toInstant(r.sent_at),
  expiresAt: toInstant(r.expires_at),
  remindedAt: toInstant(r.reminded_at),
  respondedAt: toInstant(r.responded_at),
  declineReason: (r.decline_reason as DeclineReason | null) ?? null,
  declineText: (r.decline_text as string) ?? '',
  note: (r.note as string) ?? '',
  answerRecordedBy: r.answer_recorded_by_user_id === null ? null : toNumber(r.answer_recorded_by_user_id),
});

/** The invitations table, with the person each goes to. Every query takes the organisation. */
export class InvitationsRepository {
  constructor(private readonly db: Db) {}

  private base(db: Db = this.db) {
    return db('invitations as i')
      .join('representatives as r', 'r.id', 'i.representative_id')
      .select(
        'i.*',
        'r.name',
        'r.email',
        'r.phone',
        'r.postal_address',
        'r.locale',
        'r.preferred_contact',
        'r.email_undeliverable',
        db.raw(
          "exists (select 1 from consents c where c.representative_id = r.id and c.purpose = 'email_contact' and c.withdrawn_at is null) as email_consent",
        ),
      );
  }

  async forProject(organisationId: number, projectId: number, trx?: Db): Promise<Invitation[]> {
    const rows = (await this.base(trx)
      .where({ 'i.organisation_id': organisationId, 'i.project_id': projectId })
      .orderBy('r.sort_key')) as Row[];
    return rows.map(toInvitation);
  }

  async find(organisationId: number, id: number, trx?: Db): Promise<Invitation | undefined> {
    const row = (await this.base(trx).where({ 'i.organisation_id': organisationId, 'i.id': id }).first()) as
      Row | undefined;
    return row ? toInvitation(row) : undefined;
  }

  async findByTokenHash(tokenHash: string, trx?: Db): Promise<Invitation | undefined> {
    const row = (await this.base(trx)
      .where((q) => q.where('i.token_hash', tokenHash).orWhere('i.reminder_token_hash', tokenHash))
      .first()) as Row | undefined;
    return row ? toInvitation(row) : undefined;
  }

  async forRepresentative(
    organisationId: number,
    representativeId: number,
  ): Promise<Array<Invitation & { projectTitle: string }>> {
    const rows = (await this.base()
      .join('projects as p', 'p.id', 'i.project_id')
      .select('p.title as project_title')
      .where({ 'i.organisation_id': organisationId, 'i.representative_id': representativeId })
      .orderBy('i.id', 'desc')) as Row[];
    return rows.map((r) => ({ ...toInvitation(r), projectTitle: r.project_title as string }));
  }

  /**
   * Marks an invitation sent (by e-mail with a link's hash, or recorded as phoned or written); a refused e-mail
   * invitation can go out again this way, by phone or letter.
   */
  async markSent(
    id: number,
    values: { channel: Channel; tokenHash: string | null; sentAt: string; expiresAt: string },
    trx: Db,
  ): Promise<void> {
    await trx('invitations').where({ id }).whereIn('status', ['draft', 'undeliverable']).update({
      status: 'sent',
      channel: values.channel,
      token_hash: values.tokenHash,
      sent_at: values.sentAt,
      expires_at: values.expiresAt,
      updated_at: values.sentAt,
    });
  }

  /** Sets the answer: accepted, waitlisted or declined, with who recorded it when it came by phone or letter. */
  async setAnswer(
    id: number,
    answer: {
      status: 'accepted' | 'waitlisted' | 'declined';
      at: string;
      declineReason: DeclineReason | null;
      declineText: string;
      note: string;
      recordedBy: number | null;
    },
    trx: Db,
  ): Promise<void> {
    await trx('invitations').where({ id }).update({
      status: answer.status,
      responded_at: answer.at,
      decline_reason: answer.declineReason,
      decline_text: answer.declineText,
      note: answer.note,
      answer_recorded_by_user_id: answer.recordedBy,
      updated_at: answer.at,
    });
  }

  async countAccepted(projectId: number, trx: Db): Promise<number> {
    const row = await trx('invitations').where({ project_id: projectId, status: 'accepted' }).count({ n: '*' }).first();
    return toNumber(row?.n);
  }

  /** The first person on a project's waitlist: who said yes first. */
  async firstWaitlisted(organisationId: number, projectId: number, trx: Db): Promise<Invitation | undefined> {
    const row = (await this.base(trx)
      .where({ 'i.organisation_id': organisationId, 'i.project_id': projectId, 'i.status': 'waitlisted' })
      .orderBy([{ column: 'i.responded_at' }, { column: 'i.id' }])
      .first()) as Row | undefined;
    return row ? toInvitation(row) : undefined;
  }

  async promote(id: number, now: string, trx: Db): Promise<void> {
    await trx('invitations').where({ id, status: 'waitlisted' }).update({ status: 'accepted', updated_at: now });
  }

  async withdraw(id: number, now: string, trx: Db): Promise<void> {
    await trx('invitations').where({ id }).update({ status: 'withdrawn', withdrawn_at: now, updated_at: now });
  }

  /** An e-mail invitation still waiting for an answer becomes undeliverable; false when it had moved on. */
  async markUndeliverable(organisationId: number, id: number, now: string, trx: Db): Promise<boolean> {
    const n = await trx('invitations')
      .where({ organisation_id: organisationId, id, status: 'sent', channel: 'email' })
      .update({ status: 'undeliverable', updated_at: now });
    return n > 0;
  }

  /** Undeliverable invitations to the projects a facilitator runs, for their dashboard. */
  async undeliverableFor(organisationId: number, facilitatorId: number) {
    const rows = (await this.db('invitations as i')
      .join('representatives as r', 'r.id', 'i.representative_id')
      .join('projects as p', 'p.id', 'i.project_id')
      .where({ 'i.organisation_id': organisationId, 'p.facilitator_user_id': facilitatorId })
      .where('i.status', 'undeliverable')
      .orderBy('i.updated_at', 'desc')
      .limit(20)
      .select('i.project_id', 'p.title', 'r.name')) as Row[];
    return rows.map((r) => ({ projectId: toNumber(r.project_id), title: r.title as string, name: r.name as string }));
  }

  /** Invitations waiting for an answer whose deadline is within `before` and that were not reminded yet. */
  async dueForReminder(organisationId: number, now: string, before: string): Promise<Invitation[]> {
    const rows = (await this.base()
      .where({ 'i.organisation_id': organisationId, 'i.status': 'sent', 'i.channel': 'email' })
      .whereNull('i.reminded_at')
      .where('i.expires_at', '>', now)
      .where('i.expires_at', '<=', before)) as Row[];
    return rows.map(toInvitation);
  }

  /** Marks the reminder sent, with the hash of its link; false when another instance got there first. */
  async markReminded(id: number, reminderTokenHash: string, now: string, trx: Db): Promise<boolean> {
    const n = await trx('invitations')
      .where({ id, status: 'sent' })
      .whereNull('reminded_at')
      .update({ reminded_at: now, reminder_token_hash: reminderTokenHash, updated_at: now });
    return n > 0;
  }

  /** Unanswered invitations past their deadline. */
  async dueForExpiry(now: string): Promise<Invitation[]> {
    const rows = (await this.base().where('i.status', 'sent').where('i.expires_at', '<=', now)) as Row[];
    return rows.map(toInvitation);
  }

  async expire(id: number, now: string, trx: Db): Promise<boolean> {
    const n = await trx('invitations')
      .where({ id, status: 'sent' })
      .where('expires_at', '<=', now)
      .update({ status: 'expired', updated_at: now });
    return n > 0;
  }

  /** Answers since the instant to the projects a facilitator runs, newest first, for their dashboard. */
  async recentAnswers(organisationId: number, facilitatorId: number, since: string) {
    const rows = (await this.db('invitations as i')
      .join('representatives as r', 'r.id', 'i.representative_id')
      .join('projects as p', 'p.id', 'i.project_id')
      .where({ 'i.organisation_id': organisationId, 'p.facilitator_user_id': facilitatorId })
      .whereIn('i.status', ['accepted', 'waitlisted', 'declined'])
      .where('i.responded_at', '>=', since)
      .orderBy('i.responded_at', 'desc')
      .limit(20)
      .select('i.project_id', 'p.title', 'r.name', 'i.status', 'i.responded_at')) as Row[];
    return rows.map((r) => ({
      projectId: toNumber(r.project_id),
      title: r.title as string,
      name: r.name as string,
      status: r.status as InvitationStatus,
      respondedAt: toInstant(r.responded_at)!,
    }));
  }

  async setNotifyAnswers(organisationId: number, userId: number, on: boolean): Promise<void> {
    await this.db('users').where({ organisation_id: organisationId, id: userId }).update({ notify_answers: on });
  }

  async notifyAnswers(userId: number): Promise<boolean> {
    const row = await this.db('users').where({ id: userId }).first('notify_answers');
    return toBool(row?.notify_answers);
  }

  /** After an erasure: what the person wrote goes, and their personal links stop working; the statuses stay. */
  async eraseFreeText(organisationId: number, representativeId: number, trx: Db): Promise<void> {
    await trx('invitations')
      .where({ organisation_id: organisationId, representative_id: representativeId })
      .update({ note: '', decline_text: '', token_hash: null, reminder_token_hash: null });
    await trx('participation_links')
      .where({ organisation_id: organisationId, representative_id: representativeId })
      .delete();
  }

  /** A new /me link for a representative (one per e-mail); returns its id. */
  async createParticipationLink(
    link: { organisationId: number; representativeId: number; tokenHash: string; createdAt: string; expiresAt: string },
    trx: Db,
  ): Promise<number> {
    const [id] = await insertReturningIds(trx, 'participation_links', [
      {
        organisation_id: link.organisationId,
        representative_id: link.representativeId,
        token_hash: link.tokenHash,
        created_at: link.createdAt,
        expires_at: link.expiresAt,
      },
    ]);
    return id!;
  }
}
