import type { Tx } from '../../lib/transact.js';
import type { ConsentsRepository } from './consents.repository.js';
import type { ConsentPurpose, Representative } from './representatives.model.js';
import type { RepresentativesRepository } from './representatives.repository.js';

// The seam between the roster and a representative's own page (the participation feature: /me and the
// confirmation of a new address): what the person may read and change of their own record, by the roster's rules.
// Changes run in the caller's transaction, which also bumps the roster version and audits them.

/** The record's owner: one person of one organisation. */
export interface RecordOwner {
  organisationId: number;
  representativeId: number;
}

/** The contact details a person may change on their own page (a new e-mail address only once confirmed). */
export interface OwnContact {
  email: string | null;
  phone: string | null;
  postalAddress: string;
  preferredContact: string;
  languages: string[];
}

export interface OwnRecordDeps {
  representatives: RepresentativesRepository;
  consents: ConsentsRepository;
}

/** A representative's own roster record, as their own page reads and changes it. */
export class OwnRecord {
  constructor(private readonly deps: OwnRecordDeps) {}

  /** The person, unless erased. */
  find(owner: RecordOwner, tx?: Tx): Promise<Representative | undefined> {
    return this.deps.representatives.find(owner.organisationId, owner.representativeId, tx);
  }

  consentPurposes(owner: RecordOwner, tx?: Tx): Promise<Set<ConsentPurpose>> {
    return this.deps.consents.activeConsentPurposes(owner.organisationId, owner.representativeId, tx);
  }

  /** Someone else on the organisation's roster with this address, if anyone. */
  someoneElseWith(owner: RecordOwner, email: string, tx?: Tx): Promise<number | undefined> {
    return this.deps.representatives.findIdByEmail(owner.organisationId, email, owner.representativeId, tx);
  }

  /** A pause the person set themselves, recorded as theirs in the status history. */
  async pause(owner: RecordOwner, from: Representative['status'], until: string, now: string, tx: Tx): Promise<void> {
    const { representatives } = this.deps;
    const { organisationId, representativeId } = owner;
    await representatives.setStatus(organisationId, representativeId, 'paused', until, now, tx);
    await representatives.addStatusChange(
      organisationId,
      representativeId,
      { from, to: 'paused', pausedUntil: until, reason: '', userId: null, by: 'representative', at: now },
      tx,
    );
  }

  /** The end of a pause the person asked for themselves (active again, recorded as theirs). */
  async endPause(owner: RecordOwner, now: string, tx: Tx): Promise<void> {
    const { representatives } = this.deps;
    const { organisationId, representativeId } = owner;
    await representatives.setStatus(organisationId, representativeId, 'active', null, now, tx);
    await representatives.addStatusChange(
      organisationId,
      representativeId,
      { from: 'paused', to: 'active', pausedUntil: null, reason: '', userId: null, by: 'representative', at: now },
      tx,
    );
  }

  updateContact(owner: RecordOwner, contact: OwnContact, now: string, tx: Tx): Promise<void> {
    return this.deps.representatives.updateOwnContact(owner.organisationId, owner.representativeId, contact, now, tx);
  }

  /** A new address the person confirmed through the link sent to it. */
  setEmail(owner: RecordOwner, email: string, now: string, tx: Tx): Promise<void> {
    return this.deps.representatives.setOwnEmail(owner.organisationId, owner.representativeId, email, now, tx);
  }

  /** Stops e-mail: the e-mail consent is withdrawn. */
  async stopEmail(owner: RecordOwner, now: string, tx: Tx): Promise<void> {
    await this.deps.consents.withdrawConsent(owner.organisationId, owner.representativeId, 'email_contact', now, tx);
  }
}
