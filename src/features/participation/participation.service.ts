import { type Locale } from '../../config.js';
import { DateTime } from 'luxon';
import type { Clock } from '../../lib/clock.js';
import { hashToken, isTokenShaped } from '../../lib/tokens.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Invitation } from '../invitations/invitations.model.js';
import type { OwnContact, OwnRecord } from '../representatives/own-record.js';
import type { Representative, RosterVersions } from '../representatives/representatives.model.js';
import type { CurrentUser } from '../users/users.types.js';
import type { OrganisationNames, RequestKind } from './participation.model.js';
import type { ParticipationRepository } from './participation.repository.js';

/** The longest pause a person can set themselves. */
export const MAX_PAUSE_MONTHS = 24;

export type MeView =
  | {
      kind: 'open';
      representative: Representative;
      organisationName: string;
      timeZone: string;
      emailConsent: boolean;
      invitations: Array<Invitation & { projectTitle: string }>;
      openRequests: RequestKind[];
      /** The person's named contact at the organisation: name and work phone. */
      contactPerson: { name: string; phone: string } | null;
    }
  | { kind: 'unknown' }
  | { kind: 'gone' };

interface Owner {
  organisationId: number;
  representativeId: number;
  locale: Locale;
  timeZone: string;
}

/** A person's invitations, as their own page lists them (the invitations feature has them). */
export interface OwnInvitations {
  forRepresentative(
    organisationId: number,
    representativeId: number,
  ): Promise<Array<Invitation & { projectTitle: string }>>;
}

/** A representative's contact person, by user id, while still active (the hand-over feature has them). */
export interface ContactPersonCard {
  activeContactPerson(
    owner: { organisationId: number },
    userId: number | null,
  ): Promise<{ name: string; phone: string } | null>;
}

export interface ParticipationDeps {
  transact: Transact;
  participation: ParticipationRepository;
  ownRecord: OwnRecord;
  invitations: OwnInvitations;
  organisations: OrganisationNames;
  contacts: ContactPersonCard;
  audit: AuditService;
  versions: RosterVersions;
  clock: Clock;
}

/**
 * A representative's own page, opened by the link in any of our e-mails: pause, contact details, languages and
 * preferred contact, stop e-mails, and requests for a copy of their data or erasure (tasks for the facilitators).
 */
export class ParticipationService {
  constructor(private readonly deps: ParticipationDeps) {}

  /** Who the link belongs to, or undefined (unknown) or null (expired). */
  async owner(token: string): Promise<Owner | undefined | null> {
    if (!isTokenShaped(token)) return undefined;
    const link = await this.deps.participation.findLink(hashToken(token));
    if (!link) return undefined;
    if (Date.parse(link.expiresAt) <= this.deps.clock.now().toMillis()) return null;
    return link;
  }

  async view(token: string): Promise<MeView> {
    const owner = await this.owner(token);
    if (owner === undefined) return { kind: 'unknown' };
    if (owner === null) return { kind: 'gone' };
    const [representative, organisationName, timeZone, purposes, invitations, requests] = await Promise.all([
      this.deps.ownRecord.find(owner),
      this.deps.organisations.name(owner.organisationId),
      this.deps.organisations.timeZone(owner.organisationId),
      this.deps.ownRecord.consentPurposes(owner),
      this.deps.invitations.forRepresentative(owner.organisationId, owner.representativeId),
      this.deps.participation.openRequests(owner.organisationId, owner.representativeId),
    ]);
    if (!representative) return { kind: 'unknown' };
    const contactPerson = await this.deps.contacts.activeContactPerson(owner, representative.contactUserId);
    return {
      kind: 'open',
      representative,
      organisationName,
      timeZone,
      emailConsent: purposes.has('email_contact'),
      invitations: invitations.filter((i) => i.status !== 'draft'),
      openRequests: requests.map((r) => r.kind),
      contactPerson,
    };
  }

  /** Checks a pause's end: after today, at most two years ahead. Returns a catalog key when refused. */
  pauseProblem(until: string, zone: string): string | undefined {
    const date = DateTime.fromISO(until, { zone });
    const today = this.deps.clock.now().setZone(zone).startOf('day');
    if (!date.isValid) return 'me.errors.pauseDate';
    if (date <= today) return 'me.errors.pauseFuture';
    if (date > today.plus({ months: MAX_PAUSE_MONTHS })) return 'me.errors.pauseTooLong';
    return undefined;
  }

  async pause(owner: Owner, until: string): Promise<void> {
    await this.change(owner, 'representative.self_paused', (rep, now, tx) =>
      this.deps.ownRecord.pause(owner, rep.status, until, now, tx),
    );
  }

  async endPause(owner: Owner): Promise<void> {
    await this.change(owner, 'representative.self_resumed', async (rep, now, tx) => {
      if (rep.status !== 'paused') return;
      await this.deps.ownRecord.endPause(owner, now, tx);
    });
  }

  /**
   * Saves the person's contact details, except a new e-mail address: that is returned, to be confirmed through a
   * link sent to it (EmailChangeService), and the address on file stays until then. Removing the address is saved.
   */
  async updateContact(owner: Owner, values: OwnContact): Promise<{ newEmail?: string }> {
    let newEmail: string | undefined;
    await this.change(owner, 'representative.self_updated', async (rep, now, tx) => {
      const unchanged = values.email === null || rep.email?.toLowerCase() === values.email.toLowerCase();
      if (!unchanged) newEmail = values.email!;
      const email = values.email === null ? null : rep.email;
      await this.deps.ownRecord.updateContact(owner, { ...values, email }, now, tx);
    });
    return { newEmail };
  }

  /** Stops e-mail: the e-mail consent is withdrawn; a facilitator may still phone or write, as preferred. */
  async stopEmail(owner: Owner): Promise<void> {
    await this.change(owner, 'representative.self_stopped_email', (_rep, now, tx) =>
      this.deps.ownRecord.stopEmail(owner, now, tx),
    );
  }

  async request(owner: Owner, kind: RequestKind): Promise<void> {
    await this.change(owner, `representative.requested_${kind}`, async (rep, now, tx) => {
      await this.deps.participation.addRequest(owner.organisationId, rep.id, kind, now, tx);
    });
  }

  /** Marks a request handled; false when the organisation has no such request. */
  async markHandled(actor: CurrentUser, id: number): Promise<boolean> {
    const result = await this.deps.participation.markHandled(
      actor.organisationId,
      id,
      actor.id,
      this.deps.clock.now().toISO()!,
    );
    if (result === 'done') {
      await this.deps.audit.byUser(actor, 'representative.request_handled', { type: 'representative_request', id });
    }
    return result !== 'missing';
  }

  private async change(
    owner: Owner,
    action: string,
    apply: (rep: Representative, now: string, tx: Tx) => Promise<void>,
  ): Promise<void> {
    const rep = await this.deps.ownRecord.find(owner);
    if (!rep) return;
    const now = this.deps.clock.now().toISO()!;
    await this.deps.transact(async (tx) => {
      await apply(rep, now, tx);
      await this.deps.versions.bump(owner.organisationId, tx);
      await this.deps.audit.record(
        {
          organisationId: owner.organisationId,
          actorType: 'representative',
          actorRepresentativeId: rep.id,
          action,
          entityType: 'representative',
          entityId: rep.id,
        },
        tx,
      );
    });
  }
}
