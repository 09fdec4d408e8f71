import type { Clock } from './clock.js';

/** Where a cached value belongs: one organisation at one roster version (see RosterVersions). */
export interface CacheScope {
  organisationId: number;
  version: number;
}

export interface VersionedCacheOptions {
  /** How many entries are kept; when full, the least recently used entry makes room. */
  capacity: number;
  /**
   * For data the roster version does not cover: an entry is served for this long after it was loaded, read from
   * the clock (so tests can move time). Without it an entry lasts until its version is old and it ages out.
   */
  maxAge?: { ms: number; clock: Clock };
}

interface Entry {
  value: Promise<unknown>;
  /** When the value was loaded (clock milliseconds), for maxAge. */
  at: number;
}

/**
 * The one in-process cache for data keyed by organisation and roster version: a change anywhere bumps the version,
 * so an entry is never served after the data it came from changed, on this instance or another. Concurrent
 * requests for the same key share one load; a load that fails is not kept; `keep` can refuse to keep a value (a
 * page's validation problem). Bounded: when full, the least recently used entry goes (not all of them).
 */
export class VersionedCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: VersionedCacheOptions) {
    if (!Number.isInteger(options.capacity) || options.capacity < 1) throw new Error('cache capacity must be >= 1');
  }

  get size(): number {
    return this.entries.size;
  }

  get<T>(scope: CacheScope, key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const id = `${scope.organisationId}|${scope.version}|${key}`;
    const hit = this.entries.get(id);
    if (hit && this.fresh(hit)) {
      // most recently used last: Map keeps insertion order
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.value as Promise<T>;
    }
    if (hit) this.entries.delete(id);
    while (this.entries.size >= this.options.capacity) this.entries.delete(this.entries.keys().next().value!);
    const value = load();
    const entry: Entry = { value, at: this.now() };
    this.entries.set(id, entry);
    value.then(
      (loaded) => {
        if (this.entries.get(id) !== entry) return;
        if (keep(loaded)) entry.at = this.now();
        else this.entries.delete(id);
      },
      () => {
        if (this.entries.get(id) === entry) this.entries.delete(id);
      },
    );
    return value;
  }

  private fresh(entry: Entry): boolean {
    return !this.options.maxAge || this.now() - entry.at < this.options.maxAge.ms;
  }

  private now(): number {
    return this.options.maxAge ? this.options.maxAge.clock.now().toMillis() : 0;
  }
}
