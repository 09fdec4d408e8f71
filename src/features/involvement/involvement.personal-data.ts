import type { Tx } from '../../lib/transact.js';
import type { DataSubject, Erasure, PersonalDataHolder } from '../representatives/personal-data.js';
import type { InvolvementRepository } from './involvement.repository.js';

/** A person's logged involvement in their data copy; erasure keeps the hours and removes what was written. */
export class InvolvementPersonalData implements PersonalDataHolder {
  readonly name = 'involvement';

  constructor(private readonly involvement: InvolvementRepository) {}

  async exportFor({ organisationId, representativeId }: DataSubject) {
    const entries = await this.involvement.forRepresentative(organisationId, representativeId);
    return entries.map((e) => ({
      project: e.projectTitle,
      date: e.occurredOn,
      activity: e.activity,
      attended: e.attended,
      inPerson: e.inPerson,
      minutes: e.minutes,
      preparationMinutes: e.preparationMinutes,
      levelDelivered: e.levelDelivered,
      asPartOfPaidJob: e.asPartOfPaidJob,
      paymentDeclined: e.paymentDeclined,
      honorariumOre: e.honorariumOre,
      honorariumRuleVersion: e.honorariumRuleVersion,
      travelCostOre: e.travelCostOre,
      note: e.note,
    }));
  }

  /** The hours stay, under the pseudonym, for the statistics; what was written about the person goes. */
  async eraseFor({ organisationId, representativeId }: Erasure, tx: Tx): Promise<void> {
    await this.involvement.eraseNotes(organisationId, representativeId, tx);
  }
}
