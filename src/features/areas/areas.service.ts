import type { Clock } from '../../lib/clock.js';
import { forbidden, notFound } from '../../lib/errors.js';
import type { FieldProblem } from '../../lib/problems.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RosterVersions } from '../representatives/representatives.model.js';
import type { CurrentUser } from '../users/users.types.js';
import type { Area, PopulationDimension, PopulationShares, UnmappedArea } from './areas.model.js';
import type { AreasRepository } from './areas.repository.js';

export interface AreasServiceDeps {
  transact: Transact;
  areas: AreasRepository;
  audit: Pick<AuditService, 'byUser'>;
  /** Counted up on every change, so that the roster and the report read the areas anew. */
  versions: RosterVersions;
  clock: Clock;
}

/** A representative's area as the roster stores it: the area's id (null for none or a value yet to map) and its text. */
export interface AreaChoice {
  areaId: number | null;
  area: string;
}

const nameProblem = (name: string): FieldProblem | undefined => {
  if (!name) return { field: 'name', key: 'areas.errors.name' };
  if (name.length > 120) return { field: 'name', key: 'areas.errors.tooLong' };
  return undefined;
};

/**
 * The organisation's areas (admins keep the list at /admin/areas) and the municipality's population shares
 * (/admin/population). Areas are archived, never deleted: people keep an archived area, new choices cannot pick it.
 * Free-text areas from before the list are mapped to an area in a review step; none is lost.
 */
export class AreasService {
  constructor(private readonly deps: AreasServiceDeps) {}

  private admin(actor: CurrentUser): void {
    if (actor.role !== 'admin') throw forbidden();
  }

  async overview(actor: CurrentUser): Promise<{ areas: Area[]; unmapped: UnmappedArea[] }> {
    this.admin(actor);
    const [areas, unmapped] = await Promise.all([
      this.deps.areas.list(actor.organisationId),
      this.deps.areas.unmapped(actor.organisationId),
    ]);
    return { areas, unmapped };
  }

  /** The organisation's areas, for a representative's form and the roster's filter. */
  list(organisationId: number): Promise<Area[]> {
    return this.deps.areas.list(organisationId);
  }

  async add(actor: CurrentUser, rawName: string): Promise<FieldProblem | undefined> {
    this.admin(actor);
    const name = rawName.trim();
    const problem = nameProblem(name);
    if (problem) return problem;
    const orgId = actor.organisationId;
    return this.deps.transact(async (tx) => {
      if (await this.deps.areas.findByName(orgId, name, tx)) return { field: 'name', key: 'areas.errors.taken' };
      // the name's key is unique: a second request at the same moment makes no second area
      const id = await this.deps.areas.insert(orgId, name, this.deps.clock.now().toISO()!, tx);
      if (id === undefined) return { field: 'name', key: 'areas.errors.taken' };
      await this.deps.audit.byUser(actor, 'area.added', { type: 'area', id }, {}, tx);
      await this.deps.versions.bump(orgId, tx);
      return undefined;
    });
  }

  async rename(actor: CurrentUser, id: number, rawName: string): Promise<FieldProblem | undefined> {
    this.admin(actor);
    const name = rawName.trim();
    const problem = nameProblem(name);
    if (problem) return problem;
    const orgId = actor.organisationId;
    return this.deps.transact(async (tx) => {
      if (!(await this.deps.areas.find(orgId, id, tx))) throw notFound();
      const same = await this.deps.areas.findByName(orgId, name, tx);
      if (same && same.id !== id) return { field: 'name', key: 'areas.errors.taken' };
      await this.deps.areas.rename(orgId, id, name, tx);
      await this.deps.audit.byUser(actor, 'area.renamed', { type: 'area', id }, {}, tx);
      await this.deps.versions.bump(orgId, tx);
      return undefined;
    });
  }

