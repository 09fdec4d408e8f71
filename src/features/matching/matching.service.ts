import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { searchKey } from '../../lib/text.js';
import { VersionedCache } from '../../lib/versioned-cache.js';
import type { OrganisationDirectory } from '../organisations/organisations.types.js';
import type { Project, ProjectCatalog, Requirement } from '../projects/projects.model.js';
import type { Skill } from '../skills/skills.model.js';
import type { CurrentUser } from '../users/users.types.js';
import { baseCandidates, withProjectState } from './candidates.js';
import { attainableScore, explainExclusions, match, type ExclusionDetail, type MatchResult } from './matching.js';
import type { MatchingRepository } from './matching.repository.js';

/** How many ranked candidates the matches page can show (with their reasons), ten at a time. */
export const MATCHES_SHOWN = 50;

/** How many the matches page shows at first, and how many more each "show more" adds. */
export const MATCHES_STEP = 10;

/**
 * How many ranked candidates to show for a `shown` query or form value: a whole number from MATCHES_STEP to
 * MATCHES_SHOWN, anything else (missing, not a number, out of range, repeated) falls back to MATCHES_STEP.
 */
export function shownCount(value: unknown): number {
  if (typeof value !== 'string' || !/^\d{1,3}$/.test(value)) return MATCHES_STEP;
  const n = Number(value);
  return n >= MATCHES_STEP && n <= MATCHES_SHOWN ? n : MATCHES_STEP;
}

/** A person a name search on the matches page finds: their rank, or why the matching leaves them out. */
export interface FoundPerson {
  id: number;
  name: string;
  rank: number | null;
  reasons: ExclusionDetail[];
}

/** What matching reads of a project: the project itself, its requirements and its team. */
export type MatchingProjects = Pick<ProjectCatalog, 'find' | 'requirements' | 'team'>;

export interface MatchingServiceDeps {
  projects: MatchingProjects;
  organisations: Pick<OrganisationDirectory, 'settings'>;
  /** The organisation's skills, to know which are lived experience (the skills feature). */
  skills: { list(organisationId: number): Promise<Skill[]> };
  matching: Pick<MatchingRepository, 'base' | 'skills' | 'projectState'>;
  clock: Clock;
}

/**
 * Matching representatives to a project: reads what the pure core (matching.ts) needs, caches the parts that do not
 * depend on the project by organisation, roster version and day, and reuses a result while its inputs are unchanged.
 */
export class MatchingService {
  /** Shared by all organisations: the base, candidates and results of the most recently used (org, version) pairs. */
  private readonly cache = new VersionedCache({ capacity: 50 });
  private readonly projects: MatchingProjects;
  private readonly organisations: MatchingServiceDeps['organisations'];
  private readonly skills: MatchingServiceDeps['skills'];
  private readonly matching: MatchingServiceDeps['matching'];
  private readonly clock: Clock;

  constructor(deps: MatchingServiceDeps) {
    this.projects = deps.projects;
    this.organisations = deps.organisations;
    this.skills = deps.skills;
    this.matching = deps.matching;
    this.clock = deps.clock;
  }

