import type { Clock } from '../../lib/clock.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact, Tx } from '../../lib/transact.js';
import type { AuditDetails, AuditService } from '../audit/audit.service.js';
import type { ContactPersons } from '../handover/handover.model.js';
import type { MatchResult } from '../matching/matching.types.js';
import type { Skill } from '../skills/skills.model.js';
import type { CurrentUser } from '../users/users.types.js';
import type { RosterFilter, RosterVersions } from './representatives.model.js';
import type { RepresentativesRepository } from './representatives.repository.js';
import type { RosterBulkRepository } from './roster-bulk.repository.js';
import {
  BULK_MAX_PEOPLE,
  planBulk,
  type BulkAction,
  type BulkPerson,
  type BulkPlan,
  type MatchVerdict,
} from './roster-bulk.js';

/** Who a bulk change is about: the people ticked on the roster, or everyone the roster's filter matches. */
export type BulkSelection = { scope: 'selected'; ids: number[] } | { scope: 'all'; filter: RosterFilter };

/** A bulk action as the form gives it, before the service has checked the skill, user or project it names. */
export type BulkRequest =
  | { kind: 'addSkill'; skillId: number; level: number }
  | { kind: 'removeSkill'; skillId: number }
  | Exclude<BulkAction, { kind: 'addSkill' } | { kind: 'removeSkill' }>;

/** What the confirmation shows and the change does: the plan, and how many chosen ids no longer resolve. */
export interface BulkPreview {
  action: BulkAction;
  plan: BulkPlan;
  /** Ids that are not (or no longer) people of this organisation: erased meanwhile, or never this organisation's. */
  missing: number;
  /** The ids resolved, for the hidden fields of "only the selected". */
  ids: number[];
}

export type BulkOutcome =
  | { changed: number; skipped: number }
  | { refused: 'missing' | 'changed' | 'empty' | 'tooMany'; preview?: BulkPreview };

export interface RosterBulkDeps {
  transact: Transact;
  bulk: RosterBulkRepository;
  representatives: Pick<RepresentativesRepository, 'matchingIds'>;
  skills: { find(actor: Pick<CurrentUser, 'organisationId'>, id: number): Promise<Skill | undefined> };
  /** Matching's verdict on everyone for one project (the shortlist applies its exclusions). */
  matching: { matches(actor: CurrentUser, projectId: number): Promise<{ result: MatchResult }> };
  /** The hand-over feature sets contact persons (it audits each person and e-mails the colleague). */
  contactPersons: Pick<ContactPersons, 'assignMany'>;
  audit: AuditService;
  versions: RosterVersions;
  clock: Clock;
}

const representative = (id: number) => ({ type: 'representative', id });

/**
 * A change to many people of the roster at once. The confirmation and the change read the same state and apply the
 * same rules (roster-bulk.ts); the change runs in one transaction, audits each person as the profile's forms do and
 * bumps the roster version once. People are resolved within the actor's organisation only.
 */
export class RosterBulkService {
  constructor(private readonly deps: RosterBulkDeps) {}

  /** The contact persons and projects the roster's bulk form offers. */
  async choices(actor: CurrentUser) {
    return this.deps.bulk.choices(actor.organisationId, this.deps.clock.now().setZone(actor.timeZone).toISODate()!);
  }

  /** Checks what the action names (the skill, the contact person, the project); a problem is shown by its field. */
  async checkAction(actor: CurrentUser, request: BulkRequest): Promise<BulkAction | FieldProblem> {
    if (request.kind === 'addSkill' || request.kind === 'removeSkill') {
      const skill = await this.deps.skills.find(actor, request.skillId);
      if (!skill || (request.kind === 'addSkill' && skill.archived))
        return { field: 'bulkSkillId', key: 'representatives.errors.skillUnknown' };
      if (request.kind === 'removeSkill') return request;
      return { ...request, livedExperience: skill.category === 'lived_experience' };
    }
    if (request.kind === 'status' && request.status === 'paused') {
      if (!request.pausedUntil) return { field: 'bulkPausedUntil', key: 'representatives.errors.pauseEndNeeded' };
      // the pause starts today, so it must end after today (as on the profile)
      if (request.pausedUntil <= this.deps.clock.now().setZone(actor.timeZone).toISODate()!)
        return { field: 'bulkPausedUntil', key: 'representatives.errors.pauseEndsBeforeStart' };
    }
    const { staff, projects } = await this.choices(actor);
    if (request.kind === 'contact' && !staff.some((s) => s.id === request.userId))
      return { field: 'bulkContact', key: 'bulk.errors.contactUnknown' };
    if (request.kind === 'shortlist' && !projects.some((p) => p.id === request.projectId))
      return { field: 'bulkProject', key: 'bulk.errors.projectUnknown' };
    return request;
  }

  /** The chosen ids, or everyone the filter matches, that are the organisation's people and not erased. */
  private async resolve(actor: CurrentUser, selection: BulkSelection, tx?: Tx) {
    const org = actor.organisationId;
    const wanted =
      selection.scope === 'all'
        ? await this.deps.representatives.matchingIds(org, selection.filter, tx)
        : [...new Set(selection.ids)];
    const people = wanted.length > BULK_MAX_PEOPLE ? [] : await this.deps.bulk.people(org, wanted, tx);
    return { wanted: wanted.length, people };
  }

