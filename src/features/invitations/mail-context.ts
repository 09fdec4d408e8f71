import { DateTime } from 'luxon';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { newToken } from '../../lib/tokens.js';
import type { Tx } from '../../lib/transact.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { OrganisationSettings } from '../organisations/settings.js';
import type { Meeting, Project, ProjectCatalog } from '../projects/projects.model.js';
import type { UserAccounts } from '../users/users.types.js';
import type { InvitationContext } from './invitation-emails.js';
import type { Invitation, StaffContact } from './invitations.model.js';
import type { InvitationsRepository } from './invitations.repository.js';
import { nextMeetingStart, replyDeadline } from './reply-deadline.js';

/** How long a /me link in an e-mail works. */
export const PARTICIPATION_LINK_DAYS = 180;

/** The honorarium rules valid on a date (the involvement feature's), for the rate an invitation announces. */
export interface HonorariumRates {
  rulesOn(organisationId: number, date: string): Promise<{ hourlyRateOre: number }>;
}

/** Everything an e-mail about one project needs, loaded once per send (or per answer). */
export interface MailContext {
  /** The meetings still held (cancelled ones left out). */
  meetings: Meeting[];
  /** The organisation's settings, with the hourly honorarium valid when the work starts. */
  settings: OrganisationSettings & { hourlyHonorariumOre: number };
  organisationName: string;
  timeZone: string;
  facilitator: { name: string; email: string; phone: string } | null;
}

export interface MailContextDeps {
  invitations: InvitationsRepository;
  projects: Pick<ProjectCatalog, 'find' | 'meetings'>;
  /** The project's facilitator, named in the e-mails. */
  users: Pick<UserAccounts, 'find'>;
  organisations: Pick<OrganisationDirectory, 'settings' | 'name' | 'timeZone'>;
  rates: HonorariumRates;
  clock: Clock;
  settings: { baseUrl: string; messageIdDomain: string };
}

/** Whether the person can be written to by e-mail at all (an address, consent, and no refusal by the server). */
export function canEmail(invitation: Invitation): boolean {
  return Boolean(invitation.email) && invitation.emailConsent && !invitation.emailUndeliverable;
}

/** Whom the person calls: their own contact person, else the project's facilitator (null when neither). */
export function contactPersonOf(invitation: Pick<Invitation, 'contactPerson'>, ctx: MailContext): StaffContact | null {
  if (invitation.contactPerson) return invitation.contactPerson;
  return ctx.facilitator ? { name: ctx.facilitator.name, phone: ctx.facilitator.phone } : null;
}

/**
 * What the invitations feature's e-mails share: the project and its context, the reply deadline, the personal
 * links in each e-mail. Used by sending, answering and the jobs alike.
 */
export class InvitationMail {
  constructor(private readonly deps: MailContextDeps) {}

  get baseUrl(): string {
    return this.deps.settings.baseUrl;
  }

  get messageIdDomain(): string {
    return this.deps.settings.messageIdDomain;
  }

  /** The organisation's project, or 404. */
  async project(organisationId: number, projectId: number): Promise<Project> {
    const project = await this.deps.projects.find(organisationId, projectId);
    if (!project) throw notFound();
    return project;
  }

  /** Everything an e-mail about this project needs, once per send. */
  async context(organisationId: number, project: Project): Promise<MailContext> {
    const { projects, organisations, users } = this.deps;
    const facilitatorId = project.facilitatorUserId;
    const [meetings, settings, organisationName, facilitatorUser, facilitatorContact, timeZone] = await Promise.all([
      projects.meetings(organisationId, project.id),
      organisations.settings(organisationId),
      organisations.name(organisationId),
      facilitatorId ? users.find(organisationId, facilitatorId) : undefined,
      facilitatorId ? this.deps.invitations.staffContact(organisationId, facilitatorId) : undefined,
      organisations.timeZone(organisationId),
    ]);
    const held = meetings.filter((m) => !m.cancelledAt);
    // the rate an invitation announces is the one valid when the work starts, not a change dated later
    const now = this.deps.clock.now().setZone(timeZone);
    const next = nextMeetingStart(held, now);
    const workStarts = next ? DateTime.fromISO(next, { zone: 'utc' }).setZone(timeZone) : now;
    const rules = await this.deps.rates.rulesOn(organisationId, workStarts.toISODate()!);
    return {
      meetings: held,
      settings: { ...settings, hourlyHonorariumOre: rules.hourlyRateOre },
      organisationName,
      timeZone,
      facilitator: facilitatorUser
        ? { name: facilitatorUser.name, email: facilitatorUser.email, phone: facilitatorContact?.phone ?? '' }
        : null,
    };
  }

  /** The reply deadline for an invitation going out now (see reply-deadline.ts). */
  deadline(ctx: MailContext, now: DateTime): DateTime {
    return replyDeadline(now, ctx.settings.invitationExpiryDays, nextMeetingStart(ctx.meetings, now), ctx.timeZone);
  }

  /** The parts of an invitation e-mail that do not depend on its links. */
  baseContext(invitation: Invitation, project: Project, ctx: MailContext): Omit<InvitationContext, 'meUrl'> {
    return {
      locale: invitation.locale,
      name: invitation.name,
      project,
      meetings: ctx.meetings,
      organisationName: ctx.organisationName,
      timeZone: ctx.timeZone,
      facilitator: ctx.facilitator && { name: ctx.facilitator.name, email: ctx.facilitator.email },
      contactPerson: contactPersonOf(invitation, ctx),
      hourlyHonorariumOre: ctx.settings.hourlyHonorariumOre,
      baseUrl: this.deps.settings.baseUrl,
    };
  }

  /** A fresh /me link for one e-mail to the person. */
  meUrl(invitation: Invitation, now: DateTime, tx: Tx): Promise<string> {
    return this.participationLink(invitation.organisationId, invitation.representativeId, tx, now);
  }

  /** A new link to the person's own page, for an e-mail written in this transaction (any feature's e-mail). */
  async participationLink(organisationId: number, representativeId: number, tx: Tx, now = this.deps.clock.now()) {
    const link = newToken();
    await this.deps.invitations.createParticipationLink(
      {
        organisationId,
        representativeId,
        tokenHash: link.hash,
        createdAt: now.toISO()!,
        expiresAt: now.plus({ days: PARTICIPATION_LINK_DAYS }).toISO()!,
      },
      tx,
    );
    return `${this.deps.settings.baseUrl}/me/${link.token}`;
  }
}
