import { forbidden } from '../../lib/errors.js';
import type { Clock } from '../../lib/clock.js';
import { LEVELS, type Level, type TeamMember } from '../projects/projects.model.js';
import type { ProjectsService } from '../projects/projects.service.js';
import { teamForSupervisor } from '../projects/supervisor-team.js';
import type { CurrentUser } from '../users/users.types.js';
import type { ProjectResults } from './results.model.js';
import type { ResultsRepository } from './results.repository.js';

export interface ResultsServiceDeps {
  results: ResultsRepository;
  /** The project (404 when it is not the organisation's). */
  projects: Pick<ProjectsService, 'get'>;
  /** The project's team (who accepted, and who consented to be named in reports). */
  team: { team(organisationId: number, projectId: number): Promise<TeamMember[]> };
  clock: Clock;
}

const READERS = new Set(['facilitator', 'admin', 'supervisor']);

/**
 * A project's results (issue 21, item 1): what it set out to do, who took part, what it delivered and what changed,
 * by the rules of what supervisors see (docs/domain.md), for every reader alike.
 */
export class ResultsService {
  constructor(private readonly deps: ResultsServiceDeps) {}

  async forProject(actor: CurrentUser, projectId: number): Promise<ProjectResults> {
    if (!READERS.has(actor.role)) throw forbidden();
    const p = await this.deps.projects.get(actor, projectId);
    const [members, figures] = await Promise.all([
      this.deps.team.team(actor.organisationId, projectId),
      this.deps.results.figures(actor.organisationId, projectId, this.deps.clock.now().toUTC().toISO()!),
    ]);
    const team = teamForSupervisor(members);
    const delivered = new Set(figures.levels.filter((l) => l.entries > 0).map((l) => l.level));
    const highestDelivered = [...LEVELS].reverse().find((l: Level) => delivered.has(l)) ?? null;
    return {
      project: {
        id: p.id,
        title: p.title,
        purpose: p.purpose,
        whatMatters: p.whatMatters,
        phase: p.phase,
        targetLevel: p.targetLevel,
        startsOn: p.startsOn,
        endsOn: p.endsOn,
        unitName: p.unitName,
        ownerName: p.ownerName,
        facilitatorName: p.facilitatorName,
        seats: p.seats,
      },
      named: team.named.map((m) => m.name),
      filled: p.filled,
      namedOnTeam: p.namedOnTeam,
      figures,
      highestDelivered,
    };
  }
}
