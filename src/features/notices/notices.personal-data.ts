import type { Tx } from '../../lib/transact.js';
import type { DataSubject, Erasure, PersonalDataHolder } from '../representatives/personal-data.js';
import type { NoticesRepository } from './notices.repository.js';

/** The facilitators' notices about a person, in their data copy; erasure deletes them (they name the person). */
export class NoticesPersonalData implements PersonalDataHolder {
  readonly name = 'notices';

  constructor(private readonly notices: NoticesRepository) {}

  async exportFor({ organisationId, representativeId }: DataSubject, tx?: Tx) {
    const notices = await this.notices.forRepresentative(organisationId, representativeId, tx);
    return notices.map((n) => ({
      kind: n.kind,
      date: n.subjectDate,
      skillNb: n.skillNb,
      skillEn: n.skillEn,
      createdAt: n.createdAt,
      seenAt: n.dismissedAt,
    }));
  }

  async eraseFor({ organisationId, representativeId }: Erasure, tx: Tx): Promise<void> {
    await this.notices.deleteForRepresentative(organisationId, representativeId, tx);
  }
}
