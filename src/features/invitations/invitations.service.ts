import { DateTime } from 'luxon';
import type { Db } from '../../db.js';
import { engineOf } from '../../db.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { hashToken, isTokenShaped, newToken } from '../../lib/tokens.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OrganisationsRepository } from '../organisations/organisations.repository.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { Meeting, Project, ProjectsRepository } from '../projects/projects.repository.js';
import type { RosterVersions } from '../representatives/roster-versions.js';
import type { CurrentUser, UsersRepository } from '../users/users.repository.js';
import {
  answerNotice,
  invitationEmail,
  meetingChangeEmail,
  meetingsCalendar,
  type InvitationContext,
} from './invitation-emails.js';
import type { MeetingNotifier, MeetingRecipients } from '../projects/projects.service.js';
import { nextMeetingStart, reminderAt, replyDeadline, tooLateToSend } from './reply-deadline.js';
import { lastSending } from './last-sending.js';
import { OPEN_STATUSES } from './invitations.repository.js';
import type {
  Channel,
  DeclineReason,
  Invitation,
  InvitationsRepository,
  InvitationStatus,
} from './invitations.repository.js';

/** How long a /me link in an e-mail works. */
export const PARTICIPATION_LINK_DAYS = 180;

export interface Answer {
  accept: boolean;
  declineReason: DeclineReason | null;
  declineText: string;
  note: string;
}

/** Where a shortlisted person's invitation goes: by e-mail, to be phoned or written to, or nowhere (and why). */
export type Route =
  { kind: 'email' } | { kind: 'contact'; channel: 'phone' | 'letter' } | { kind: 'skip'; reason: string };

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
}

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
    }
  | { kind: 'unknown' }
  | { kind: 'gone'; status: InvitationStatus; facilitator: { name: string; email: string } | null; title: string };

/** Decides how a shortlisted person can be invited, from their consents and contact preference. */
export function routeFor(invitation: Invitation): Route {
  if (invitation.preferredContact === 'phone') {
    return invitation.phone ? { kind: 'contact', channel: 'phone' } : { kind: 'skip', reason: 'noPhone' };
  }
  if (invitation.preferredContact === 'letter') {
    return invitation.postalAddress ? { kind: 'contact', channel: 'letter' } : { kind: 'skip', reason: 'noAddress' };
  }
  if (!invitation.email)
    return invitation.phone ? { kind: 'contact', channel: 'phone' } : { kind: 'skip', reason: 'noEmail' };
  if (invitation.emailUndeliverable) return { kind: 'skip', reason: 'undeliverable' };
  if (!invitation.emailConsent) {
    return invitation.phone ? { kind: 'contact', channel: 'phone' } : { kind: 'skip', reason: 'noEmailConsent' };
  }
  return { kind: 'email' };
}

/**
 * Invitations: sending a shortlist, the answers (through the personal link, or recorded by the facilitator for
 * those invited by phone or letter), the waitlist, withdrawal, reminders and expiry. Every e-mail goes through the
 * outbox in the same transaction as the change it reports.
 */
/** The honorarium rules valid on a date (the involvement feature's), for the rate an invitation announces. */
export interface HonorariumRates {
  rulesOn(organisationId: number, date: string): Promise<{ hourlyRateOre: number }>;
}

export class InvitationsService implements MeetingNotifier {
  constructor(
    private readonly db: Db,
    private readonly invitations: InvitationsRepository,
    private readonly projects: ProjectsRepository,
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly versions: RosterVersions,
    private readonly clock: Clock,
    private readonly settings: { baseUrl: string; messageIdDomain: string },
    private readonly rates: HonorariumRates,
  ) {}

  private async project(organisationId: number, projectId: number): Promise<Project> {
    const project = await this.projects.find(organisationId, projectId);
    if (!project) throw new AppError(404, 'errors.notFound.body');
    return project;
  }

