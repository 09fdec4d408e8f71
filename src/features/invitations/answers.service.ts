import type { DateTime } from 'luxon';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, isTokenShaped } from '../../lib/tokens.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { Meeting, Project, ProjectCatalog } from '../projects/projects.model.js';
import type { RosterVersions } from '../representatives/representatives.model.js';
import type { CurrentUser, UserAccounts } from '../users/users.types.js';
import { decideAnswer, needsSeatCount, type Answer } from './decide-answer.js';
import { invitationOfProject } from './facilitator-actions.js';
import { answerNotice, invitationEmail, meetingsCalendar, type InvitationContext } from './invitation-emails.js';
import type { Invitation, InvitationStatus } from './invitations.model.js';
import type { InvitationsRepository } from './invitations.repository.js';
import { canEmail, type InvitationMail, type MailContext } from './mail-context.js';
import { teamCompleteEmail } from '../projects/owner-emails.js';

export type LinkView =
  | {
      kind: 'open';
      invitation: Invitation;
      project: Project;
      meetings: Meeting[];
      facilitator: { name: string; email: string } | null;
      organisationName: string;
      timeZone: string;
      /** The deadline has passed: the current answer is shown, and no longer changed here. */
      closed: boolean;
      /** What the e-mails an answer causes need, loaded with the page (not again for the answer). */
      context: MailContext;
    }
  | { kind: 'unknown' }
  | { kind: 'gone'; status: InvitationStatus; facilitator: { name: string; email: string } | null; title: string };

export type OpenLink = Extract<LinkView, { kind: 'open' }>;

export interface AnswersDeps {
  transact: Transact;
  invitations: InvitationsRepository;
  /** Locks a project's row while an answer takes or frees one of its seats. */
  projects: Pick<ProjectCatalog, 'lockProject'>;
  /** The project's facilitator, told of each answer if they asked to be. */
  users: Pick<UserAccounts, 'findNotifiable'>;
  outbox: OutboxService;
  audit: AuditService;
  versions: RosterVersions;
  clock: Clock;
  mail: InvitationMail;
}

/**
 * The answers to invitations: through the personal link, or recorded by the facilitator for those invited by phone
 * or letter; the waitlist behind a full team; withdrawal. Every e-mail goes through the outbox in the same
 * transaction as the change it reports.
 */
export class InvitationAnswersService {
  constructor(private readonly deps: AnswersDeps) {}

  /** What the personal link shows. Opening it changes nothing (mail scanners open links too). */
  async view(token: string): Promise<LinkView> {
    if (!isTokenShaped(token)) return { kind: 'unknown' };
    const invitation = await this.deps.invitations.findByTokenHash(hashToken(token));
    if (!invitation) return { kind: 'unknown' };
    const project = await this.deps.mail.project(invitation.organisationId, invitation.projectId);
    const ctx = await this.deps.mail.context(invitation.organisationId, project);
    if (invitation.status === 'expired' || invitation.status === 'withdrawn') {
      return { kind: 'gone', status: invitation.status, facilitator: ctx.facilitator, title: project.title };
    }
    const closed =
      invitation.expiresAt !== null && Date.parse(invitation.expiresAt) <= this.deps.clock.now().toMillis();
    if (closed && invitation.status === 'sent') {
      return { kind: 'gone', status: 'expired', facilitator: ctx.facilitator, title: project.title };
    }
    return {
      kind: 'open',
      invitation,
      project,
      meetings: ctx.meetings,
      facilitator: ctx.facilitator,
      organisationName: ctx.organisationName,
      timeZone: ctx.timeZone,
      closed,
      context: ctx,
    };
  }

  /**
   * The answer through the personal link whose page `view` just loaded: until the deadline, and only for an
   * invitation still open. The project and its context come with the view, not loaded again.
   */
  async answerByLink(
    view: OpenLink,
    token: string,
    answer: Answer,
  ): Promise<{ kind: 'answered'; status: InvitationStatus } | { kind: 'closed' }> {
    if (view.closed) return { kind: 'closed' };
    const status = await this.answer(view.invitation, view.project, view.context, answer, null, token);
    return { kind: 'answered', status };
  }

