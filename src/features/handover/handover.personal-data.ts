import type { Tx } from '../../lib/transact.js';
import type { DataSubject, Erasure, PersonalDataHolder } from '../representatives/personal-data.js';
import type { HandoverRepository } from './handover.repository.js';

/**
 * A person's contact person in their data copy (the name only: the staff member's phone is theirs, not the
 * person's data); an erasure removes the link, so no one is named as the contact of an anonymised record.
 */
export class ContactPersonPersonalData implements PersonalDataHolder {
  readonly name = 'contactPerson';

  constructor(private readonly handovers: HandoverRepository) {}

  async exportFor({ organisationId, representativeId }: DataSubject, tx?: Tx) {
    const name = await this.handovers.contactNameOf(organisationId, representativeId, tx);
    return name === undefined ? [] : [{ name }];
  }

  async eraseFor({ organisationId, representativeId }: Erasure, tx: Tx): Promise<void> {
    await this.handovers.setContactPerson(organisationId, representativeId, null, tx);
  }
}
