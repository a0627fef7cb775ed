import {
  namesKey,
  type PgSearchResolutionStore,
  type TrackNames,
} from './pg-search-resolution-store.ts';
import { pickTrack, type TrackSearch } from './track-search.ts';

/** What resolving cost, in distinct pairs: found in the cache, or searched (found or not). */
export interface ResolutionStats {
  cached: number;
  searched: number;
  notFound: number;
}

/*
 * A few requests in flight keep the rate limiter's window busy without queueing a whole
 * chunk's lookups at once; the limiter decides the real pace.
 */
const DEFAULT_CONCURRENCY = 4;

/**
 * Track ids of account-data plays, by (artist, track): each pair is searched once,
 * ever. The cache (app.search_resolutions) is read once per chunk; a pair searched is
 * written before its play is sent, so an interrupted import never searches it again.
 */
export class TrackResolver {
  readonly stats: ResolutionStats = { cached: 0, searched: 0, notFound: 0 };
  readonly #store: PgSearchResolutionStore;
  readonly #search: TrackSearch;
  readonly #concurrency: number;
  // Pairs counted in stats already: a pair in many chunks is one pair.
  readonly #counted = new Set<string>();

  constructor(
    store: PgSearchResolutionStore,
    search: TrackSearch,
    concurrency = DEFAULT_CONCURRENCY,
  ) {
    this.#store = store;
    this.#search = search;
    this.#concurrency = concurrency;
  }

  /** Each distinct pair's track id (null: search found none), by namesKey. */
  async resolve(pairs: readonly TrackNames[]): Promise<Map<string, string | null>> {
    const distinct = new Map(pairs.map((p) => [namesKey(p), p]));
    const resolved = await this.#store.getMany([...distinct.values()]);
    for (const key of resolved.keys()) {
      if (!this.#counted.has(key)) this.stats.cached++;
      this.#counted.add(key);
    }
    const missing = [...distinct].filter(([key]) => !resolved.has(key)).map(([, p]) => p);
    let next = 0;
    const worker = async () => {
      while (next < missing.length) {
        const names = missing[next++]!;
        const trackId = pickTrack(await this.#search(names), names);
        await this.#store.put(names, trackId);
        resolved.set(namesKey(names), trackId);
        this.#counted.add(namesKey(names));
        this.stats.searched++;
        if (trackId === null) this.stats.notFound++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, missing.length) }, worker));
    return resolved;
  }
}
