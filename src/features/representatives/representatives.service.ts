import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact } from '../../lib/transact.js';
import { VersionedCache } from '../../lib/versioned-cache.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditEvent } from '../audit/audit.model.js';
import type { SkillsService } from '../skills/skills.service.js';
import type { ContactPersons } from '../handover/handover.model.js';
import type { CurrentUser } from '../users/users.types.js';
import { STATUS_TRANSITIONS } from './representatives.model.js';
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
  RosterVersions,
  Status,
  StatusChange,
} from './representatives.model.js';
import type { RepresentativesRepository } from './representatives.repository.js';
import type { ConsentsRepository } from './consents.repository.js';
import type { RepresentativeSkillsRepository } from './representative-skills.repository.js';

export const ROSTER_PAGE_SIZE = 25;

export interface Profile {
  representative: Representative;
  skills: RepresentativeSkill[];
  consents: Consent[];
  activeConsents: Set<ConsentPurpose>;
  statusHistory: StatusChange[];
  accessLog: AuditEvent[];
  /** The organisation's date today: training valid until before it has expired (and matching ignores it). */
  today: string;
}

// who may move to which status (shared with the roster's bulk change); "paused" always needs an end date
const TRANSITIONS = STATUS_TRANSITIONS;

export interface RepresentativesDeps {
  transact: Transact;
  representatives: RepresentativesRepository;
  consents: ConsentsRepository;
  representativeSkills: RepresentativeSkillsRepository;
  skills: SkillsService;
  /** Records the changes, and gives the profile its access log. */
  audit: AuditService;
  versions: RosterVersions;
  /** Sets the contact person; a change is a hand-over (the hand-over feature audits and e-mails it). */
  contactPersons: ContactPersons;
  /** A representative's area chosen from the organisation's areas (the areas feature). */
  areas: AreaResolver;
  clock: Clock;
}

/** Resolves the area a form gave to one of the organisation's areas, or refuses it (issue 22). */
export interface AreaResolver {
  resolve(
    organisationId: number,
    text: string,
    current?: { areaId: number | null; area: string },
  ): Promise<{ areaId: number | null; area: string } | FieldProblem>;
}

const representative = (id: number) => ({ type: 'representative', id });

/** The roster: representatives, their skills, consents and status, with the rules docs/domain.md sets. */
export class RepresentativesService {
  /** Roster counts, keyed by organisation, roster version and filter. */
  private readonly counts = new VersionedCache({ capacity: 5000 });
  /** The roster's areas (for the filter), keyed by organisation and roster version. */
  private readonly areas = new VersionedCache({ capacity: 1000 });

  constructor(private readonly deps: RepresentativesDeps) {}