  /** Ranked candidates with reasons, the exclusions counted, and the people a name search finds. */
  async matches(
    actor: CurrentUser,
    id: number,
    q?: string,
  ): Promise<{
    project: Project;
    requirements: Requirement[];
    result: MatchResult;
    found: FoundPerson[];
    /** The score of a perfect fit for this project; null when it has no requirements (nothing to fit). */
    maxScore: number | null;
    /** How many people are on the shortlist (draft invitations). */
    shortlisted: number;
  }> {
    const project = await this.projects.find(actor.organisationId, id);
    if (!project) throw notFound();
    const [requirements, team, settings, allSkills] = await Promise.all([
      this.projects.requirements(id),
      this.projects.team(actor.organisationId, id),
      this.organisations.settings(actor.organisationId),
      this.skills.list(actor.organisationId),
    ]);
    const lived = new Set(allSkills.filter((s) => s.category === 'lived_experience').map((s) => s.id));
    const now = this.clock.now().setZone(actor.timeZone);
    const today = now.toISODate()!;
    // the parts that do not depend on this project are cached until the roster changes or the day turns
    const scope = { organisationId: actor.organisationId, version: actor.rosterVersion };
    const baseKey = `${actor.organisationId}|${actor.rosterVersion}|${today}`;
    const skillIds = requirements.map((r) => r.skillId).sort((a, b) => a - b);
    const [fixed, state] = await Promise.all([
      this.cache.get(scope, `candidates|${today}|${skillIds.join(',')}`, async () => {
        const [base, skills] = await Promise.all([
          this.cache.get(scope, `base|${today}`, () =>
            this.matching.base(actor.organisationId, now.minus({ months: 12 }).toISODate()!),
          ),
          this.matching.skills(skillIds),
        ]);
        // training that expired before today counts no longer (the key holds the day: it turns with the date)
        return baseCandidates(base, skills, lived, today);
      }),
      this.matching.projectState(actor.organisationId, project, today),
    ]);
    const candidates = withProjectState(fixed, state);
    const teamIds = new Set(
      team.filter((m) => m.status !== 'draft' && m.status !== 'undeliverable').map((m) => m.representativeId),
    );
    // the team is a handful of people: find them without indexing all candidates
    const teamMembers = teamIds.size ? candidates.filter((c) => teamIds.has(c.id)) : [];
    const matchProject = {
      id,
      startsOn: project.startsOn,
      endsOn: project.endsOn,
      requirements: requirements.map((r) => ({
        skillId: r.skillId,
        must: r.must,
        minLevel: r.minLevel,
        livedExperience: r.category === 'lived_experience',
      })),
      workingLanguages: project.workingLanguages,
      team: teamMembers.map((c) => ({
        kind: c.kind,
        area: c.area,
        livedExperienceSkillIds: c.livedExperienceSkillIds,
      })),
    };
    // the core is deterministic: the same input gives the same result, so a result is reused for as long as
    // everything it was computed from is unchanged (the roster version and day, the project's requirements and
    // period, the weights, and this request's fresh reading of invitations and other engagements)
    const inputKey = JSON.stringify([
      baseKey,
      matchProject.requirements,
      project.startsOn,
      project.endsOn,
      project.workingLanguages,
      settings.matchingWeights,
      settings.defaultPersonalLoadCap,
      [...state.invitations].sort((a, b) => a[0] - b[0]),
      [...state.load].sort((a, b) => a[0] - b[0]),
    ]);
    // the core is synchronous: the executor turns a throw into a rejection, which the cache does not keep
    const result = await this.cache.get(
      scope,
      `result|${id}|${inputKey}`,
      () =>
        new Promise<MatchResult>((resolve) =>
          resolve(
            match(matchProject, candidates, {
              today,
              weights: settings.matchingWeights,
              defaultLoadCap: settings.defaultPersonalLoadCap,
              explainTop: MATCHES_SHOWN,
            }),
          ),
        ),
    );
    let found: FoundPerson[] = [];
    if (q && q.trim()) {
      const key = searchKey(q);
      const ranks = new Map(result.ranked.map((r, i) => [r.id, i + 1]));
      found = candidates
        .filter((c) => searchKey(c.name).includes(key))
        .slice(0, 10)
        .map((c) => ({
          id: c.id,
          name: c.name,
          rank: ranks.get(c.id) ?? null,
          // the skills, consent or contact details behind each reason, for the few people looked up
          reasons: result.excluded.has(c.id)
            ? explainExclusions(c, matchProject, today, settings.defaultPersonalLoadCap)
            : [],
        }));
    }
    return {
      project,
      requirements,
      result,
      found,
      maxScore: requirements.length ? attainableScore(matchProject, settings.matchingWeights) : null,
      shortlisted: team.filter((m) => m.status === 'draft').length,
    };
  }
}
