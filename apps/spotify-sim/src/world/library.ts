/*
 * What each user has built up by time `now`: top lists, saved tracks and albums,
 * followed artists. Everything is derived from the listening history and per-day
 * seeded decisions, so libraries grow as the clock moves and never depend on polling.
 */
import type { Catalogue } from './catalogue.ts';
import { DAY_MS, HISTORY_ORIGIN, type Listening } from './listening.ts';
import { createRng } from './prng.ts';
import type { SimUser } from './users.ts';

export type TimeRange = 'short_term' | 'medium_term' | 'long_term';

const RANGE_DAYS: Record<TimeRange, number> = { short_term: 28, medium_term: 182, long_term: 3650 };
const TOP_LIST_MAX = 120;

export interface Saved {
  id: string;
  addedAt: number;
}

export interface Library {
  topTracks(user: SimUser, range: TimeRange, now: number): string[];
  topArtists(user: SimUser, range: TimeRange, now: number): string[];
  savedTracks(user: SimUser, now: number): Saved[];
  savedAlbums(user: SimUser, now: number): Saved[];
  /** Followed artist ids in cursor order (ascending id, so cursors stay valid as follows arrive). */
  followedArtists(user: SimUser, now: number): string[];
}

export function createLibrary(seed: number, catalogue: Catalogue, listening: Listening): Library {
  const rank = (counts: Map<string, number>, fallback: readonly string[]): string[] => {
    // Ties broken by the user's stable favourites, then by id: deterministic ordering.
    const favouriteRank = new Map(fallback.map((id, i) => [id, i]));
    return [...counts.entries()]
      .sort(
        (a, b) =>
          b[1] - a[1] ||
          (favouriteRank.get(a[0]) ?? 1e9) - (favouriteRank.get(b[0]) ?? 1e9) ||
          (a[0] < b[0] ? -1 : 1),
      )
      .slice(0, TOP_LIST_MAX)
      .map(([id]) => id);
  };

  const playsInRange = (user: SimUser, range: TimeRange, now: number) =>
    listening.playsBetween(user, now - RANGE_DAYS[range] * DAY_MS, now + 1);

  const topTracks = (user: SimUser, range: TimeRange, now: number) => {
    const counts = new Map<string, number>();
    for (const play of playsInRange(user, range, now))
      counts.set(play.trackId, (counts.get(play.trackId) ?? 0) + 1);
    return rank(counts, []);
  };

  const topArtists = (user: SimUser, range: TimeRange, now: number) => {
    const counts = new Map<string, number>();
    for (const play of playsInRange(user, range, now)) {
      const artistId = catalogue.tracks.get(play.trackId)?.artistIds[0];
      if (artistId) counts.set(artistId, (counts.get(artistId) ?? 0) + 1);
    }
    return rank(counts, user.favouriteArtistIds);
  };

  /** Walks every day up to now, letting a seeded coin decide whether a played item is saved. */
  const collect = (
    user: SimUser,
    now: number,
    kind: string,
    probability: number,
    toId: (trackId: string) => string,
  ) => {
    const seen = new Set<string>();
    const saved: Saved[] = [];
    for (let day = Math.floor(HISTORY_ORIGIN / DAY_MS); day * DAY_MS <= now; day++) {
      const rng = createRng(seed, kind, user.id, day);
      if (!rng.chance(probability)) continue;
      const plays = listening.playsOfDay(user, day);
      if (plays.length === 0) continue;
      const play = rng.pick(plays);
      const id = toId(play.trackId);
      const addedAt = play.endedAt + 60_000;
      if (addedAt > now || seen.has(id)) continue;
      seen.add(id);
      saved.push({ id, addedAt });
    }
    return saved.reverse();
  };

  const albumOf = (trackId: string) => catalogue.tracks.get(trackId)?.albumId ?? '';
  const artistOf = (trackId: string) => catalogue.tracks.get(trackId)?.artistIds[0] ?? '';

  return {
    topTracks,
    topArtists,
    savedTracks: (user, now) => collect(user, now, 'save-track', 0.5, (id) => id),
    savedAlbums: (user, now) => collect(user, now, 'save-album', 0.08, albumOf),
    followedArtists: (user, now) => {
      const ids = new Set(user.favouriteArtistIds.slice(0, 6));
      for (const s of collect(user, now, 'follow', 0.05, artistOf)) ids.add(s.id);
      return [...ids].sort();
    },
  };
}
