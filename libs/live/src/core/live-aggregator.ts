import { LiveError } from './live-error.ts';
import { playGrain, type LivePlay } from './live-play.ts';
import { AllTimeCounts, SlidingWindowCounts, type WindowEntry } from './sliding-window.ts';
import { ALL_TIME_WINDOW, DEFAULT_WINDOWS, type WindowSpec } from './windows.ts';
import type { RankedCounter } from './ranked-counter.ts';

export interface TopSong {
  trackId: string;
  trackName: string | null;
  artists: string[];
  plays: number;
}

export interface TopArtist {
  name: string;
  /** Known once a play from the API named it; imports carry names only. */
  artistId: string | null;
  plays: number;
}

export interface TopQuery {
  /** A configured window name (`5m`, `1h`) or `all`. */
  window: string;
  limit: number;
  /** One user's ranking; everyone's when absent. */
  userId?: string | undefined;
}

/** One window's state for one scope: what the API and the SSE stream send. */
export interface LiveSnapshot {
  window: string;
  userId: string | null;
  /** The latest event time seen in this scope (ISO), null before the first play. */
  watermark: string | null;
  /** Where the window starts (exclusive, ISO); null for `all` or before the first play. */
  windowStart: string | null;
  /** Plays counted in the window. */
  plays: number;
  songs: TopSong[];
  artists: TopArtist[];
}

export type AddOutcome = 'counted' | 'duplicate';

const MAX_CACHED_SNAPSHOTS = 256;

export type PlayListener = (play: LivePlay, grain: string) => void;

/** Everyone's counts, or one user's: each scope slides on its own latest event time. */
class ScopeCounts {
  watermark = Number.NEGATIVE_INFINITY;
  readonly allTime = new AllTimeCounts();
  readonly windows: Map<string, SlidingWindowCounts>;

  constructor(specs: readonly WindowSpec[]) {
    this.windows = new Map(specs.map((s) => [s.name, new SlidingWindowCounts(s.lengthMs)]));
  }

  add(entry: WindowEntry): void {
    if (entry.playedAt > this.watermark) this.watermark = entry.playedAt;
    this.allTime.add(entry);
    for (const window of this.windows.values()) {
      window.slideTo(this.watermark);
      window.add(entry, this.watermark);
    }
  }
}

/*
 * Semantics, in event time (when each play ended), never arrival time:
 * - a scope's watermark is the latest played_at it has seen; a window of length L holds
 *   the plays with played_at in (watermark - L, watermark];
 * - a late play (older than the watermark) is counted in every window it still falls
 *   in, and in none it is already out of; each play leaves its window when the
 *   watermark passes played_at + L;
 * - everyone's ranking slides on everyone's latest play, a user's on that user's own,
 *   so replaying one user's 2019 history next to another's 2024 one still shows both.
 */
/**
 * Live top songs and artists over sliding event-time windows and all time, for every
 * user and everyone together, updated play by play (no recount). A play seen twice (same
 * grain: user, played_at to the second, track) is counted once.
 */
export class LiveAggregator {
  readonly windowSpecs: readonly WindowSpec[];
  private readonly overall: ScopeCounts;
  private readonly perUser = new Map<string, ScopeCounts>();
  /** Every grain counted: the dedupe memory, about 100 bytes a play. */
  private readonly grains = new Set<string>();
  private readonly trackInfo = new Map<string, { name: string | null; artists: string[] }>();
  private readonly artistIds = new Map<string, string>();
  private readonly listeners = new Set<PlayListener>();
  private changes = 0;
  private duplicateCount = 0;
  /** Snapshots by query, valid while `changes` has not moved: many readers, one computation. */
  private readonly snapshots = new Map<string, { version: number; snapshot: LiveSnapshot }>();

  constructor(options: { windows?: readonly WindowSpec[] } = {}) {
    this.windowSpecs = options.windows ?? DEFAULT_WINDOWS;
    const names = this.windowSpecs.map((s) => s.name);
    if (new Set(names).size !== names.length || names.includes(ALL_TIME_WINDOW)) {
      throw new LiveError(
        'BAD_WINDOW_SPEC',
        `window names must be distinct and not "${ALL_TIME_WINDOW}": ${names.join(', ')}`,
      );
    }
    this.overall = new ScopeCounts(this.windowSpecs);
  }

  /** The window names a query may use: the sliding ones, then `all`. */
  get windowNames(): string[] {
    return [...this.windowSpecs.map((s) => s.name), ALL_TIME_WINDOW];
  }

  /** Grows by one with every play counted: a cheap "did anything change" for pollers. */
  get version(): number {
    return this.changes;
  }

  get stats(): { plays: number; duplicates: number; users: number } {
    return { plays: this.grains.size, duplicates: this.duplicateCount, users: this.perUser.size };
  }

