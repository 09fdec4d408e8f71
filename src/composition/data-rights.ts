import type { createRepositories } from '../repositories.js';
import { DataRightsService, type DataRightsDeps } from '../features/representatives/data-rights.service.js';
import { InvitationsPersonalData } from '../features/invitations/invitations.personal-data.js';
import { OutboxPersonalData } from '../features/outbox/outbox.personal-data.js';
import { InvolvementPersonalData } from '../features/involvement/involvement.personal-data.js';
import { ImpactsPersonalData } from '../features/impacts/impacts.personal-data.js';
import { NoticesPersonalData } from '../features/notices/notices.personal-data.js';
import { SurveysPersonalData } from '../features/surveys/surveys.personal-data.js';
import { ContactPersonPersonalData } from '../features/handover/handover.personal-data.js';

/**
 * A representative's data rights (copy, erasure, review) over every feature that holds their personal data: a
 * feature that starts holding some adds its PersonalDataHolder here, in the order of its section in the copy.
 */
export function createDataRights(
  deps: Omit<DataRightsDeps, 'holders' | 'dataRights'> & { repositories: ReturnType<typeof createRepositories> },
): DataRightsService {
  const { repositories, ...rest } = deps;
  return new DataRightsService({
    ...rest,
    dataRights: repositories.dataRights,
    holders: [
      new InvitationsPersonalData(repositories.invitations),
      new OutboxPersonalData(repositories.outbox),
      new InvolvementPersonalData(repositories.involvement),
      new ImpactsPersonalData(repositories.impacts),
      new NoticesPersonalData(repositories.notices),
      new ContactPersonPersonalData(repositories.handovers),
      new SurveysPersonalData(repositories.surveys),
    ],
  });
}
