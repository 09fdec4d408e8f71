import { DateTime } from 'luxon';
import type { Db } from '../../db.js';
import type { Clock } from '../../lib/clock.js';
import { hashToken, isTokenShaped } from '../../lib/tokens.js';
import type { AuditService } from '../audit/audit.service.js';
import type { InvitationsRepository } from '../invitations/invitations.repository.js';
import type { OrganisationsRepository } from '../organisations/organisations.repository.js';
import type { Representative } from '../representatives/representatives.model.js';
import type { RepresentativesRepository } from '../representatives/representatives.repository.js';
import type { ConsentsRepository } from '../representatives/consents.repository.js';
import type { RosterVersions } from '../representatives/roster-versions.repository.js';
import type { CurrentUser } from '../users/users.types.js';
import type { ParticipationRepository, RequestKind } from './participation.repository.js';

/** The longest pause a person can set themselves. */
export const MAX_PAUSE_MONTHS = 24;

export type MeView =
  | {
      kind: 'open';
      representative: Representative;
      organisationName: string;
      timeZone: string;
      emailConsent: boolean;
      invitations: Awaited<ReturnType<InvitationsRepository['forRepresentative']>>;
      openRequests: RequestKind[];
    }
  | { kind: 'unknown' }
  | { kind: 'gone' };

interface Owner {
  organisationId: number;
  representativeId: number;
  locale: 'nb' | 'en';
  timeZone: string;
}

/**
 * A representative's own page, opened by the link in any of our e-mails: pause, contact details, languages and
 * preferred contact, stop e-mails, and requests for a copy of their data or erasure (tasks for the facilitators).
 */
export class ParticipationService {
  constructor(
    private readonly db: Db,
    private readonly participation: ParticipationRepository,
    private readonly representatives: RepresentativesRepository,
    private readonly consents: ConsentsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly audit: AuditService,
    private readonly versions: RosterVersions,
    private readonly clock: Clock,
  ) {}

  /** Who the link belongs to, or undefined (unknown) or null (expired). */
  async owner(token: string): Promise<Owner | undefined | null> {
    if (!isTokenShaped(token)) return undefined;
    const link = await this.participation.findLink(hashToken(token));
    if (!link) return undefined;
    if (Date.parse(link.expiresAt) <= this.clock.now().toMillis()) return null;
    return link;
  }

  async view(token: string): Promise<MeView> {
    const owner = await this.owner(token);
    if (owner === undefined) return { kind: 'unknown' };
    if (owner === null) return { kind: 'gone' };
    const [representative, organisationName, timeZone, purposes, invitations, requests] = await Promise.all([
      this.representatives.find(owner.organisationId, owner.representativeId),
      this.organisations.name(owner.organisationId),
      this.organisations.timeZone(owner.organisationId),
      this.consents.activeConsentPurposes(owner.organisationId, owner.representativeId),
      this.invitations.forRepresentative(owner.organisationId, owner.representativeId),
      this.participation.openRequests(owner.organisationId, owner.representativeId),
    ]);
    if (!representative) return { kind: 'unknown' };
    return {
      kind: 'open',
      representative,
      organisationName,
      timeZone,
      emailConsent: purposes.has('email_contact'),
      invitations: invitations.filter((i) => i.status !== 'draft'),
      openRequests: requests.map((r) => r.kind),
    };
  }

  /** Checks a pause's end: after today, at most two years ahead. Returns a catalog key when refused. */
  pauseProblem(until: string, zone: string): string | undefined {
    const date = DateTime.fromISO(until, { zone });
    const today = this.clock.now().setZone(zone).startOf('day');
    if (!date.isValid) return 'me.errors.pauseDate';
    if (date <= today) return 'me.errors.pauseFuture';
    if (date > today.plus({ months: MAX_PAUSE_MONTHS })) return 'me.errors.pauseTooLong';
    return undefined;
  }

