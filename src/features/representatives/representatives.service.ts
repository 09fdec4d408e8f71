import type { Db } from '../../db.js';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { VersionedCache } from '../../lib/versioned-cache.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditEvent, AuditRepository } from '../audit/audit.repository.js';
import type { SkillsRepository } from '../skills/skills.repository.js';
import type { CurrentUser } from '../users/users.types.js';
import type { RosterVersions } from './roster-versions.repository.js';
import type {
  Consent,
  ConsentMethod,
  ConsentPurpose,
  Representative,
  RepresentativeInput,
  RepresentativeSkill,
  RosterFilter,
  RosterRow,
  RosterSort,
  Status,
  StatusChange,
} from './representatives.model.js';
import type { RepresentativesRepository } from './representatives.repository.js';
import type { ConsentsRepository } from './consents.repository.js';
import type { RepresentativeSkillsRepository } from './representative-skills.repository.js';

export const ROSTER_PAGE_SIZE = 25;

export interface Problem {
  field: string;
  key: string;
  /** For "already on the roster": the existing person's id, to link to. */
  existingId?: number;
}

export interface Profile {
  representative: Representative;
  skills: RepresentativeSkill[];
  consents: Consent[];
  activeConsents: Set<ConsentPurpose>;
  statusHistory: StatusChange[];
  accessLog: AuditEvent[];
}

// who may move to which status; "paused" always needs an end date
const TRANSITIONS: Record<Status, Status[]> = {
  prospective: ['active', 'retired'],
  active: ['paused', 'retired'],
  paused: ['active', 'paused', 'retired'],
  retired: ['active'],
};

/** The roster: representatives, their skills, consents and status, with the rules docs/domain.md sets. */
export class RepresentativesService {
  /** Roster counts, keyed by organisation, roster version and filter. */
  private readonly counts = new VersionedCache({ capacity: 5000 });
  /** The roster's areas (for the filter), keyed by organisation and roster version. */
  private readonly areas = new VersionedCache({ capacity: 1000 });

  constructor(
    private readonly db: Db,
    private readonly representatives: RepresentativesRepository,
    private readonly consents: ConsentsRepository,
    private readonly representativeSkills: RepresentativeSkillsRepository,
    private readonly skills: SkillsRepository,
    private readonly auditRepository: AuditRepository,
    private readonly audit: AuditService,
    private readonly versions: RosterVersions,
    private readonly clock: Clock,
  ) {}

  private today(zone: string): string {
    return this.clock.now().setZone(zone).toISODate()!;
  }

  /**
   * One page of the roster with the matching and total counts. Counts over thousands of people are the costly
   * part, so they are cached until the roster changes (the version is read with the session).
   */
  async page(
    actor: CurrentUser,
    filter: RosterFilter,
    sort: RosterSort,
    page: number,
  ): Promise<{
    rows: RosterRow[];
    skillsByRep: Map<number, RepresentativeSkill[]>;
    matching: number;
    total: number;
    areas: string[];
  }> {
    const org = actor.organisationId;
    const version = actor.rosterVersion;
    const scope = { organisationId: org, version };
    const cached = (key: string, load: () => Promise<number>) => this.counts.get(scope, key, load);
    const filterKey = JSON.stringify(filter);
    const [rows, matching, total, areas] = await Promise.all([
      this.representatives.list(org, filter, sort, ROSTER_PAGE_SIZE, (page - 1) * ROSTER_PAGE_SIZE),
      cached(filterKey, () => this.representatives.count(org, filter)),
      cached('all', () => this.representatives.count(org, { skillIds: [], minLevel: 1 })),
      this.areas.get(scope, 'areas', () => this.representatives.areas(org)),
    ]);
    // the list shows the levels of the skills searched for; without a skill filter it shows none
    const skillsByRep = filter.skillIds.length
      ? await this.representativeSkills.skillsOf(
          org,
          rows.map((r) => r.id),
          filter.skillIds,
        )
      : new Map<number, RepresentativeSkill[]>();
    return { rows, skillsByRep, matching, total, areas };
  }

  async get(actor: CurrentUser, id: number): Promise<Representative> {
    const rep = await this.representatives.find(actor.organisationId, id);
    if (!rep) throw new AppError(404, 'errors.notFound.body');
    return rep;
  }