  async overview(actor: CurrentUser, projectId: number): Promise<InvitationsOverview> {
    const project = await this.project(actor.organisationId, projectId);
    const invitations = (await this.invitations.forProject(actor.organisationId, projectId)).map((i) => ({
      ...i,
      route: routeFor(i),
    }));
    const drafts = invitations.filter((i) => i.status === 'draft');
    const first = drafts.find((i) => i.route.kind === 'email');
    let preview: InvitationsOverview['preview'] = null;
    let deadline: DateTime | null = null;
    const now = this.clock.now();
    if (drafts.length) {
      const ctx = await this.context(actor.organisationId, project);
      deadline = this.deadline(ctx, now);
      if (first) {
        const mail = invitationEmail('invitation', {
          ...this.baseContext(first, project, ctx),
          meUrl: `${this.settings.baseUrl}/me/…`,
          answerUrl: `${this.settings.baseUrl}/i/…`,
          expiresAt: deadline.toISO()!,
        });
        preview = { to: first.name, subject: mail.subject, text: mail.text };
      }
    }
    return {
      project,
      invitations,
      preview,
      deadline: deadline?.toISO() ?? null,
      lastSent: lastSending(invitations),
      tooLate: deadline !== null && tooLateToSend(now, deadline),
      toEmail: drafts.filter((i) => i.route.kind === 'email').length,
      toContact: drafts.filter((i) => i.route.kind === 'contact').length,
      skipped: drafts.filter((i) => i.route.kind === 'skip').length,
    };
  }

  /** Everything an e-mail about this project needs, once per send. */
  private async context(organisationId: number, project: Project) {
    const [meetings, settings, organisationName, facilitatorUser, timeZone] = await Promise.all([
      this.projects.meetings(organisationId, project.id),
      this.organisations.settings(organisationId),
      this.organisations.name(organisationId),
      project.facilitatorUserId ? this.users.find(organisationId, project.facilitatorUserId) : undefined,
      this.organisations.timeZone(organisationId),
    ]);
    const held = meetings.filter((m) => !m.cancelledAt);
    // the rate an invitation announces is the one valid when the work starts, not a change dated later
    const now = this.clock.now().setZone(timeZone);
    const next = nextMeetingStart(held, now);
    const workStarts = next ? DateTime.fromISO(next, { zone: 'utc' }).setZone(timeZone) : now;
    const rules = await this.rates.rulesOn(organisationId, workStarts.toISODate()!);
    return {
      meetings: held,
      settings: { ...settings, hourlyHonorariumOre: rules.hourlyRateOre },
      organisationName,
      timeZone,
      facilitator: facilitatorUser ? { name: facilitatorUser.name, email: facilitatorUser.email } : null,
    };
  }

  /** The reply deadline for an invitation going out now (see reply-deadline.ts). */
  private deadline(ctx: Awaited<ReturnType<InvitationsService['context']>>, now: DateTime): DateTime {
    return replyDeadline(now, ctx.settings.invitationExpiryDays, nextMeetingStart(ctx.meetings, now), ctx.timeZone);
  }

  /** A fresh /me link for one e-mail to the person. */
  private meUrl(invitation: Invitation, now: DateTime, trx: Db): Promise<string> {
    return this.participationLink(invitation.organisationId, invitation.representativeId, trx, now);
  }

  /** A new link to the person's own page, for an e-mail written in this transaction (any feature's e-mail). */
  async participationLink(organisationId: number, representativeId: number, trx: Db, now = this.clock.now()) {
    const link = newToken();
    await this.invitations.createParticipationLink(
      {
        organisationId,
        representativeId,
        tokenHash: link.hash,
        createdAt: now.toISO()!,
        expiresAt: now.plus({ days: PARTICIPATION_LINK_DAYS }).toISO()!,
      },
      trx,
    );
    return `${this.settings.baseUrl}/me/${link.token}`;
  }

  /**
   * Sends the shortlist: one e-mail with a personal link to everyone who can be reached by e-mail, in one
   * transaction (the worker delivers them). Those to be phoned or written to stay on the list for the facilitator.
   * Nothing is sent when the deadline would leave less than a day to answer (`tooLate` then holds the deadline).
   */
  async sendShortlist(actor: CurrentUser, projectId: number): Promise<{ emailed: number; tooLate?: string }> {
    const project = await this.project(actor.organisationId, projectId);
    const ctx = await this.context(actor.organisationId, project);
    const drafts = (await this.invitations.forProject(actor.organisationId, projectId)).filter(
      (i) => i.status === 'draft' && routeFor(i).kind === 'email',
    );
    const now = this.clock.now();
    const deadline = this.deadline(ctx, now);
    if (drafts.length && tooLateToSend(now, deadline)) return { emailed: 0, tooLate: deadline.toISO()! };
    const expiresAt = deadline.toISO()!;
    await this.db.transaction(async (trx) => {
      for (const invitation of drafts) {
        const answer = newToken();
        await this.invitations.markSent(
          invitation.id,
          { channel: 'email', tokenHash: answer.hash, sentAt: now.toISO()!, expiresAt },
          trx,
        );
        const mail = invitationEmail('invitation', {
          ...this.baseContext(invitation, project, ctx),
          meUrl: await this.meUrl(invitation, now, trx),
          answerUrl: `${this.settings.baseUrl}/i/${answer.token}`,
          expiresAt,
        });
        await this.outbox.enqueue(trx, {
          organisationId: actor.organisationId,
          kind: 'invitation',
          dedupeKey: `invitation:${invitation.id}:sent`,
          to: invitation.email!,
          representativeId: invitation.representativeId,
          ...mail,
        });
      }
      if (drafts.length) await this.versions.bump(actor.organisationId, trx);
      await this.audit.record(
        {
          organisationId: actor.organisationId,
          actorType: 'user',
          actorUserId: actor.id,
          action: 'invitation.sent',
          entityType: 'project',
          entityId: projectId,
          details: { count: drafts.length },
        },
        trx,
      );
    });
    return { emailed: drafts.length };
  }