  /** Users with at least one play counted, sorted. */
  get users(): string[] {
    return [...this.perUser.keys()].sort();
  }

  add(play: LivePlay): AddOutcome {
    const grain = playGrain(play);
    const names = play.artists.map((a) => a.name);
    // Even a copy not counted again can name the track better (the API's copy of a play
    // the import brought first names every artist, with ids).
    this.remember(play, names);
    if (this.grains.has(grain)) {
      this.duplicateCount++;
      return 'duplicate';
    }
    this.grains.add(grain);
    const entry: WindowEntry = {
      playedAt: play.playedAt,
      songKey: play.trackId,
      artistKeys: names,
    };
    this.overall.add(entry);
    let user = this.perUser.get(play.userId);
    if (!user) this.perUser.set(play.userId, (user = new ScopeCounts(this.windowSpecs)));
    user.add(entry);
    this.changes++;
    for (const listener of this.listeners) listener(play, grain);
    return 'counted';
  }

  /** Called with every play counted (not with duplicates); returns the unsubscribe. */
  onPlay(listener: PlayListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  topSongs(query: TopQuery): TopSong[] {
    const counts = this.countsOf(query);
    return counts ? this.songsOf(counts.songs, query.limit) : [];
  }

  topArtists(query: TopQuery): TopArtist[] {
    const counts = this.countsOf(query);
    return counts ? this.artistsOf(counts.artists, query.limit) : [];
  }

  /** The window's state and rankings; shared with other readers until the next play, so read-only. */
  snapshot(query: TopQuery): LiveSnapshot {
    const key = `${query.window}\n${query.limit}\n${query.userId ?? ''}`;
    const cached = this.snapshots.get(key);
    if (cached && cached.version === this.changes) return cached.snapshot;
    const snapshot = this.computeSnapshot(query);
    // Bounded: queries are few in practice (windows × limits × users asked for).
    if (this.snapshots.size >= MAX_CACHED_SNAPSHOTS) this.snapshots.clear();
    this.snapshots.set(key, { version: this.changes, snapshot });
    return snapshot;
  }

  private computeSnapshot(query: TopQuery): LiveSnapshot {
    const counts = this.countsOf(query);
    const scope = this.scopeOf(query.userId);
    const watermark = scope && Number.isFinite(scope.watermark) ? scope.watermark : null;
    const length = this.windowSpecs.find((s) => s.name === query.window)?.lengthMs;
    return {
      window: query.window,
      userId: query.userId ?? null,
      watermark: watermark === null ? null : new Date(watermark).toISOString(),
      windowStart:
        watermark === null || length === undefined
          ? null
          : new Date(watermark - length).toISOString(),
      plays: counts?.plays ?? 0,
      songs: counts ? this.songsOf(counts.songs, query.limit) : [],
      artists: counts ? this.artistsOf(counts.artists, query.limit) : [],
    };
  }

  private remember(play: LivePlay, artistNames: string[]): void {
    // A later play can know more (the API names every artist, the import only the
    // album's): keep the richer of what was seen.
    const known = this.trackInfo.get(play.trackId);
    const name = play.trackName ?? known?.name ?? null;
    const artists =
      known && known.artists.length > artistNames.length ? known.artists : artistNames;
    if (!known || known.name !== name || known.artists !== artists) {
      this.trackInfo.set(play.trackId, { name, artists });
    }
    for (const artist of play.artists) if (artist.id) this.artistIds.set(artist.name, artist.id);
  }

  private scopeOf(userId: string | undefined): ScopeCounts | undefined {
    return userId === undefined ? this.overall : this.perUser.get(userId);
  }

  private countsOf(
    query: TopQuery,
  ): { songs: RankedCounter; artists: RankedCounter; plays: number } | undefined {
    if (!this.windowNames.includes(query.window)) {
      throw new LiveError(
        'UNKNOWN_WINDOW',
        `window "${query.window}" is not one of ${this.windowNames.join(', ')}`,
      );
    }
    const scope = this.scopeOf(query.userId);
    if (!scope) return undefined;
    return query.window === ALL_TIME_WINDOW ? scope.allTime : scope.windows.get(query.window);
  }

  private songsOf(counter: RankedCounter, limit: number): TopSong[] {
    return counter.top(limit).map(({ key, count }) => {
      const info = this.trackInfo.get(key);
      return {
        trackId: key,
        trackName: info?.name ?? null,
        artists: info?.artists ?? [],
        plays: count,
      };
    });
  }

  private artistsOf(counter: RankedCounter, limit: number): TopArtist[] {
    return counter.top(limit).map(({ key, count }) => ({
      name: key,
      artistId: this.artistIds.get(key) ?? null,
      plays: count,
    }));
  }
}