  async pause(owner: Owner, until: string): Promise<void> {
    await this.change(owner, 'representative.self_paused', async (rep, now, trx) => {
      await this.representatives.setStatus(owner.organisationId, rep.id, 'paused', until, now, trx);
      await this.representatives.addStatusChange(
        owner.organisationId,
        rep.id,
        { from: rep.status, to: 'paused', pausedUntil: until, reason: '', userId: null, by: 'representative', at: now },
        trx,
      );
    });
  }

  async endPause(owner: Owner): Promise<void> {
    await this.change(owner, 'representative.self_resumed', async (rep, now, trx) => {
      if (rep.status !== 'paused') return;
      await this.representatives.setStatus(owner.organisationId, rep.id, 'active', null, now, trx);
      await this.representatives.addStatusChange(
        owner.organisationId,
        rep.id,
        { from: 'paused', to: 'active', pausedUntil: null, reason: '', userId: null, by: 'representative', at: now },
        trx,
      );
    });
  }

  /**
   * Saves the person's contact details, except a new e-mail address: that is returned, to be confirmed through a
   * link sent to it (EmailChangeService), and the address on file stays until then. Removing the address is saved.
   */
  async updateContact(
    owner: Owner,
    values: {
      email: string | null;
      phone: string | null;
      postalAddress: string;
      preferredContact: string;
      languages: string[];
    },
  ): Promise<{ newEmail?: string }> {
    let newEmail: string | undefined;
    await this.change(owner, 'representative.self_updated', async (rep, now, trx) => {
      const unchanged = values.email === null || rep.email?.toLowerCase() === values.email.toLowerCase();
      if (!unchanged) newEmail = values.email!;
      const email = values.email === null ? null : rep.email;
      await this.representatives.updateOwnContact(owner.organisationId, rep.id, { ...values, email }, now, trx);
    });
    return { newEmail };
  }

  /** Stops e-mail: the e-mail consent is withdrawn; a facilitator may still phone or write, as preferred. */
  async stopEmail(owner: Owner): Promise<void> {
    await this.change(owner, 'representative.self_stopped_email', async (rep, now, trx) => {
      await this.consents.withdrawConsent(owner.organisationId, rep.id, 'email_contact', now, trx);
    });
  }

  async request(owner: Owner, kind: RequestKind): Promise<void> {
    await this.change(owner, `representative.requested_${kind}`, async (rep, now, trx) => {
      await this.participation.addRequest(owner.organisationId, rep.id, kind, now, trx);
    });
  }

  /** Open requests for the facilitators' dashboard. */
  openRequests(actor: CurrentUser) {
    return this.participation.openRequests(actor.organisationId);
  }

  /** Marks a request handled; false when the organisation has no such request. */
  async markHandled(actor: CurrentUser, id: number): Promise<boolean> {
    const result = await this.participation.markHandled(actor.organisationId, id, actor.id, this.clock.now().toISO()!);
    if (result === 'done') {
      await this.audit.record({
        organisationId: actor.organisationId,
        actorType: 'user',
        actorUserId: actor.id,
        action: 'representative.request_handled',
        entityType: 'representative_request',
        entityId: id,
      });
    }
    return result !== 'missing';
  }

  private async change(
    owner: Owner,
    action: string,
    apply: (rep: Representative, now: string, trx: Db) => Promise<void>,
  ): Promise<void> {
    const rep = await this.representatives.find(owner.organisationId, owner.representativeId);
    if (!rep) return;
    const now = this.clock.now().toISO()!;
    await this.db.transaction(async (trx) => {
      await apply(rep, now, trx);
      await this.versions.bump(owner.organisationId, trx);
      await this.audit.record(
        {
          organisationId: owner.organisationId,
          actorType: 'representative',
          actorRepresentativeId: rep.id,
          action,
          entityType: 'representative',
          entityId: rep.id,
        },
        trx,
      );
    });
  }
}
