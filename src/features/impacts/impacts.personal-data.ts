import type { DataSubject, PersonalDataHolder } from '../representatives/personal-data.js';
import type { ImpactsRepository } from './impacts.repository.js';

/** The impacts a person is linked to, in their data copy. */
export class ImpactsPersonalData implements PersonalDataHolder {
  readonly name = 'impacts';

  constructor(private readonly impacts: ImpactsRepository) {}

  async exportFor({ organisationId, representativeId }: DataSubject) {
    const impacts = await this.impacts.forRepresentative(organisationId, representativeId);
    return impacts.map((i) => ({
      project: i.projectTitle,
      whatSaid: i.whatSaid,
      whatChanged: i.whatChanged,
      status: i.status,
      rejectedReason: i.rejectedReason,
      decidedOn: i.decidedOn,
      fedBackAt: i.fedBackAt,
    }));
  }

  /** Erasure changes no impact: the link to the person stays, and shows their pseudonym as the roster does. */
  async eraseFor(): Promise<void> {}
}