  private baseContext(
    invitation: Invitation,
    project: Project,
    ctx: Awaited<ReturnType<InvitationsService['context']>>,
  ): Omit<InvitationContext, 'meUrl'> {
    return {
      locale: invitation.locale,
      name: invitation.name,
      project,
      meetings: ctx.meetings,
      organisationName: ctx.organisationName,
      timeZone: ctx.timeZone,
      facilitator: ctx.facilitator,
      hourlyHonorariumOre: ctx.settings.hourlyHonorariumOre,
      baseUrl: this.settings.baseUrl,
    };
  }

  /** The facilitator has phoned or written to a shortlisted person: the invitation is out, by that channel. */
  async recordContacted(actor: CurrentUser, projectId: number, invitationId: number, channel: Channel) {
    const invitation = await this.mine(actor, projectId, invitationId);
    // a shortlisted person, or one whose e-mail invitation the mail server refused
    if (invitation.status !== 'draft' && invitation.status !== 'undeliverable')
      throw new AppError(409, 'invitations.errors.notDraft');
    if (invitation.status === 'undeliverable') {
      // the person was shortlisted again meanwhile: that newer invitation is the one to use
      const others = await this.invitations.forProject(actor.organisationId, projectId);
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
    const project = await this.project(actor.organisationId, projectId);
    const ctx = await this.context(actor.organisationId, project);
    const now = this.clock.now();
    await this.db.transaction(async (trx) => {
      await this.invitations.markSent(
        invitationId,
        // the phone call or letter has happened: the same deadline, never refused
        { channel, tokenHash: null, sentAt: now.toISO()!, expiresAt: this.deadline(ctx, now).toISO()! },
        trx,
      );
      await this.versions.bump(actor.organisationId, trx);
      await this.record(actor, 'invitation.contacted', invitationId, { channel }, trx);
    });
  }

  /** An answer given by phone or letter, recorded by the facilitator. */
  async recordAnswer(
    actor: CurrentUser,
    projectId: number,
    invitationId: number,
    answer: Answer,
  ): Promise<InvitationStatus> {
    const invitation = await this.mine(actor, projectId, invitationId);
    if (!['sent', 'accepted', 'waitlisted', 'declined', 'expired'].includes(invitation.status)) {
      throw new AppError(409, 'invitations.errors.cannotAnswer');
    }
    return this.answer(invitation, answer, actor);
  }

  async withdraw(actor: CurrentUser, projectId: number, invitationId: number): Promise<void> {
    const invitation = await this.mine(actor, projectId, invitationId);
    if (!['sent', 'accepted', 'waitlisted', 'undeliverable'].includes(invitation.status)) {
      throw new AppError(409, 'invitations.errors.cannotWithdraw');
    }
    const project = await this.project(actor.organisationId, projectId);
    const ctx = await this.context(actor.organisationId, project);
    const now = this.clock.now();
    await this.db.transaction(async (trx) => {
      await this.lockProject(projectId, trx);
      await this.invitations.withdraw(invitationId, now.toISO()!, trx);
      if (
        invitation.status !== 'undeliverable' &&
        invitation.channel === 'email' &&
        invitation.email &&
        invitation.emailConsent
      ) {
        const mail = invitationEmail('withdrawn', {
          ...this.baseContext(invitation, project, ctx),
          meUrl: await this.meUrl(invitation, now, trx),
        });
        await this.outbox.enqueue(trx, {
          organisationId: actor.organisationId,
          kind: 'invitation_withdrawn',
          dedupeKey: `invitation:${invitationId}:withdrawn`,
          to: invitation.email,
          representativeId: invitation.representativeId,
          ...mail,
        });
      }
      if (invitation.status === 'accepted') await this.promoteFromWaitlist(project, ctx, now, trx);
      await this.versions.bump(actor.organisationId, trx);
      await this.record(actor, 'invitation.withdrawn', invitationId, {}, trx);
    });
  }

  /** What the personal link shows. Opening it changes nothing (mail scanners open links too). */
  async view(token: string): Promise<LinkView> {
    if (!isTokenShaped(token)) return { kind: 'unknown' };
    const invitation = await this.invitations.findByTokenHash(hashToken(token));
    if (!invitation) return { kind: 'unknown' };
    const project = await this.project(invitation.organisationId, invitation.projectId);
    const ctx = await this.context(invitation.organisationId, project);
    if (invitation.status === 'expired' || invitation.status === 'withdrawn') {
      return { kind: 'gone', status: invitation.status, facilitator: ctx.facilitator, title: project.title };
    }
    const closed = invitation.expiresAt !== null && Date.parse(invitation.expiresAt) <= this.clock.now().toMillis();
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
    };
  }

