import type { DateTime } from 'luxon';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { newToken } from '../../lib/tokens.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { MeetingNotifier, MeetingRecipients } from '../projects/meeting-notifier.js';
import type { Meeting, Project } from '../projects/projects.model.js';
import type { RosterVersions } from '../representatives/representatives.model.js';
import type { CurrentUser } from '../users/users.types.js';
import { invitationOfProject } from './facilitator-actions.js';
import { invitationEmail, meetingChangeEmail } from './invitation-emails.js';
import { OPEN_STATUSES, type Channel, type Invitation } from './invitations.model.js';
import type { InvitationsRepository } from './invitations.repository.js';
import { lastSending } from './last-sending.js';
import { canEmail, type InvitationMail } from './mail-context.js';
import { LettersService, letterWaiting } from './letters.service.js';
import { tooLateToSend } from './reply-deadline.js';
import { routeFor, type Route } from './route-for.js';

export interface InvitationsOverview {
  project: Project;
  invitations: Array<Invitation & { route: Route }>;
  toEmail: number;
  toContact: number;
  skipped: number;
  /** The e-mail the first person on the list would get, with placeholder links, to read before sending. */
  preview: { to: string; subject: string; text: string } | null;
  /** The reply deadline if the shortlist were sent now, and whether it leaves too little time to send. */
  deadline: string | null;
  tooLate: boolean;
  /** The last sending by e-mail: how many went at that instant, so the page says what was sent. */
  lastSent: { count: number; at: string } | null;
  /** When those about to be invited and those already taking part outnumber the seats: the counts for a warning. */
  overSeats: { seats: number; accepted: number; inviting: number } | null;
  /** Shortlisted people waiting for a letter (the letters page prints theirs), and the note their letters carry. */
  lettersWaiting: number;
  letterNote: string;
  /** Nothing goes out before the project says what matters to patients and next of kin. */
  whatMattersMissing: boolean;
}

export interface InvitationsDeps {
  transact: Transact;
  invitations: InvitationsRepository;
  outbox: OutboxService;
  audit: AuditService;
  versions: RosterVersions;
  clock: Clock;
  mail: InvitationMail;
}

/**
 * Invitations: sending a shortlist (by e-mail, or recorded as phoned or written to), the meeting notices to the
 * team, and what the dashboard and a person's profile show. Answers, the waitlist and withdrawal are in
 * answers.service.ts, reminders and expiry in invitation-jobs.ts. Every e-mail goes through the outbox in the same
 * transaction as the change it reports.
 */
export class InvitationsService implements MeetingNotifier {
  /** The printable letters of letter invitations, and recording them as sent (letters.service.ts). */
  readonly letters: LettersService;

  constructor(private readonly deps: InvitationsDeps) {
    this.letters = new LettersService(deps);
  }

  async overview(actor: CurrentUser, projectId: number): Promise<InvitationsOverview> {
    const { mail } = this.deps;
    const project = await mail.project(actor.organisationId, projectId);
    const invitations = (await this.deps.invitations.forProject(actor.organisationId, projectId)).map((i) => ({
      ...i,
      route: routeFor(i),
    }));
    const drafts = invitations.filter((i) => i.status === 'draft');
    const first = drafts.find((i) => i.route.kind === 'email');
    let preview: InvitationsOverview['preview'] = null;
    let deadline: DateTime | null = null;
    const now = this.deps.clock.now();
    if (drafts.length) {
      const ctx = await mail.context(actor.organisationId, project);
      deadline = mail.deadline(ctx, now);
      if (first) {
        const email = invitationEmail('invitation', {
          ...mail.baseContext(first, project, ctx),
          meUrl: `${mail.baseUrl}/me/…`,
          answerUrl: `${mail.baseUrl}/i/…`,
          expiresAt: deadline.toISO()!,
        });
        preview = { to: first.name, subject: email.subject, text: email.text };
      }
    }
    const toEmail = drafts.filter((i) => i.route.kind === 'email').length;
    const toContact = drafts.filter((i) => i.route.kind === 'contact').length;
    const accepted = invitations.filter((i) => i.status === 'accepted').length;
    const letters = invitations.filter(letterWaiting);
    return {
      project,
      invitations,
      preview,
      deadline: deadline?.toISO() ?? null,
      lastSent: lastSending(invitations),
      tooLate: deadline !== null && tooLateToSend(now, deadline),
      toEmail,
      toContact,
      skipped: drafts.filter((i) => i.route.kind === 'skip').length,
      overSeats:
        toEmail + toContact > 0 && accepted + toEmail + toContact > project.seats
          ? { seats: project.seats, accepted, inviting: toEmail + toContact }
          : null,
      lettersWaiting: letters.length,
      letterNote: letters[0]?.personalNote ?? '',
      whatMattersMissing: !project.whatMatters.trim(),
    };
  }

