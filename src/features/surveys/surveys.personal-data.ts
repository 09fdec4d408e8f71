import type { DataSubject, PersonalDataHolder } from '../representatives/personal-data.js';
import type { SurveysRepository } from './surveys.repository.js';

/**
 * A person's surveys in their data copy: which projects asked them how it was, and whether they answered. The
 * answers themselves are not the person's data in Medvirk's keeping: they were stored without the link or the
 * person, so nothing can find them again (and an erasure has nothing of theirs to remove; the link stays so that it
 * can say it no longer works).
 */
export class SurveysPersonalData implements PersonalDataHolder {
  readonly name = 'surveys';

  constructor(private readonly surveys: SurveysRepository) {}

  exportFor({ organisationId, representativeId }: DataSubject) {
    return this.surveys.forRepresentative(organisationId, representativeId);
  }

  async eraseFor(): Promise<void> {
    // nothing to erase: the links hold no more than "asked" and "answered", and the person row itself is anonymised
  }
}