  /**
   * The whole profile; viewing it is an audited action (it holds health-related data). A form on the profile
   * that comes back with errors shows it again without a second "viewed" event.
   */
  async view(actor: CurrentUser, id: number, options: { audited: boolean } = { audited: true }): Promise<Profile> {
    const representative = await this.get(actor, id);
    if (options.audited)
      await this.audit.record({
        organisationId: actor.organisationId,
        actorType: 'user',
        actorUserId: actor.id,
        action: 'representative.viewed',
        entityType: 'representative',
        entityId: id,
      });
    const [skills, consents, statusHistory, accessLog] = await Promise.all([
      this.representativeSkills.skillsOf(actor.organisationId, [id]).then((m) => m.get(id) ?? []),
      this.consents.consents(actor.organisationId, id),
      this.representatives.statusHistory(actor.organisationId, id),
      this.auditRepository.forEntity(actor.organisationId, 'representative', id, 30),
    ]);
    const activeConsents = new Set(consents.filter((c) => !c.withdrawnAt).map((c) => c.purpose));
    return { representative, skills, consents, activeConsents, statusHistory, accessLog };
  }

  private async duplicate(actor: CurrentUser, email: string | null, exceptId?: number): Promise<Problem | undefined> {
    if (!email) return undefined;
    const existingId = await this.representatives.findIdByEmail(actor.organisationId, email, exceptId);
    return existingId ? { field: 'email', key: 'representatives.errors.emailTaken', existingId } : undefined;
  }

  private record(
    actor: CurrentUser,
    action: string,
    id: number,
    details: Record<string, string | number | boolean | null> = {},
    trx?: Db,
  ) {
    return this.audit.record(
      {
        organisationId: actor.organisationId,
        actorType: 'user',
        actorUserId: actor.id,
        action,
        entityType: 'representative',
        entityId: id,
        details,
      },
      trx,
    );
  }

  async create(
    actor: CurrentUser,
    input: RepresentativeInput,
    start: { status: 'prospective' | 'active'; consents: ConsentPurpose[]; method: ConsentMethod },
  ): Promise<number | Problem> {
    const problem = await this.duplicate(actor, input.email);
    if (problem) return problem;
    const now = this.clock.now().toISO()!;
    return this.db.transaction(async (trx) => {
      const id = await this.representatives.create(actor.organisationId, input, start.status, now, trx);
      await this.representatives.addStatusChange(
        actor.organisationId,
        id,
        { from: null, to: start.status, pausedUntil: null, reason: '', userId: actor.id, at: now },
        trx,
      );
      for (const purpose of start.consents) {
        await this.consents.giveConsent(
          actor.organisationId,
          id,
          { purpose, method: start.method, at: now, userId: actor.id },
          trx,
        );
      }
      await this.versions.bump(actor.organisationId, trx);
      await this.record(
        actor,
        'representative.created',
        id,
        { status: start.status, consents: start.consents.join(',') },
        trx,
      );
      return id;
    });
  }