  /** The answer through the personal link: until the deadline, and only for an invitation still open. */
  async answerByLink(
    token: string,
    answer: Answer,
  ): Promise<{ kind: 'answered'; status: InvitationStatus } | LinkView> {
    const view = await this.view(token);
    if (view.kind !== 'open') return view;
    if (view.closed) return view;
    const status = await this.answer(view.invitation, answer, null, token);
    return { kind: 'answered', status };
  }

  /**
   * Records an answer. Accepting takes a seat if one is free, else a place on the waitlist; declining after
   * accepting frees the seat for the first on the waitlist, who is told by e-mail. Answering the same twice
   * changes nothing. The project row is locked, so two people cannot take the last seat at once.
   */
  private async answer(
    invitation: Invitation,
    answer: Answer,
    recordedBy: CurrentUser | null,
    token?: string,
  ): Promise<InvitationStatus> {
    const project = await this.project(invitation.organisationId, invitation.projectId);
    const ctx = await this.context(invitation.organisationId, project);
    const now = this.clock.now();
    return this.db.transaction(async (trx) => {
      await this.lockProject(project.id, trx);
      const current = (await this.invitations.find(invitation.organisationId, invitation.id, trx))!;
      const wasOnTeam = current.status === 'accepted';
      let status: InvitationStatus;
      if (answer.accept) {
        if (current.status === 'accepted' || current.status === 'waitlisted') {
          status = current.status;
        } else {
          const taken = await this.invitations.countAccepted(project.id, trx);
          status = taken < project.seats ? 'accepted' : 'waitlisted';
        }
      } else {
        status = 'declined';
      }
      const unchanged =
        status === current.status &&
        current.note === answer.note &&
        (answer.accept ||
          (current.declineReason === answer.declineReason && current.declineText === answer.declineText));
      if (unchanged) return status;
      await this.invitations.setAnswer(
        invitation.id,
        {
          status: status as 'accepted' | 'waitlisted' | 'declined',
          at: now.toISO()!,
          declineReason: answer.accept ? null : answer.declineReason,
          declineText: answer.accept ? '' : answer.declineText,
          note: answer.note,
          recordedBy: recordedBy?.id ?? null,
        },
        trx,
      );
      if (status !== current.status && (status === 'accepted' || status === 'waitlisted') && this.canEmail(current)) {
        await this.mailAbout(status, current, project, ctx, now, trx, token);
      }
      if (wasOnTeam && status === 'declined') await this.promoteFromWaitlist(project, ctx, now, trx);
      await this.versions.bump(invitation.organisationId, trx);
      await this.audit.record(
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
        trx,
      );
      if (status !== current.status) await this.notifyFacilitator(project, current, status, ctx.organisationName, trx);
      return status;
    });
  }

  /**
   * For a meeting about to move or be cancelled: loads the project and its team now (outside the transaction that
   * follows), and returns what e-mails each member on the team an updated or cancelling calendar entry.
   */
  async prepare(organisationId: number, projectId: number) {
    const project = await this.project(organisationId, projectId);
    const ctx = await this.context(organisationId, project);
    const team = (await this.invitations.forProject(organisationId, projectId)).filter(
      (i) => i.status === 'accepted' && this.canEmail(i),
    );
    return async (trx: Db, meeting: Meeting, change: 'moved' | 'cancelled') => {
      const now = this.clock.now();
      for (const member of team) {
        const mail = meetingChangeEmail(
          change,
          { ...this.baseContext(member, project, ctx), meUrl: await this.meUrl(member, now, trx) },
          meeting,
          this.settings.messageIdDomain,
          now.toISO()!,
        );
        await this.outbox.enqueue(trx, {
          organisationId,
          kind: `meeting_${change}`,
          dedupeKey: `meeting:${meeting.id}:${meeting.sequence}:${member.id}`,
          to: member.email!,
          representativeId: member.representativeId,
          ...mail,
        });
      }
    };
  }