  /** Archives an area (people keep it; new choices cannot pick it) or takes it back into use. */
  async setArchived(actor: CurrentUser, id: number, archived: boolean): Promise<void> {
    this.admin(actor);
    const orgId = actor.organisationId;
    await this.deps.transact(async (tx) => {
      if (!(await this.deps.areas.find(orgId, id, tx))) throw notFound();
      await this.deps.areas.setArchived(orgId, id, archived ? this.deps.clock.now().toISO()! : null, tx);
      await this.deps.audit.byUser(actor, archived ? 'area.archived' : 'area.restored', { type: 'area', id }, {}, tx);
      await this.deps.versions.bump(orgId, tx);
    });
  }

  /**
   * Maps everyone with a free-text area to one of the organisation's areas (an area in use), or to a new area of
   * that name (`areaId` null); how many people were mapped. The text is the audit's: the person keeps the area.
   */
  async map(actor: CurrentUser, text: string, areaId: number | null): Promise<number | FieldProblem> {
    this.admin(actor);
    const orgId = actor.organisationId;
    // only a value that waits to be mapped: never "everyone without an area", nor a value of someone erased
    if (!(await this.deps.areas.unmapped(orgId)).some((u) => u.text === text)) {
      return { field: 'area', key: 'areas.errors.choose' };
    }
    return this.deps.transact(async (tx) => {
      let area =
        areaId === null
          ? await this.deps.areas.findByName(orgId, text, tx)
          : await this.deps.areas.find(orgId, areaId, tx);
      if (areaId !== null && !area) return { field: 'area', key: 'areas.errors.choose' };
      if (area?.archived) return { field: 'area', key: 'areas.errors.archived' };
      if (!area) {
        const name = text.trim().slice(0, 120);
        const id = await this.deps.areas.insert(orgId, name, this.deps.clock.now().toISO()!, tx);
        if (id === undefined) return { field: 'area', key: 'areas.errors.taken' };
        await this.deps.audit.byUser(actor, 'area.added', { type: 'area', id }, {}, tx);
        area = { id, name, archived: false };
      }
      const count = await this.deps.areas.map(orgId, text, area, tx);
      await this.deps.audit.byUser(actor, 'area.mapped', { type: 'area', id: area.id }, { people: count }, tx);
      await this.deps.versions.bump(orgId, tx);
      return count;
    });
  }

  /**
   * A representative's area from what a form or an import gave: nothing; the name of an area in use (or the
   * person's own area, archived since); or, before the organisation has areas or for a value not yet mapped that
   * the person has already, the text as it was. Anything else is refused with "choose an area from the list".
   */
  async resolve(organisationId: number, text: string, current?: AreaChoice): Promise<AreaChoice | FieldProblem> {
    const name = text.trim();
    if (!name) return { areaId: null, area: '' };
    const areas = await this.deps.areas.list(organisationId);
    if (!areas.length) return { areaId: null, area: name };
    const area = await this.deps.areas.findByName(organisationId, name);
    if (area && (!area.archived || area.id === current?.areaId)) return { areaId: area.id, area: area.name };
    if (current && current.areaId === null && current.area === name) return current;
    return { field: 'area', key: area ? 'areas.errors.archived' : 'areas.errors.choose' };
  }

  async population(actor: CurrentUser): Promise<{ areas: Area[]; population: PopulationShares }> {
    this.admin(actor);
    const [areas, population] = await Promise.all([
      this.deps.areas.list(actor.organisationId),
      this.deps.areas.population(actor.organisationId),
    ]);
    return { areas, population };
  }

  /** Saves one dimension's shares (checked by the caller to add up to 100 %), or clears it (`value` null). */
  async savePopulation(
    actor: CurrentUser,
    dimension: PopulationDimension,
    value: { shares: Record<string, number>; source: string; year: number } | null,
  ): Promise<void> {
    this.admin(actor);
    const orgId = actor.organisationId;
    await this.deps.transact(async (tx) => {
      await this.deps.areas.setPopulation(orgId, dimension, value, this.deps.clock.now().toISO()!, tx);
      await this.deps.audit.byUser(
        actor,
        'population.saved',
        { type: 'organisation', id: orgId },
        { dimension, cleared: value === null },
        tx,
      );
      await this.deps.versions.bump(orgId, tx);
    });
  }
}
