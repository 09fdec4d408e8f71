import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { explainExclusions, type Candidate, type ExclusionDetail, type MatchProject } from '../matching/matching.js';
import { baseCandidates, type MatchingBaseSource } from '../matching/candidates.js';
import type { CurrentUser } from '../users/users.types.js';
import type { ImportBatchesRepository } from './import-batches.repository.js';

// No project: only what keeps a person from any invitation is left (status, pause, consent and contact details,
// an address that does not work, a term that has ended), by the same rules the matching applies.
const ANY_PROJECT: MatchProject = {
  id: 0,
  startsOn: null,
  endsOn: null,
  requirements: [],
  workingLanguages: [],
  team: [],
};

/** Why a person cannot be invited to any project today (empty when they can), as matching would exclude them. */
export function invitationBlockers(candidate: Candidate, today: string): ExclusionDetail[] {
  return explainExclusions(candidate, ANY_PROJECT, today, Number.POSITIVE_INFINITY);
}

export interface NotInvitable {
  id: number;
  name: string;
  status: Candidate['status'];
  blockers: ExclusionDetail[];
}

export interface ImportFollowUpDeps {
  batches: ImportBatchesRepository;
  matching: MatchingBaseSource;
  clock: Clock;
}

/** After an import: who of those imported still cannot be invited, and why, read from the roster as it is now. */
export class ImportFollowUp {
  constructor(private readonly deps: ImportFollowUpDeps) {}

  /** Undefined while the batch waits for confirmation. */
  async result(
    actor: CurrentUser,
    batchId: number,
  ): Promise<{ imported: number; ready: number; notInvitable: NotInvitable[] } | undefined> {
    const { batches, matching, clock } = this.deps;
    const batch = await batches.find({ organisationId: actor.organisationId, userId: actor.id }, batchId);
    if (!batch) throw notFound();
    if (!batch.importedIds) return undefined;
    const now = clock.now().setZone(actor.timeZone);
    const ids = new Set(batch.importedIds);
    const base = await matching.base(actor.organisationId, now.minus({ months: 12 }).toISODate()!);
    // people erased since the import are gone from the roster and from this list
    const people = baseCandidates(base, new Map(), new Set(), now.toISODate()!).filter((c) => ids.has(c.id));
    const notInvitable: NotInvitable[] = [];
    for (const person of people) {
      const blockers = invitationBlockers(person, now.toISODate()!);
      if (blockers.length) notInvitable.push({ id: person.id, name: person.name, status: person.status, blockers });
    }
    return { imported: batch.importedIds.length, ready: people.length - notInvitable.length, notInvitable };
  }
}