  /** The team, split into those a meeting change reaches by e-mail and those the facilitator must tell. */
  async recipients(organisationId: number, projectId: number): Promise<MeetingRecipients> {
    const team = (await this.invitations.forProject(organisationId, projectId)).filter((i) => i.status === 'accepted');
    return {
      emailed: team.filter((i) => this.canEmail(i)).map((i) => ({ name: i.name })),
      toTell: team
        .filter((i) => !this.canEmail(i))
        .map((i) => ({ name: i.name, channel: i.phone ? 'phone' : i.preferredContact, phone: i.phone })),
    };
  }

  /** The last two weeks' answers to the facilitator's projects, and whether they get each by e-mail. */
  async dashboard(actor: CurrentUser) {
    const since = this.clock.now().minus({ days: 14 }).toISO()!;
    const [answers, notify, undeliverable] = await Promise.all([
      this.invitations.recentAnswers(actor.organisationId, actor.id, since),
      this.invitations.notifyAnswers(actor.id),
      this.invitations.undeliverableFor(actor.organisationId, actor.id),
    ]);
    return { answers, notify, undeliverable };
  }

  async setNotifyAnswers(actor: CurrentUser, on: boolean): Promise<void> {
    await this.invitations.setNotifyAnswers(actor.organisationId, actor.id, on);
  }

  /** A person's invitations, newest first, for their profile. */
  history(actor: CurrentUser, representativeId: number) {
    return this.invitations.forRepresentative(actor.organisationId, representativeId);
  }

  /** One reminder before the deadline to everyone invited by e-mail who has not answered (a scheduled job). */
  async sendReminders(): Promise<number> {
    const now = this.clock.now();
    let sent = 0;
    for (const organisation of await this.organisations.allSettings()) {
      const before = now.plus({ days: organisation.settings.reminderLeadDays }).toISO()!;
      const due = (await this.invitations.dueForReminder(organisation.id, now.toISO()!, before)).filter(
        (i) =>
          !i.sentAt || !i.expiresAt || reminderAt(i.sentAt, i.expiresAt, organisation.settings.reminderLeadDays) <= now,
      );
      const byProject = new Map<number, Invitation[]>();
      for (const invitation of due)
        byProject.set(invitation.projectId, [...(byProject.get(invitation.projectId) ?? []), invitation]);
      for (const [projectId, invitations] of byProject) {
        const project = await this.project(organisation.id, projectId);
        const ctx = await this.context(organisation.id, project);
        for (const invitation of invitations) {
          if (!this.canEmail(invitation)) continue;
          await this.db.transaction(async (trx) => {
            const link = newToken();
            if (!(await this.invitations.markReminded(invitation.id, link.hash, now.toISO()!, trx))) return;
            const mail = invitationEmail('reminder', {
              ...this.baseContext(invitation, project, ctx),
              meUrl: await this.meUrl(invitation, now, trx),
              answerUrl: `${this.settings.baseUrl}/i/${link.token}`,
              expiresAt: invitation.expiresAt,
            });
            await this.outbox.enqueue(trx, {
              organisationId: organisation.id,
              kind: 'invitation_reminder',
              dedupeKey: `invitation:${invitation.id}:reminder`,
              to: invitation.email!,
              representativeId: invitation.representativeId,
              ...mail,
            });
            await this.audit.record(
              {
                organisationId: organisation.id,
                actorType: 'system',
                action: 'invitation.reminded',
                entityType: 'invitation',
                entityId: invitation.id,
              },
              trx,
            );
            sent += 1;
          });
        }
      }
    }
    return sent;
  }

  /** Unanswered invitations past their deadline become expired (a scheduled job). */
  async expireOverdue(): Promise<number> {
    const now = this.clock.now().toISO()!;
    let expired = 0;
    for (const invitation of await this.invitations.dueForExpiry(now)) {
      await this.db.transaction(async (trx) => {
        if (!(await this.invitations.expire(invitation.id, now, trx))) return;
        await this.versions.bump(invitation.organisationId, trx);
        await this.audit.record(
          {
            organisationId: invitation.organisationId,
            actorType: 'system',
            action: 'invitation.expired',
            entityType: 'invitation',
            entityId: invitation.id,
          },
          trx,
        );
        expired += 1;
      });
    }
    return expired;
  }