  /** An answer given by phone or letter, recorded by the facilitator. */
  async recordAnswer(
    actor: CurrentUser,
    projectId: number,
    invitationId: number,
    answer: Answer,
  ): Promise<InvitationStatus> {
    const invitation = await invitationOfProject(this.deps.invitations, actor, projectId, invitationId);
    if (!['sent', 'accepted', 'waitlisted', 'declined', 'expired'].includes(invitation.status)) {
      throw new AppError(409, 'invitations.errors.cannotAnswer');
    }
    const project = await this.deps.mail.project(invitation.organisationId, invitation.projectId);
    const ctx = await this.deps.mail.context(invitation.organisationId, project);
    return this.answer(invitation, project, ctx, answer, actor);
  }

  async withdraw(actor: CurrentUser, projectId: number, invitationId: number): Promise<void> {
    const { invitations, projects, mail, outbox, versions, audit } = this.deps;
    const invitation = await invitationOfProject(invitations, actor, projectId, invitationId);
    if (!['sent', 'accepted', 'waitlisted', 'undeliverable'].includes(invitation.status)) {
      throw new AppError(409, 'invitations.errors.cannotWithdraw');
    }
    const project = await mail.project(actor.organisationId, projectId);
    const ctx = await mail.context(actor.organisationId, project);
    const now = this.deps.clock.now();
    await this.deps.transact(async (tx) => {
      await projects.lockProject(projectId, tx);
      await invitations.withdraw(invitationId, now.toISO()!, tx);
      if (
        invitation.status !== 'undeliverable' &&
        invitation.channel === 'email' &&
        invitation.email &&
        invitation.emailConsent
      ) {
        const email = invitationEmail('withdrawn', {
          ...mail.baseContext(invitation, project, ctx),
          meUrl: await mail.meUrl(invitation, now, tx),
        });
        await outbox.enqueue(tx, {
          organisationId: actor.organisationId,
          kind: 'invitation_withdrawn',
          dedupeKey: `invitation:${invitationId}:withdrawn`,
          to: invitation.email,
          representativeId: invitation.representativeId,
          ...email,
        });
      }
      if (invitation.status === 'accepted') await this.promoteFromWaitlist(project, ctx, now, tx);
      await versions.bump(actor.organisationId, tx);
      await audit.byUser(actor, 'invitation.withdrawn', { type: 'invitation', id: invitationId }, {}, tx);
    });
  }

  /**
   * Records an answer (see decideAnswer): declining after accepting frees the seat for the first on the waitlist,
   * who is told by e-mail. The project row is locked, so two people cannot take the last seat at once.
   */
  private async answer(
    invitation: Invitation,
    project: Project,
    ctx: MailContext,
    answer: Answer,
    recordedBy: CurrentUser | null,
    token?: string,
  ): Promise<InvitationStatus> {
    const { invitations, projects } = this.deps;
    const now = this.deps.clock.now();
    return this.deps.transact(async (tx) => {
      await projects.lockProject(project.id, tx);
      const current = (await invitations.find(invitation.organisationId, invitation.id, tx))!;
      const taken = needsSeatCount(current, answer) ? await invitations.countAccepted(project.id, tx) : 0;
      const { status, unchanged, freesSeat } = decideAnswer(current, answer, taken, project.seats);
      if (unchanged) return status;
      await invitations.setAnswer(
        invitation.id,
        {
          status,
          at: now.toISO()!,
          declineReason: answer.accept ? null : answer.declineReason,
          declineText: answer.accept ? '' : answer.declineText,
          note: answer.note,
          recordedBy: recordedBy?.id ?? null,
        },
        tx,
      );
      if (status !== current.status && status !== 'declined' && canEmail(current)) {
        await this.mailAbout(status, current, project, ctx, now, tx, token);
      }
      if (freesSeat) await this.promoteFromWaitlist(project, ctx, now, tx);
      if (status === 'accepted' && current.status !== 'accepted') await this.tellOwnerIfComplete(project, ctx, tx);
      await this.deps.versions.bump(invitation.organisationId, tx);
      await this.deps.audit.record(
        {
          organisationId: invitation.organisationId,
          actorType: recordedBy ? 'user' : 'representative',
          actorUserId: recordedBy?.id ?? null,
          actorRepresentativeId: recordedBy ? null : invitation.representativeId,
          action: `invitation.${status}`,
          entityType: 'invitation',
          entityId: invitation.id,
          details: recordedBy ? { channel: current.channel } : {},
        },
        tx,
      );
      if (status !== current.status) await this.notifyFacilitator(project, current, status, ctx.organisationName, tx);
      return status;
    });
  }