  /** A new link to the person's own page, for an e-mail written in this transaction (any feature's e-mail). */
  participationLink(organisationId: number, representativeId: number, tx: Tx, now = this.deps.clock.now()) {
    return this.deps.mail.participationLink(organisationId, representativeId, tx, now);
  }

  /**
   * Sends the shortlist: one e-mail with a personal link to everyone who can be reached by e-mail, in one
   * transaction (the worker delivers them). Those to be phoned or written to stay on the list for the facilitator.
   * Nothing is sent when the deadline would leave less than a day to answer (`tooLate` then holds the deadline).
   *
   * The drafts are read and claimed inside the transaction, each by a conditional update: when two sends of the
   * same shortlist run at once (a double click, two instances), each invitation is sent, audited and given a link
   * once, and the send that finds none left sends nothing and says so (`alreadySent`).
   *
   * Nothing is sent while the project does not say what matters to patients and next of kin (`whatMattersMissing`).
   * The personal note goes into each e-mail of this sending, and onto those still waiting for a letter.
   */
  async sendShortlist(
    actor: CurrentUser,
    projectId: number,
    personalNote = '',
  ): Promise<{ emailed: number; tooLate?: string; alreadySent?: boolean; whatMattersMissing?: boolean }> {
    const { mail, invitations } = this.deps;
    const project = await mail.project(actor.organisationId, projectId);
    if (!project.whatMatters.trim()) return { emailed: 0, whatMattersMissing: true };
    const note = personalNote ? { text: personalNote, by: actor.name } : null;
    const ctx = await mail.context(actor.organisationId, project);
    const emailDrafts = (list: Invitation[]) =>
      list.filter((i) => i.status === 'draft' && routeFor(i).kind === 'email');
    const now = this.deps.clock.now();
    const deadline = mail.deadline(ctx, now);
    const expiresAt = deadline.toISO()!;
    return this.deps.transact(async (tx) => {
      const shortlist = await invitations.forProject(actor.organisationId, projectId, tx);
      const drafts = emailDrafts(shortlist);
      if (drafts.length && tooLateToSend(now, deadline)) return { emailed: 0, tooLate: expiresAt };
      let emailed = 0;
      for (const invitation of drafts) {
        const answer = newToken();
        const claimed = await invitations.claimDraft(
          invitation.id,
          { tokenHash: answer.hash, sentAt: now.toISO()!, expiresAt, personalNote },
          tx,
        );
        // another send took it meanwhile: its link, e-mail and audit are that send's
        if (!claimed) continue;
        emailed++;
        const email = invitationEmail('invitation', {
          ...mail.baseContext(invitation, project, ctx),
          meUrl: await mail.meUrl(invitation, now, tx),
          answerUrl: `${mail.baseUrl}/i/${answer.token}`,
          expiresAt,
          personalNote: note,
        });
        await this.deps.outbox.enqueue(tx, {
          organisationId: actor.organisationId,
          kind: 'invitation',
          dedupeKey: `invitation:${invitation.id}:sent`,
          to: invitation.email!,
          representativeId: invitation.representativeId,
          ...email,
        });
      }
      // the page offers to send only when there is someone to e-mail: when nothing is left, another send (a second
      // click, another tab or instance) took them first. Nothing happened here, so nothing is audited.
      if (!emailed) return { emailed: 0, alreadySent: true };
      const letters = shortlist.filter(letterWaiting);
      await invitations.setDraftNotes(
        actor.organisationId,
        letters.map((i) => i.id),
        personalNote,
        tx,
      );
      await this.deps.versions.bump(actor.organisationId, tx);
      await this.deps.audit.byUser(
        actor,
        'invitation.sent',
        { type: 'project', id: projectId },
        { count: emailed, personalNote: Boolean(personalNote) },
        tx,
      );
      return { emailed };
    });
  }