  /** The mail server said the mailbox or domain does not exist (5.1.x): matching stops offering e-mail contact. */
  async flagEmailUndeliverable(organisationId: number, id: number, address: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const now = this.clock.now().toISO()!;
      const changed = await this.representatives.flagEmailUndeliverable(organisationId, id, address, now, trx);
      if (!changed) return false;
      await this.versions.bump(organisationId, trx);
      await this.audit.record(
        {
          organisationId,
          actorType: 'system',
          action: 'representative.email_undeliverable',
          entityType: 'representative',
          entityId: id,
        },
        trx,
      );
      return true;
    });
  }

  async update(actor: CurrentUser, id: number, input: RepresentativeInput): Promise<Problem | undefined> {
    await this.get(actor, id);
    const problem = await this.duplicate(actor, input.email, id);
    if (problem) return problem;
    await this.db.transaction(async (trx) => {
      await this.representatives.update(actor.organisationId, id, input, this.clock.now().toISO()!, trx);
      await this.versions.bump(actor.organisationId, trx);
      await this.record(actor, 'representative.updated', id, {}, trx);
    });
    return undefined;
  }

  async changeStatus(
    actor: CurrentUser,
    id: number,
    to: Status,
    pausedUntil: string | null,
    reason: string,
  ): Promise<Problem | undefined> {
    const rep = await this.get(actor, id);
    if (!TRANSITIONS[rep.status].includes(to)) return { field: 'status', key: 'representatives.errors.transition' };
    if (to === 'paused') {
      if (!pausedUntil) return { field: 'pausedUntil', key: 'representatives.errors.pauseEndNeeded' };
      // the pause starts today, so it must end after today
      if (pausedUntil <= this.today(actor.timeZone))
        return { field: 'pausedUntil', key: 'representatives.errors.pauseEndsBeforeStart' };
    }
    const now = this.clock.now().toISO()!;
    const until = to === 'paused' ? pausedUntil : null;
    await this.db.transaction(async (trx) => {
      await this.representatives.setStatus(actor.organisationId, id, to, until, now, trx);
      await this.representatives.addStatusChange(
        actor.organisationId,
        id,
        { from: rep.status, to, pausedUntil: until, reason, userId: actor.id, at: now },
        trx,
      );
      await this.versions.bump(actor.organisationId, trx);
      await this.record(actor, 'representative.status_changed', id, { from: rep.status, to }, trx);
    });
    return undefined;
  }

  /** Adds a skill or changes its level; lived experience only while the health-experience consent stands. */
  async setSkill(
    actor: CurrentUser,
    id: number,
    input: { skillId: number; level: number; since: string | null; expiresOn: string | null },
  ): Promise<Problem | undefined> {
    await this.get(actor, id);
    const skill = await this.skills.find(actor.organisationId, input.skillId);
    if (!skill || skill.archived) return { field: 'skillId', key: 'representatives.errors.skillUnknown' };
    if (skill.category === 'lived_experience') {
      const consents = await this.consents.activeConsentPurposes(actor.organisationId, id);
      if (!consents.has('health_experience'))
        return { field: 'skillId', key: 'representatives.errors.healthConsentNeeded' };
    }
    if (input.expiresOn && skill.category !== 'training')
      return { field: 'expiresOn', key: 'representatives.errors.expiryOnlyTraining' };
    if (input.expiresOn && input.since && input.expiresOn < input.since)
      return { field: 'expiresOn', key: 'representatives.errors.expiresBeforeSince' };
    await this.db.transaction(async (trx) => {
      await this.representativeSkills.setSkill(actor.organisationId, id, input, trx);
      await this.representatives.touch(actor.organisationId, id, this.clock.now().toISO()!, trx);
      await this.versions.bump(actor.organisationId, trx);
      await this.record(actor, 'representative.skill_set', id, { skillId: input.skillId, level: input.level }, trx);
    });
    return undefined;
  }

  async removeSkill(actor: CurrentUser, id: number, skillId: number): Promise<void> {
    await this.get(actor, id);
    await this.db.transaction(async (trx) => {
      await this.representativeSkills.removeSkill(actor.organisationId, id, skillId, trx);
      await this.versions.bump(actor.organisationId, trx);
      await this.record(actor, 'representative.skill_removed', id, { skillId }, trx);
    });
  }

  async giveConsent(
    actor: CurrentUser,
    id: number,
    purpose: ConsentPurpose,
    method: ConsentMethod,
  ): Promise<Problem | undefined> {
    await this.get(actor, id);
    const active = await this.consents.activeConsentPurposes(actor.organisationId, id);
    if (active.has(purpose)) return { field: 'purpose', key: 'representatives.errors.consentAlreadyGiven' };
    await this.db.transaction(async (trx) => {
      await this.consents.giveConsent(
        actor.organisationId,
        id,
        { purpose, method, at: this.clock.now().toISO()!, userId: actor.id },
        trx,
      );
      await this.versions.bump(actor.organisationId, trx);
      await this.record(actor, 'representative.consent_given', id, { purpose, method }, trx);
    });
    return undefined;
  }

  /** The lived-experience skills that withdrawing the health-experience consent would remove. */
  async livedExperienceSkills(actor: CurrentUser, id: number): Promise<RepresentativeSkill[]> {
    await this.get(actor, id);
    const skills = (await this.representativeSkills.skillsOf(actor.organisationId, [id])).get(id) ?? [];
    return skills.filter((s) => s.category === 'lived_experience');
  }

  /**
   * Withdraws a consent. Withdrawing the health-experience consent removes the lived-experience skills in the
   * same transaction (special-category data is kept only while its consent stands).
   */
  async withdrawConsent(actor: CurrentUser, id: number, purpose: ConsentPurpose): Promise<Problem | undefined> {
    await this.get(actor, id);
    const now = this.clock.now().toISO()!;
    return this.db.transaction(async (trx) => {
      const withdrawn = await this.consents.withdrawConsent(actor.organisationId, id, purpose, now, trx);
      if (!withdrawn) return { field: 'purpose', key: 'representatives.errors.consentNotGiven' };
      let removed = 0;
      if (purpose === 'health_experience')
        removed = await this.representativeSkills.removeSkillsInCategory(
          actor.organisationId,
          id,
          'lived_experience',
          trx,
        );
      await this.versions.bump(actor.organisationId, trx);
      await this.record(actor, 'representative.consent_withdrawn', id, { purpose, skillsRemoved: removed }, trx);
      return undefined;
    });
  }
}
