import type { Clock } from '../lib/clock.js';
import type { Transact } from '../lib/transact.js';
import type { createRepositories } from '../repositories.js';
import type { AuditService } from '../features/audit/audit.service.js';
import type { OrganisationDirectory } from '../features/organisations/organisations.types.js';
import type { OutboxService } from '../features/outbox/outbox.service.js';
import type { RosterVersions } from '../features/representatives/representatives.model.js';
import { SurveysService } from '../features/surveys/surveys.service.js';
import { AreasService } from '../features/areas/areas.service.js';
import { WrittenLanguageService } from '../features/representatives/written-language.service.js';

/**
 * The representatives' voice and representativeness (issue 22): the survey "how was it" (made before the projects,
 * which start a round when one moves to evaluating), the organisation's areas and population shares, and the review of
 * the language representatives are written to.
 */
export function createVoice(deps: {
  transact: Transact;
  repositories: ReturnType<typeof createRepositories>;
  organisations: Pick<OrganisationDirectory, 'name' | 'timeZone'>;
  versions: RosterVersions;
  outbox: OutboxService;
  audit: AuditService;
  clock: Clock;
  baseUrl: string;
}) {
  const { transact, repositories, organisations, versions, outbox, audit, clock, baseUrl } = deps;
  return {
    surveysService: new SurveysService({
      transact,
      surveys: repositories.surveys,
      figures: repositories.surveyFigures,
      projects: repositories.projects,
      organisations,
      outbox,
      audit,
      clock,
      baseUrl,
    }),
    areasService: new AreasService({ transact, areas: repositories.areas, audit, versions, clock }),
    // the language representatives are written to: the one-time review of those who speak Nynorsk (issue 25)
    writtenLanguageService: new WrittenLanguageService({
      transact,
      reviews: repositories.writtenLanguage,
      audit,
      versions,
      clock,
    }),
  };
}
