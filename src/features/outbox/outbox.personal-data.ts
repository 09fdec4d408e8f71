import type { Tx } from '../../lib/transact.js';
import type { DataSubject, Erasure, PersonalDataHolder } from '../representatives/personal-data.js';
import type { OutboxRepository } from './outbox.repository.js';

/** The e-mail sent to a person (metadata only) in their data copy; erasure removes the address and the bodies. */
export class OutboxPersonalData implements PersonalDataHolder {
  readonly name = 'emails';

  constructor(private readonly outbox: OutboxRepository) {}

  async exportFor({ organisationId, representativeId }: DataSubject) {
    const emails = await this.outbox.forRepresentative(organisationId, representativeId);
    return emails.map((m) => ({
      kind: m.kind,
      subject: m.subject,
      to: m.to,
      status: m.status,
      sentAt: m.sentAt,
      contentsDeletedAt: m.bodiesPurgedAt,
    }));
  }

  /** The address and the bodies go, and nothing still queued is sent. */
  async eraseFor({ organisationId, representativeId, pseudonym, at }: Erasure, tx: Tx): Promise<void> {
    await this.outbox.eraseForRepresentative(organisationId, representativeId, pseudonym, at, tx);
  }
}
