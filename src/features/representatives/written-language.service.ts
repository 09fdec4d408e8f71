import type { Clock } from '../../lib/clock.js';
import { forbidden } from '../../lib/errors.js';
import { VersionedCache } from '../../lib/versioned-cache.js';
import type { Transact } from '../../lib/transact.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CurrentUser } from '../users/users.types.js';
import type { RosterVersions } from './representatives.model.js';
import type { WrittenLanguageCandidate, WrittenLanguageRepository } from './written-language.repository.js';

export interface WrittenLanguageDeps {
  transact: Transact;
  reviews: WrittenLanguageRepository;
  audit: Pick<AuditService, 'byUserMany'>;
  versions: RosterVersions;
  clock: Clock;
}

/**
 * The one-time review of written languages (issue 25, item 4). People recorded before Medvirk wrote Nynorsk kept
 * their written language; those who speak Nynorsk are listed once, for a facilitator to move them to Nynorsk or to
 * keep what they have. Nothing changes by itself: a person's language is theirs, and only a person decides it.
 */
export class WrittenLanguageService {
  /** The roster's notice, per organisation and roster version: counting reads every person, so once per change. */
  private readonly counts = new VersionedCache({ capacity: 1000 });

  constructor(private readonly deps: WrittenLanguageDeps) {}

  private staff(actor: CurrentUser): void {
    if (actor.role !== 'facilitator' && actor.role !== 'admin') throw forbidden();
  }

  list(actor: CurrentUser): Promise<WrittenLanguageCandidate[]> {
    this.staff(actor);
    return this.deps.reviews.list(actor.organisationId);
  }

  /** How many wait on the list (the roster's notice); every change to a person bumps the roster version. */
  count(actor: CurrentUser): Promise<number> {
    const scope = { organisationId: actor.organisationId, version: actor.rosterVersion };
    return this.counts.get(scope, 'pending', () => this.deps.reviews.count(actor.organisationId));
  }

  /** Moves the chosen people to Nynorsk, or keeps their written language; either way they leave the list. */
  async decide(actor: CurrentUser, ids: number[], nynorsk: boolean): Promise<number> {
    this.staff(actor);
    return this.deps.transact(async (tx) => {
      const now = this.deps.clock.now().toISO()!;
      const decided = await this.deps.reviews.decide(actor.organisationId, ids, nynorsk, now, tx);
      if (!decided.length) return 0;
      // either decision changes the list (and Nynorsk the person): the roster and its notice read anew
      await this.deps.versions.bump(actor.organisationId, tx);
      await this.deps.audit.byUserMany(
        actor,
        'representative.written_language_reviewed',
        decided.map((id) => ({
          entity: { type: 'representative', id },
          details: { writtenLanguage: nynorsk ? 'nn' : 'kept' },
        })),
        tx,
      );
      return decided.length;
    });
  }
}