  private today(zone: string): string {
    return this.deps.clock.now().setZone(zone).toISODate()!;
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
      this.deps.representatives.list(org, filter, sort, ROSTER_PAGE_SIZE, (page - 1) * ROSTER_PAGE_SIZE),
      cached(filterKey, () => this.deps.representatives.count(org, filter)),
      cached('all', () => this.deps.representatives.count(org, { skillIds: [], minLevel: 1 })),
      this.areas.get(scope, 'areas', () => this.deps.representatives.areas(org)),
    ]);
    // the list shows the levels of the skills searched for; without a skill filter it shows none
    const skillsByRep = filter.skillIds.length
      ? await this.deps.representativeSkills.skillsOf(
          org,
          rows.map((r) => r.id),
          filter.skillIds,
        )
      : new Map<number, RepresentativeSkill[]>();
    return { rows, skillsByRep, matching, total, areas };
  }

  async get(actor: CurrentUser, id: number): Promise<Representative> {
    const rep = await this.deps.representatives.find(actor.organisationId, id);
    if (!rep) throw notFound();
    return rep;
  }

  /**
   * The whole profile; viewing it is an audited action (it holds health-related data). A form on the profile
   * that comes back with errors shows it again without a second "viewed" event.
   */
  async view(actor: CurrentUser, id: number, options: { audited: boolean } = { audited: true }): Promise<Profile> {
    const person = await this.get(actor, id);
    if (options.audited) await this.deps.audit.byUser(actor, 'representative.viewed', representative(id));
    const [skills, consents, statusHistory, accessLog] = await Promise.all([
      this.deps.representativeSkills.skillsOf(actor.organisationId, [id]).then((m) => m.get(id) ?? []),
      this.deps.consents.consents(actor.organisationId, id),
      this.deps.representatives.statusHistory(actor.organisationId, id),
      this.deps.audit.forEntity(actor.organisationId, representative(id), 30),
    ]);
    const activeConsents = new Set(consents.filter((c) => !c.withdrawnAt).map((c) => c.purpose));
    return {
      representative: person,
      skills,
      consents,
      activeConsents,
      statusHistory,
      accessLog,
      today: this.today(actor.timeZone),
    };
  }

  private async duplicate(
    actor: CurrentUser,
    email: string | null,
    exceptId?: number,
  ): Promise<FieldProblem | undefined> {
    if (!email) return undefined;
    const existingId = await this.deps.representatives.findIdByEmail(actor.organisationId, email, exceptId);
    return existingId ? { field: 'email', key: 'representatives.errors.emailTaken', existingId } : undefined;
  }

  async create(
    actor: CurrentUser,
    input: RepresentativeInput,
    start: { status: 'prospective' | 'active'; consents: ConsentPurpose[]; method: ConsentMethod },
    contactUserId: number | null = null,
  ): Promise<number | FieldProblem> {
    const area = await this.deps.areas.resolve(actor.organisationId, input.area);
    if ('key' in area) return area;
    input = { ...input, ...area };
    const problem =
      (await this.duplicate(actor, input.email)) ??
      (await this.deps.contactPersons.problem(actor, contactUserId, null));
    if (problem) return problem;
    const now = this.deps.clock.now().toISO()!;
    return this.deps.transact(async (tx) => {
      const id = await this.deps.representatives.create(actor.organisationId, input, start.status, now, tx);
      await this.deps.representatives.addStatusChange(
        actor.organisationId,
        id,
        { from: null, to: start.status, pausedUntil: null, reason: '', userId: actor.id, at: now },
        tx,
      );
      for (const purpose of start.consents) {
        await this.deps.consents.giveConsent(
          actor.organisationId,
          id,
          { purpose, method: start.method, at: now, userId: actor.id },
          tx,
        );
      }
      await this.deps.versions.bump(actor.organisationId, tx);
      await this.deps.audit.byUser(
        actor,
        'representative.created',
        representative(id),
        { status: start.status, consents: start.consents.join(',') },
        tx,
      );
      await this.deps.contactPersons.assign(actor, id, null, contactUserId, tx);
      return id;
    });
  }

  /** The mail server said the mailbox or domain does not exist (5.1.x): matching stops offering e-mail contact. */
  async flagEmailUndeliverable(organisationId: number, id: number, address: string): Promise<boolean> {
    return this.deps.transact(async (tx) => {
      const now = this.deps.clock.now().toISO()!;
      const changed = await this.deps.representatives.flagEmailUndeliverable(organisationId, id, address, now, tx);
      if (!changed) return false;
      await this.deps.versions.bump(organisationId, tx);
      await this.deps.audit.record(
        {
          organisationId,
          actorType: 'system',
          action: 'representative.email_undeliverable',
          entityType: 'representative',
          entityId: id,
        },
        tx,
      );
      return true;
    });
  }

  async update(
    actor: CurrentUser,
    id: number,
    input: RepresentativeInput,
    contactUserId: number | null,
  ): Promise<FieldProblem | undefined> {
    const rep = await this.get(actor, id);
    const area = await this.deps.areas.resolve(actor.organisationId, input.area, {
      areaId: rep.areaId ?? null,
      area: rep.area,
    });
    if ('key' in area) return area;
    input = { ...input, ...area };
    const problem =
      (await this.duplicate(actor, input.email, id)) ??
      (await this.deps.contactPersons.problem(actor, contactUserId, rep.contactUserId));
    if (problem) return problem;
    await this.deps.transact(async (tx) => {
      await this.deps.representatives.update(actor.organisationId, id, input, this.deps.clock.now().toISO()!, tx);
      await this.deps.versions.bump(actor.organisationId, tx);
      await this.deps.audit.byUser(actor, 'representative.updated', representative(id), {}, tx);
      await this.deps.contactPersons.assign(actor, id, rep.contactUserId, contactUserId, tx);
    });
    return undefined;
  }

  async changeStatus(
    actor: CurrentUser,
    id: number,
    to: Status,
    pausedUntil: string | null,
    reason: string,
  ): Promise<FieldProblem | undefined> {
    const rep = await this.get(actor, id);
    if (!TRANSITIONS[rep.status].includes(to)) return { field: 'status', key: 'representatives.errors.transition' };
    if (to === 'paused') {
      if (!pausedUntil) return { field: 'pausedUntil', key: 'representatives.errors.pauseEndNeeded' };
      // the pause starts today, so it must end after today
      if (pausedUntil <= this.today(actor.timeZone))
        return { field: 'pausedUntil', key: 'representatives.errors.pauseEndsBeforeStart' };
    }
    const now = this.deps.clock.now().toISO()!;
    const until = to === 'paused' ? pausedUntil : null;
    await this.deps.transact(async (tx) => {
      await this.deps.representatives.setStatus(actor.organisationId, id, to, until, now, tx);
      await this.deps.representatives.addStatusChange(
        actor.organisationId,
        id,
        { from: rep.status, to, pausedUntil: until, reason, userId: actor.id, at: now },
        tx,
      );
      await this.deps.versions.bump(actor.organisationId, tx);
      await this.deps.audit.byUser(
        actor,
        'representative.status_changed',
        representative(id),
        { from: rep.status, to },
        tx,
      );
    });
    return undefined;
  }

  /** Adds a skill or changes its level; lived experience only while the health-experience consent stands. */
  async setSkill(
    actor: CurrentUser,
    id: number,
    input: { skillId: number; level: number; since: string | null; expiresOn: string | null },
  ): Promise<FieldProblem | undefined> {
    await this.get(actor, id);
    const skill = await this.deps.skills.find(actor, input.skillId);
    if (!skill || skill.archived) return { field: 'skillId', key: 'representatives.errors.skillUnknown' };
    if (skill.category === 'lived_experience') {
      const consents = await this.deps.consents.activeConsentPurposes(actor.organisationId, id);
      if (!consents.has('health_experience'))
        return { field: 'skillId', key: 'representatives.errors.healthConsentNeeded' };
    }
    if (input.expiresOn && skill.category !== 'training')
      return { field: 'expiresOn', key: 'representatives.errors.expiryOnlyTraining' };
    if (input.expiresOn && input.since && input.expiresOn < input.since)
      return { field: 'expiresOn', key: 'representatives.errors.expiresBeforeSince' };
    await this.deps.transact(async (tx) => {
      await this.deps.representativeSkills.setSkill(actor.organisationId, id, input, tx);
      await this.deps.representatives.touch(actor.organisationId, id, this.deps.clock.now().toISO()!, tx);
      await this.deps.versions.bump(actor.organisationId, tx);
      await this.deps.audit.byUser(
        actor,
        'representative.skill_set',
        representative(id),
        { skillId: input.skillId, level: input.level },
        tx,
      );
    });
    return undefined;
  }

  async removeSkill(actor: CurrentUser, id: number, skillId: number): Promise<void> {
    await this.get(actor, id);
    await this.deps.transact(async (tx) => {
      await this.deps.representativeSkills.removeSkill(actor.organisationId, id, skillId, tx);
      await this.deps.versions.bump(actor.organisationId, tx);
      await this.deps.audit.byUser(actor, 'representative.skill_removed', representative(id), { skillId }, tx);
    });
  }

  async giveConsent(
    actor: CurrentUser,
    id: number,
    purpose: ConsentPurpose,
    method: ConsentMethod,
  ): Promise<FieldProblem | undefined> {
    await this.get(actor, id);
    const active = await this.deps.consents.activeConsentPurposes(actor.organisationId, id);
    if (active.has(purpose)) return { field: 'purpose', key: 'representatives.errors.consentAlreadyGiven' };
    await this.deps.transact(async (tx) => {
      await this.deps.consents.giveConsent(
        actor.organisationId,
        id,
        { purpose, method, at: this.deps.clock.now().toISO()!, userId: actor.id },
        tx,
      );
      await this.deps.versions.bump(actor.organisationId, tx);
      await this.deps.audit.byUser(actor, 'representative.consent_given', representative(id), { purpose, method }, tx);
    });
    return undefined;
  }

  /** The lived-experience skills that withdrawing the health-experience consent would remove. */
  async livedExperienceSkills(actor: CurrentUser, id: number): Promise<RepresentativeSkill[]> {
    await this.get(actor, id);
    const skills = (await this.deps.representativeSkills.skillsOf(actor.organisationId, [id])).get(id) ?? [];
    return skills.filter((s) => s.category === 'lived_experience');
  }

  /**
   * Withdraws a consent. Withdrawing the health-experience consent removes the lived-experience skills in the
   * same transaction (special-category data is kept only while its consent stands).
   */
  async withdrawConsent(actor: CurrentUser, id: number, purpose: ConsentPurpose): Promise<FieldProblem | undefined> {
    await this.get(actor, id);
    const now = this.deps.clock.now().toISO()!;
    return this.deps.transact(async (tx) => {
      const withdrawn = await this.deps.consents.withdrawConsent(actor.organisationId, id, purpose, now, tx);
      if (!withdrawn) return { field: 'purpose', key: 'representatives.errors.consentNotGiven' };
      let removed = 0;
      if (purpose === 'health_experience')
        removed = await this.deps.representativeSkills.removeSkillsInCategory(
          actor.organisationId,
          id,
          'lived_experience',
          tx,
        );
      await this.deps.versions.bump(actor.organisationId, tx);
      await this.deps.audit.byUser(
        actor,
        'representative.consent_withdrawn',
        representative(id),
        { purpose, skillsRemoved: removed },
        tx,
      );
      return undefined;
    });
  }
}