  /** Each person's state as the action needs it, read in a few batched queries. */
  private async states(
    actor: CurrentUser,
    action: BulkAction,
    people: Array<{ id: number; name: string; status: BulkPerson['status']; contactUserId: number | null }>,
    verdicts: Map<number, MatchVerdict> | undefined,
    tx?: Tx,
  ): Promise<BulkPerson[]> {
    const ids = people.map((p) => p.id);
    const { bulk } = this.deps;
    const levels =
      action.kind === 'addSkill' || action.kind === 'removeSkill'
        ? await bulk.skillLevels(ids, action.skillId, tx)
        : new Map<number, number>();
    const purpose =
      action.kind === 'consent'
        ? action.purpose
        : action.kind === 'addSkill' && action.livedExperience
          ? 'health_experience'
          : undefined;
    const consenting = purpose ? await bulk.withConsent(actor.organisationId, ids, purpose, tx) : new Set<number>();
    return people.map((p) => ({
      ...p,
      skillLevel: levels.get(p.id) ?? 0,
      consents: new Set(purpose && consenting.has(p.id) ? [purpose] : []),
      match: verdicts?.get(p.id),
    }));
  }

  /** Matching's verdict for each person on the project, read before any transaction (matching has its own reads). */
  private async verdicts(actor: CurrentUser, action: BulkAction): Promise<Map<number, MatchVerdict> | undefined> {
    if (action.kind !== 'shortlist') return undefined;
    const { result } = await this.deps.matching.matches(actor, action.projectId);
    const out = new Map<number, MatchVerdict>();
    for (const r of result.ranked) out.set(r.id, { eligible: true, shortlisted: r.shortlisted });
    for (const [id, reasons] of result.excluded) out.set(id, { eligible: false, reasons });
    return out;
  }

  /** What the action would do: the confirmation page. */
  async preview(
    actor: CurrentUser,
    selection: BulkSelection,
    action: BulkAction,
  ): Promise<BulkPreview | { refused: 'empty' | 'tooMany' }> {
    const { wanted, people } = await this.resolve(actor, selection);
    if (wanted > BULK_MAX_PEOPLE) return { refused: 'tooMany' };
    if (wanted === 0) return { refused: 'empty' };
    const states = await this.states(actor, action, people, await this.verdicts(actor, action));
    return { action, plan: planBulk(action, states), missing: wanted - people.length, ids: people.map((p) => p.id) };
  }

  /**
   * Makes the change confirmed for `expected` people, or refuses and changes nothing when the roster moved since the
   * confirmation (someone erased, more or fewer people matching): the user then confirms the new count.
   */
  async apply(
    actor: CurrentUser,
    selection: BulkSelection,
    action: BulkAction,
    expected: number,
  ): Promise<BulkOutcome> {
    const verdicts = await this.verdicts(actor, action);
    const now = this.deps.clock.now().toISO()!;
    return this.deps.transact(async (tx): Promise<BulkOutcome> => {
      const { wanted, people } = await this.resolve(actor, selection, tx);
      if (wanted > BULK_MAX_PEOPLE) return { refused: 'tooMany' };
      if (wanted === 0) return { refused: 'empty' };
      const plan = planBulk(action, await this.states(actor, action, people, verdicts, tx));
      const preview = { action, plan, missing: wanted - people.length, ids: people.map((p) => p.id) };
      if (preview.missing > 0) return { refused: 'missing', preview };
      if (plan.change.length !== expected) return { refused: 'changed', preview };
      if (plan.change.length) {
        await this.write(actor, action, plan.change, now, tx);
        await this.deps.versions.bump(actor.organisationId, tx);
      }
      return { changed: plan.change.length, skipped: plan.skipped.length };
    });
  }

  private async write(actor: CurrentUser, action: BulkAction, people: BulkPerson[], now: string, tx: Tx) {
    const { bulk, audit } = this.deps;
    const org = actor.organisationId;
    const ids = people.map((p) => p.id);
    const each = (details: (p: BulkPerson) => AuditDetails) =>
      people.map((p) => ({ entity: representative(p.id), details: details(p) }));
    switch (action.kind) {
      case 'addSkill':
        await bulk.setSkill(ids, action, tx);
        await bulk.touch(org, ids, now, tx);
        return audit.byUserMany(
          actor,
          'representative.skill_set',
          each(() => ({ skillId: action.skillId, level: action.level })),
          tx,
        );
      case 'removeSkill':
        await bulk.removeSkill(ids, action.skillId, tx);
        return audit.byUserMany(
          actor,
          'representative.skill_removed',
          each(() => ({ skillId: action.skillId })),
          tx,
        );
      case 'consent':
        await bulk.giveConsents(
          org,
          ids,
          { purpose: action.purpose, method: action.method, at: now, userId: actor.id },
          tx,
        );
        return audit.byUserMany(
          actor,
          'representative.consent_given',
          each(() => ({ purpose: action.purpose, method: action.method })),
          tx,
        );
      case 'status': {
        const until = action.status === 'paused' ? action.pausedUntil : null;
        await bulk.setStatus(
          org,
          people.map((p) => ({ id: p.id, from: p.status })),
          { to: action.status, pausedUntil: until, reason: action.reason, userId: actor.id, at: now },
          tx,
        );
        return audit.byUserMany(
          actor,
          'representative.status_changed',
          each((p) => ({ from: p.status, to: action.status })),
          tx,
        );
      }
      case 'contact':
        // a changed contact person is a hand-over: audited per person, one e-mail to the colleague
        return this.deps.contactPersons.assignMany(
          actor,
          people.map((p) => ({ id: p.id, from: p.contactUserId })),
          action.userId,
          tx,
        );
      case 'shortlist':
        await bulk.shortlist(org, action.projectId, ids, actor.id, now, tx);
        // as the matches page's shortlist button audits it: on the project, naming the person by id
        return audit.byUserMany(
          actor,
          'project.shortlisted',
          people.map((p) => ({
            entity: { type: 'project', id: action.projectId },
            details: { representativeId: p.id },
          })),
          tx,
        );
    }
  }
}