  /** The facilitator has phoned or written to a shortlisted person: the invitation is out, by that channel. */
  async recordContacted(actor: CurrentUser, projectId: number, invitationId: number, channel: Channel) {
    const { mail, invitations } = this.deps;
    const invitation = await invitationOfProject(invitations, actor, projectId, invitationId);
    // a shortlisted person, or one whose e-mail invitation the mail server refused
    if (invitation.status !== 'draft' && invitation.status !== 'undeliverable')
      throw new AppError(409, 'invitations.errors.notDraft');
    if (invitation.status === 'undeliverable') {
      // the person was shortlisted again meanwhile: that newer invitation is the one to use
      const others = await invitations.forProject(actor.organisationId, projectId);
      if (
        others.some(
          (o) =>
            o.representativeId === invitation.representativeId &&
            o.id !== invitationId &&
            ['draft', ...OPEN_STATUSES].includes(o.status),
        )
      )
        throw new AppError(409, 'invitations.errors.anotherOpen');
    }
    const project = await mail.project(actor.organisationId, projectId);
    const ctx = await mail.context(actor.organisationId, project);
    const now = this.deps.clock.now();
    await this.deps.transact(async (tx) => {
      await invitations.markSent(
        invitationId,
        // the phone call or letter has happened: the same deadline, never refused
        { channel, tokenHash: null, sentAt: now.toISO()!, expiresAt: mail.deadline(ctx, now).toISO()! },
        tx,
      );
      await this.deps.versions.bump(actor.organisationId, tx);
      await this.deps.audit.byUser(
        actor,
        'invitation.contacted',
        { type: 'invitation', id: invitationId },
        { channel },
        tx,
      );
    });
  }

  /**
   * For a meeting about to move or be cancelled: loads the project and its team now (outside the transaction that
   * follows), and returns what e-mails each member on the team an updated or cancelling calendar entry.
   */
  async prepare(organisationId: number, projectId: number) {
    const { mail } = this.deps;
    const project = await mail.project(organisationId, projectId);
    const ctx = await mail.context(organisationId, project);
    const team = (await this.deps.invitations.forProject(organisationId, projectId)).filter(
      (i) => i.status === 'accepted' && canEmail(i),
    );
    return async (tx: Tx, meeting: Meeting, change: 'moved' | 'cancelled') => {
      const now = this.deps.clock.now();
      for (const member of team) {
        const email = meetingChangeEmail(
          change,
          { ...mail.baseContext(member, project, ctx), meUrl: await mail.meUrl(member, now, tx) },
          meeting,
          mail.messageIdDomain,
          now.toISO()!,
        );
        await this.deps.outbox.enqueue(tx, {
          organisationId,
          kind: `meeting_${change}`,
          dedupeKey: `meeting:${meeting.id}:${meeting.sequence}:${member.id}`,
          to: member.email!,
          representativeId: member.representativeId,
          ...email,
        });
      }
    };
  }

  /** The team, split into those a meeting change reaches by e-mail and those the facilitator must tell. */
  async recipients(organisationId: number, projectId: number): Promise<MeetingRecipients> {
    const team = (await this.deps.invitations.forProject(organisationId, projectId)).filter(
      (i) => i.status === 'accepted',
    );
    return {
      emailed: team.filter((i) => canEmail(i)).map((i) => ({ name: i.name })),
      toTell: team
        .filter((i) => !canEmail(i))
        .map((i) => ({ name: i.name, channel: i.phone ? 'phone' : i.preferredContact, phone: i.phone })),
    };
  }

  async setNotifyAnswers(actor: CurrentUser, notify: boolean): Promise<void> {
    await this.deps.invitations.setNotifyAnswers(actor.organisationId, actor.id, notify);
  }

  /** A person's invitations, newest first, for their profile. */
  history(actor: CurrentUser, representativeId: number) {
    return this.deps.invitations.forRepresentative(actor.organisationId, representativeId);
  }
}