  private canEmail(invitation: Invitation): boolean {
    return Boolean(invitation.email) && invitation.emailConsent && !invitation.emailUndeliverable;
  }

  private async mailAbout(
    kind: 'accepted' | 'waitlisted' | 'promoted',
    invitation: Invitation,
    project: Project,
    ctx: Awaited<ReturnType<InvitationsService['context']>>,
    now: DateTime,
    trx: Db,
    token?: string,
  ): Promise<void> {
    const context: InvitationContext = {
      ...this.baseContext(invitation, project, ctx),
      meUrl: await this.meUrl(invitation, now, trx),
      answerUrl: token ? `${this.settings.baseUrl}/i/${token}` : undefined,
    };
    const mail = invitationEmail(kind, context);
    const calendar =
      kind === 'waitlisted' ? undefined : meetingsCalendar(context, this.settings.messageIdDomain, now.toISO()!);
    await this.outbox.enqueue(trx, {
      organisationId: invitation.organisationId,
      kind: `invitation_${kind}`,
      // one e-mail per answer: a change of mind later is another event
      dedupeKey: `invitation:${invitation.id}:${kind}:${now.toMillis()}`,
      to: invitation.email!,
      representativeId: invitation.representativeId,
      ...mail,
      attachments: calendar ? [calendar] : [],
    });
  }

  /** A seat is free: the first on the waitlist moves onto the team and is told. */
  private async promoteFromWaitlist(
    project: Project,
    ctx: Awaited<ReturnType<InvitationsService['context']>>,
    now: DateTime,
    trx: Db,
  ): Promise<void> {
    const taken = await this.invitations.countAccepted(project.id, trx);
    if (taken >= project.seats) return;
    const next = await this.invitations.firstWaitlisted(project.organisationId, project.id, trx);
    if (!next) return;
    await this.invitations.promote(next.id, now.toISO()!, trx);
    if (this.canEmail(next)) await this.mailAbout('promoted', next, project, ctx, now, trx);
    await this.audit.record(
      {
        organisationId: project.organisationId,
        actorType: 'system',
        action: 'invitation.promoted',
        entityType: 'invitation',
        entityId: next.id,
      },
      trx,
    );
  }

  private async notifyFacilitator(
    project: Project,
    invitation: Invitation,
    status: InvitationStatus,
    organisationName: string,
    trx: Db,
  ): Promise<void> {
    if (!project.facilitatorUserId) return;
    const facilitator = await this.users.findNotifiable(project.organisationId, project.facilitatorUserId, trx);
    if (!facilitator) return;
    const mail = answerNotice(
      facilitator.locale,
      {
        facilitatorName: facilitator.name,
        representativeName: invitation.name,
        title: project.title,
        status,
        projectUrl: `${this.settings.baseUrl}/projects/${project.id}/invitations`,
      },
      organisationName,
    );
    await this.outbox.enqueue(trx, {
      organisationId: project.organisationId,
      kind: 'answer_notice',
      dedupeKey: `answer-notice:${invitation.id}:${status}:${this.clock.now().toMillis()}`,
      to: facilitator.email,
      userId: facilitator.id,
      ...mail,
    });
  }

  private async mine(actor: CurrentUser, projectId: number, invitationId: number): Promise<Invitation> {
    const invitation = await this.invitations.find(actor.organisationId, invitationId);
    if (!invitation || invitation.projectId !== projectId) throw new AppError(404, 'errors.notFound.body');
    return invitation;
  }

  /** Serialises answers to one project (seats and the waitlist); SQLite has one writer anyway. */
  private async lockProject(projectId: number, trx: Db): Promise<void> {
    if (engineOf(this.db) === 'pg') await trx('projects').where({ id: projectId }).forUpdate().first('id');
  }

  private record(
    actor: CurrentUser,
    action: string,
    invitationId: number,
    details: Record<string, string | number>,
    trx: Db,
  ): Promise<void> {
    return this.audit.record(
      {
        organisationId: actor.organisationId,
        actorType: 'user',
        actorUserId: actor.id,
        action,
        entityType: 'invitation',
        entityId: invitationId,
        details,
      },
      trx,
    );
  }
}
