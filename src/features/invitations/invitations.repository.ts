import { toLocale } from '../../config.js';
import type { Db } from '../../db.js';
import { insertReturningIds, on } from '../../db.js';
import { REPRESENTATIVE_LOCALE_SQL, toBool, toInstant, toNumber } from '../../lib/db-values.js';
import type { Tx } from '../../lib/transact.js';
import type {
  Channel,
  DeclineReason,
  Invitation,
  InvitationStatus,
  ProjectInvitations,
  StaffContact,
} from './invitations.model.js';

/** An invitations row with the person it goes to (representatives) and their e-mail consent. */
interface InvitationRow {
  id: number | string;
  organisation_id: number | string;
  project_id: number | string;
  representative_id: number | string;
  status: InvitationStatus;
  channel: Channel;
  sent_at: string | Date | null;
  expires_at: string | Date | null;
  reminded_at: string | Date | null;
  responded_at: string | Date | null;
  decline_reason: DeclineReason | null;
  decline_text: string | null;
  note: string | null;
  answer_recorded_by_user_id: number | string | null;
  name: string;
  email: string | null;
  phone: string | null;
  postal_address: string | null;
  locale: string;
  preferred_contact: Channel | null;
  email_undeliverable: boolean | number;
  email_consent: boolean | number;
  personal_note: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_active: boolean | number | null;
}

const toInvitation = (r: InvitationRow): Invitation => ({
  id: toNumber(r.id),
  organisationId: toNumber(r.organisation_id),
  projectId: toNumber(r.project_id),
  representativeId: toNumber(r.representative_id),
  name: r.name,
  email: r.email ?? null,
  phone: r.phone ?? null,
  postalAddress: r.postal_address ?? '',
  locale: toLocale(r.locale),
  preferredContact: r.preferred_contact ?? 'email',
  emailUndeliverable: toBool(r.email_undeliverable),
  emailConsent: toBool(r.email_consent),
  status: r.status,
  channel: r.channel,
  sentAt: toInstant(r.sent_at),
  expiresAt: toInstant(r.expires_at),
  remindedAt: toInstant(r.reminded_at),
  respondedAt: toInstant(r.responded_at),
  declineReason: r.decline_reason ?? null,
  declineText: r.decline_text ?? '',
  note: r.note ?? '',
  answerRecordedBy: r.answer_recorded_by_user_id === null ? null : toNumber(r.answer_recorded_by_user_id),
  personalNote: r.personal_note ?? '',
  // a contact person who has left (deactivated) is nobody to call: the project's facilitator is named instead
  contactPerson:
    r.contact_name && toBool(r.contact_active) ? { name: r.contact_name, phone: r.contact_phone ?? '' } : null,
});

/** The invitations table, with the person each goes to. Every query takes the organisation. */
export class InvitationsRepository implements ProjectInvitations {
  constructor(private readonly db: Db) {}

  private base(tx?: Tx) {
    const db = on(this.db, tx);
    return db('invitations as i')
      .join('representatives as r', 'r.id', 'i.representative_id')
      .leftJoin('users as cu', (j) => {
        j.on('cu.id', '=', 'r.contact_user_id').andOn('cu.organisation_id', '=', 'r.organisation_id');
      })
      .select(
        'i.*',
        'r.name',
        'r.email',
        'r.phone',
        'r.postal_address',
        db.raw(`${REPRESENTATIVE_LOCALE_SQL} as locale`),
        'r.preferred_contact',
        'r.email_undeliverable',
        'cu.name as contact_name',
        'cu.phone as contact_phone',
        'cu.active as contact_active',
        db.raw(
          "exists (select 1 from consents c where c.representative_id = r.id and c.purpose = 'email_contact' and c.withdrawn_at is null) as email_consent",
        ),
      );
  }

  async forProject(organisationId: number, projectId: number, tx?: Tx): Promise<Invitation[]> {
    const rows = (await this.base(tx)
      .where({ 'i.organisation_id': organisationId, 'i.project_id': projectId })
      .orderBy('r.sort_key')) as InvitationRow[];
    return rows.map(toInvitation);
  }

  async find(organisationId: number, id: number, tx?: Tx): Promise<Invitation | undefined> {
    const row = (await this.base(tx).where({ 'i.organisation_id': organisationId, 'i.id': id }).first()) as
      InvitationRow | undefined;
    return row ? toInvitation(row) : undefined;
  }

