/*
 * Answers of the warehouse routes, kept as their JSON text until the warehouse changes.
 *
 * Why: the warehouse changes only when the transform loads a batch (every 15 minutes by
 * default), while a dashboard asks the same few questions many times; an all-time top
 * list over a heavy listener's 200,000 plays costs tens of milliseconds of PostgreSQL,
 * a cached one microseconds. Correctness: every entry carries the warehouse's data
 * version (see dataVersion in libs/warehouse); a new version empties the cache. The
 * version moves only after a load has committed, so an entry can never hold data older
 * than its version. Entries also expire after `ttlMs`, which bounds how far a relative
 * range ("last 4 weeks", ending now) lags behind the clock.
 *
 * Concurrent requests for the same key share one computation (no stampede of 50
 * identical all-time queries after each load).
 */
export interface ResponseCacheOptions {
  /** Most entries kept (least recently used go first); 0 turns the cache off. */
  maxEntries: number;
  ttlMs: number;
  /** The warehouse's current data version (called at most once per `versionCheckMs`). */
  version: () => Promise<string>;
  versionCheckMs?: number;
  clock?: () => number;
}

interface Entry {
  json: string;
  storedAt: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<string>>();
  private knownVersion: string | undefined;
  private versionCheckedAt = -Infinity;
  private versionCheck: Promise<void> | undefined;
  private readonly clock: () => number;
  private readonly versionCheckMs: number;

  private readonly options: ResponseCacheOptions;

  constructor(options: ResponseCacheOptions) {
    this.options = options;
    this.clock = options.clock ?? (() => performance.now());
    this.versionCheckMs = options.versionCheckMs ?? 1000;
  }

  /** The data version the entries belong to (undefined before the first check). */
  get version(): string | undefined {
    return this.knownVersion;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The JSON text of `compute()`'s answer for `key`, from the cache when still valid. */
  async json(key: string, compute: () => Promise<unknown>): Promise<string> {
    if (this.options.maxEntries <= 0) return JSON.stringify(await compute());
    await this.refreshVersion();
    const now = this.clock();
    const hit = this.entries.get(key);
    if (hit && now - hit.storedAt < this.options.ttlMs) {
      // re-insert: Map order is the LRU order
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.json;
    }
    const running = this.inFlight.get(key);
    if (running) return running;
    const version = this.knownVersion;
    const computation = (async () => {
      const json = JSON.stringify(await compute());
      // a version that moved while computing: the answer may predate the load, keep it out
      if (version === this.knownVersion) this.store(key, json);
      return json;
    })().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, computation);
    return computation;
  }

  /** Forgets everything (e.g. after the API itself changed the warehouse). */
  clear(): void {
    this.entries.clear();
  }

  private store(key: string, json: string): void {
    this.entries.delete(key);
    this.entries.set(key, { json, storedAt: this.clock() });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** Checks the data version (at most once per versionCheckMs), emptying the cache if it moved. */
  async refreshVersion(): Promise<void> {
    if (this.clock() - this.versionCheckedAt < this.versionCheckMs) return;
    this.versionCheck ??= (async () => {
      try {
        const version = await this.options.version();
        if (version !== this.knownVersion) {
          this.entries.clear();
          // computations under way may predate the load: later requests start their own
          this.inFlight.clear();
          this.knownVersion = version;
        }
        this.versionCheckedAt = this.clock();
      } finally {
        this.versionCheck = undefined;
      }
    })();
    await this.versionCheck;
  }
}