  private async mailAbout(
    kind: 'accepted' | 'waitlisted' | 'promoted',
    invitation: Invitation,
    project: Project,
    ctx: MailContext,
    now: DateTime,
    tx: Tx,
    token?: string,
  ): Promise<void> {
    const { mail } = this.deps;
    const context: InvitationContext = {
      ...mail.baseContext(invitation, project, ctx),
      meUrl: await mail.meUrl(invitation, now, tx),
      answerUrl: token ? `${mail.baseUrl}/i/${token}` : undefined,
    };
    const email = invitationEmail(kind, context);
    const calendar = kind === 'waitlisted' ? undefined : meetingsCalendar(context, mail.messageIdDomain, now.toISO()!);
    await this.deps.outbox.enqueue(tx, {
      organisationId: invitation.organisationId,
      kind: `invitation_${kind}`,
      // one e-mail per answer: a change of mind later is another event
      dedupeKey: `invitation:${invitation.id}:${kind}:${now.toMillis()}`,
      to: invitation.email!,
      representativeId: invitation.representativeId,
      ...email,
      attachments: calendar ? [calendar] : [],
    });
  }

  /** A seat is free: the first on the waitlist moves onto the team and is told. */
  private async promoteFromWaitlist(project: Project, ctx: MailContext, now: DateTime, tx: Tx): Promise<void> {
    const { invitations } = this.deps;
    const taken = await invitations.countAccepted(project.id, tx);
    if (taken >= project.seats) return;
    const next = await invitations.firstWaitlisted(project.organisationId, project.id, tx);
    if (!next) return;
    await invitations.promote(next.id, now.toISO()!, tx);
    if (canEmail(next)) await this.mailAbout('promoted', next, project, ctx, now, tx);
    await this.tellOwnerIfComplete(project, ctx, tx);
    await this.deps.audit.record(
      {
        organisationId: project.organisationId,
        actorType: 'system',
        action: 'invitation.promoted',
        entityType: 'invitation',
        entityId: next.id,
      },
      tx,
    );
  }

  /**
   * When the last seat is taken, the project's owner (a professional with an e-mail) is told in their language, once
   * per project and number of seats (issue 21, item 4): how many, and by name only those who consented.
   */
  private async tellOwnerIfComplete(project: Project, ctx: MailContext, tx: Tx): Promise<void> {
    if (!project.ownerEmail || !project.ownerName) return;
    const { invitations } = this.deps;
    if ((await invitations.countAccepted(project.id, tx)) < project.seats) return;
    const named = await invitations.namedOnTeam(project.id, tx);
    const email = teamCompleteEmail(
      {
        locale: project.ownerLocale,
        ownerName: project.ownerName,
        title: project.title,
        organisationName: ctx.organisationName,
        facilitatorName: project.facilitatorName,
      },
      { seats: project.seats, named },
    );
    await this.deps.outbox.enqueue(tx, {
      organisationId: project.organisationId,
      kind: 'owner_team_complete',
      dedupeKey: `owner-team-complete:${project.id}:${project.seats}`,
      to: project.ownerEmail,
      ...email,
    });
  }

  private async notifyFacilitator(
    project: Project,
    invitation: Invitation,
    status: InvitationStatus,
    organisationName: string,
    tx: Tx,
  ): Promise<void> {
    if (!project.facilitatorUserId) return;
    const facilitator = await this.deps.users.findNotifiable(project.organisationId, project.facilitatorUserId, tx);
    if (!facilitator) return;
    const email = answerNotice(
      facilitator.locale,
      {
        facilitatorName: facilitator.name,
        representativeName: invitation.name,
        title: project.title,
        status,
        projectUrl: `${this.deps.mail.baseUrl}/projects/${project.id}/invitations`,
      },
      organisationName,
    );
    await this.deps.outbox.enqueue(tx, {
      organisationId: project.organisationId,
      kind: 'answer_notice',
      dedupeKey: `answer-notice:${invitation.id}:${status}:${this.deps.clock.now().toMillis()}`,
      to: facilitator.email,
      userId: facilitator.id,
      ...email,
    });
  }
}