  async findByTokenHash(tokenHash: string, tx?: Tx): Promise<Invitation | undefined> {
    const row = (await this.base(tx)
      .where((q) => void q.where('i.token_hash', tokenHash).orWhere('i.reminder_token_hash', tokenHash))
      .first()) as InvitationRow | undefined;
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
      .orderBy('i.id', 'desc')) as Array<InvitationRow & { project_title: string }>;
    return rows.map((r) => ({ ...toInvitation(r), projectTitle: r.project_title }));
  }

  /**
   * Marks an invitation sent (by e-mail with a link's hash, or recorded as phoned or written); a refused e-mail
   * invitation can go out again this way, by phone or letter.
   */
  async markSent(
    id: number,
    values: { channel: Channel; tokenHash: string | null; sentAt: string; expiresAt: string },
    tx?: Tx,
  ): Promise<boolean> {
    const n = await on(this.db, tx)('invitations').where({ id }).whereIn('status', ['draft', 'undeliverable']).update({
      status: 'sent',
      channel: values.channel,
      token_hash: values.tokenHash,
      sent_at: values.sentAt,
      expires_at: values.expiresAt,
      updated_at: values.sentAt,
    });
    return n > 0;
  }

  /**
   * Claims a shortlisted (draft) invitation for sending by e-mail: one conditional UPDATE, so that of two sends of
   * the same shortlist only one claims each invitation (on PostgreSQL the second waits for the row lock and then
   * finds it sent; SQLite has one writer at a time). False when it was no longer a draft.
   */
  async claimDraft(
    id: number,
    values: { tokenHash: string; sentAt: string; expiresAt: string; personalNote?: string },
    tx?: Tx,
  ): Promise<boolean> {
    const n = await on(
      this.db,
      tx,
    )('invitations')
      .where({ id, status: 'draft' })
      .update({
        status: 'sent',
        channel: 'email',
        personal_note: values.personalNote ?? '',
        token_hash: values.tokenHash,
        sent_at: values.sentAt,
        expires_at: values.expiresAt,
        updated_at: values.sentAt,
      });
    return n > 0;
  }

  /** The sending's personal note on shortlisted people still waiting for a letter, so that their letter carries it. */
  async setDraftNotes(organisationId: number, ids: number[], personalNote: string, tx?: Tx): Promise<void> {
    if (!ids.length) return;
    await on(
      this.db,
      tx,
    )('invitations')
      .where({ organisation_id: organisationId, status: 'draft' })
      .whereIn('id', ids)
      .update({ personal_note: personalNote });
  }

  /** A staff member's name and work phone (the project's facilitator, named when a person has no contact person). */
  async staffContact(organisationId: number, userId: number): Promise<StaffContact | undefined> {
    const row = await this.db('users')
      .where({ organisation_id: organisationId, id: userId })
      .first<{ name: string; phone: string | null } | undefined>('name', 'phone');
    return row ? { name: row.name, phone: row.phone ?? '' } : undefined;
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
    tx?: Tx,
  ): Promise<void> {
    await on(this.db, tx)('invitations').where({ id }).update({
      status: answer.status,
      responded_at: answer.at,
      decline_reason: answer.declineReason,
      decline_text: answer.declineText,
      note: answer.note,
      answer_recorded_by_user_id: answer.recordedBy,
      updated_at: answer.at,
    });
  }

  /** The names of those on a project's team who consented to be named in reports (as a supervisor sees them). */
  async namedOnTeam(projectId: number, tx?: Tx): Promise<string[]> {
    const rows = await on(
      this.db,
      tx,
    )('invitations as i')
      .join('representatives as r', 'r.id', 'i.representative_id')
      .where({ 'i.project_id': projectId, 'i.status': 'accepted' })
      .whereExists(
        this.db('consents as c')
          .whereRaw('c.representative_id = r.id')
          .where('c.purpose', 'named_in_reports')
          .whereNull('c.withdrawn_at')
          .select(this.db.raw('1')),
      )
      .orderBy('r.sort_key')
      .select<Array<{ name: string }>>('r.name');
    return rows.map((r) => r.name);
  }

  async countAccepted(projectId: number, tx?: Tx): Promise<number> {
    const db = on(this.db, tx);
    const row = (await db('invitations')
      .where({ project_id: projectId, status: 'accepted' })
      .count({ n: '*' })
      .first()) as { n: number | string } | undefined;
    return toNumber(row?.n);
  }

  /** The first person on a project's waitlist: who said yes first. */
  async firstWaitlisted(organisationId: number, projectId: number, tx?: Tx): Promise<Invitation | undefined> {
    const row = (await this.base(tx)
      .where({ 'i.organisation_id': organisationId, 'i.project_id': projectId, 'i.status': 'waitlisted' })
      .orderBy([{ column: 'i.responded_at' }, { column: 'i.id' }])
      .first()) as InvitationRow | undefined;
    return row ? toInvitation(row) : undefined;
  }

  async promote(id: number, now: string, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    await db('invitations').where({ id, status: 'waitlisted' }).update({ status: 'accepted', updated_at: now });
  }

  async withdraw(id: number, now: string, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    await db('invitations').where({ id }).update({ status: 'withdrawn', withdrawn_at: now, updated_at: now });
  }

  /** An e-mail invitation still waiting for an answer becomes undeliverable; false when it had moved on. */
  async markUndeliverable(organisationId: number, id: number, now: string, tx?: Tx): Promise<boolean> {
    const db = on(this.db, tx);
    const n = await db('invitations')
      .where({ organisation_id: organisationId, id, status: 'sent', channel: 'email' })
      .update({ status: 'undeliverable', updated_at: now });
    return n > 0;
  }

  /** Invitations waiting for an answer whose deadline is within `before` and that were not reminded yet. */
  async dueForReminder(organisationId: number, now: string, before: string): Promise<Invitation[]> {
    const rows = (await this.base()
      .where({ 'i.organisation_id': organisationId, 'i.status': 'sent', 'i.channel': 'email' })
      .whereNull('i.reminded_at')
      .where('i.expires_at', '>', now)
      .where('i.expires_at', '<=', before)) as InvitationRow[];
    return rows.map(toInvitation);
  }

  /** Marks the reminder sent, with the hash of its link; false when another instance got there first. */
  async markReminded(id: number, reminderTokenHash: string, now: string, tx?: Tx): Promise<boolean> {
    const db = on(this.db, tx);
    const n = await db('invitations')
      .where({ id, status: 'sent' })
      .whereNull('reminded_at')
      .update({ reminded_at: now, reminder_token_hash: reminderTokenHash, updated_at: now });
    return n > 0;
  }

  /** Unanswered invitations past their deadline. */
  async dueForExpiry(now: string): Promise<Invitation[]> {
    const rows = (await this.base().where('i.status', 'sent').where('i.expires_at', '<=', now)) as InvitationRow[];
    return rows.map(toInvitation);
  }

  async expire(id: number, now: string, tx?: Tx): Promise<boolean> {
    const db = on(this.db, tx);
    const n = await db('invitations')
      .where({ id, status: 'sent' })
      .where('expires_at', '<=', now)
      .update({ status: 'expired', updated_at: now });
    return n > 0;
  }

  async setNotifyAnswers(organisationId: number, userId: number, notify: boolean): Promise<void> {
    await this.db('users').where({ organisation_id: organisationId, id: userId }).update({ notify_answers: notify });
  }

  async notifyAnswers(userId: number): Promise<boolean> {
    const row = await this.db('users')
      .where({ id: userId })
      .first<{ notify_answers: boolean | number } | undefined>('notify_answers');
    return toBool(row?.notify_answers);
  }

  /** After an erasure: what the person wrote goes, and their personal links stop working; the statuses stay. */
  async eraseFreeText(organisationId: number, representativeId: number, tx?: Tx): Promise<void> {
    const db = on(this.db, tx);
    await db('invitations')
      .where({ organisation_id: organisationId, representative_id: representativeId })
      .update({ note: '', decline_text: '', personal_note: '', token_hash: null, reminder_token_hash: null });
    await db('participation_links')
      .where({ organisation_id: organisationId, representative_id: representativeId })
      .delete();
  }

  /** A new /me link for a representative (one per e-mail); returns its id. */
  async createParticipationLink(
    link: { organisationId: number; representativeId: number; tokenHash: string; createdAt: string; expiresAt: string },
    tx?: Tx,
  ): Promise<number> {
    const [id] = await insertReturningIds(on(this.db, tx), 'participation_links', [
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
