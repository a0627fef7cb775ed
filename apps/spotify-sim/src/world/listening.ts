/*
 * Listening history as a pure function of (seed, user, day): each UTC day's plays are
 * generated from a generator seeded by exactly those inputs, so asking twice at the
 * same simulated time always gives the same answer, and moving the clock forward only
 * reveals plays that were "always" going to happen. Days are cached because the top
 * lists need months of them.
 */
import type { Catalogue, Track } from './catalogue.ts';
import { createRng } from './prng.ts';
import type { SimUser } from './users.ts';

export const DAY_MS = 86_400_000;
/** Nobody listened before this instant: keeps history (and work) bounded. */
export const HISTORY_ORIGIN = Date.UTC(2025, 0, 1);
/** Spotify only lists a play once at least this much of it was heard. */
export const MIN_COUNTED_MS = 30_000;

export interface Play {
  trackId: string;
  startedAt: number;
  endedAt: number;
  msPlayed: number;
  skipped: boolean;
  contextAlbumId: string;
}

export interface Listening {
  playsOfDay(user: SimUser, day: number): readonly Play[];
  /** Counted plays (≥ 30 s) that ended in [from, to), oldest first. */
  playsBetween(user: SimUser, from: number, to: number): Play[];
  /** The most recent counted plays that ended at or before `now`, newest first. */
  recentPlays(user: SimUser, now: number, max: number): Play[];
}

export function createListening(seed: number, catalogue: Catalogue): Listening {
  const cache = new Map<string, readonly Play[]>();

  const pickTrack = (user: SimUser, rng: ReturnType<typeof createRng>, day: number): Track => {
    const favourites = user.favouriteArtistIds;
    let artistId: string;
    if (rng.chance(0.75) && favourites.length > 0) {
      // Squaring skews towards the front of the list: a few artists dominate, like real taste.
      artistId = favourites[Math.floor(favourites.length * rng.next() ** 2)] as string;
    } else {
      // Weekly discoveries make short-term tops drift away from long-term ones.
      const week = Math.floor(day / 7);
      const discovery = createRng(seed, 'discovery', user.id, week, rng.int(0, 4));
      const genres = Object.keys(user.genreWeights);
      const pool = catalogue.artistsByGenre.get(discovery.pick(genres)) ?? favourites;
      artistId = discovery.pick(pool);
    }
    const artist = catalogue.artists.get(artistId);
    const album = catalogue.albums.get(rng.pick(artist?.albumIds ?? []));
    const track = album ? catalogue.tracks.get(rng.pick(album.trackIds)) : undefined;
    return track ?? (catalogue.trackList[0] as Track);
  };

  const generateDay = (user: SimUser, day: number): Play[] => {
    const dayStart = day * DAY_MS;
    if (dayStart < HISTORY_ORIGIN) return [];
    const rng = createRng(seed, 'day', user.id, day);
    const starts: number[] = [];
    const sessions = rng.int(user.sessionsPerDay[0], user.sessionsPerDay[1]);
    for (let s = 0; s < sessions; s++) {
      starts.push(dayStart + rng.pick(user.sessionHours) * 3_600_000 + rng.int(0, 3_000_000));
    }
    starts.sort((a, b) => a - b);
    const plays: Play[] = [];
    let cursor = dayStart;
    for (const sessionStart of starts) {
      let at = Math.max(sessionStart, cursor + 60_000);
      const length = rng.int(4, 16);
      for (let i = 0; i < length; i++) {
        const track = pickTrack(user, rng, day);
        const skipped = rng.chance(user.skipRate);
        const msPlayed = skipped
          ? rng.int(3_000, Math.min(90_000, track.durationMs))
          : track.durationMs;
        const endedAt = at + msPlayed;
        // A session running past midnight belongs to the next day's generator's silence;
        // cutting it keeps each day's plays inside that day, so days stay independent.
        if (endedAt >= dayStart + DAY_MS) break;
        plays.push({
          trackId: track.id,
          startedAt: at,
          endedAt,
          msPlayed,
          skipped,
          contextAlbumId: track.albumId,
        });
        at = endedAt + rng.int(0, 4_000);
      }
      cursor = at;
    }
    return plays;
  };

  const playsOfDay = (user: SimUser, day: number): readonly Play[] => {
    const key = `${user.id}:${day}`;
    let plays = cache.get(key);
    if (!plays) {
      plays = generateDay(user, day);
      cache.set(key, plays);
    }
    return plays;
  };

  const playsBetween = (user: SimUser, from: number, to: number): Play[] => {
    const result: Play[] = [];
    const firstDay = Math.floor(Math.max(from, HISTORY_ORIGIN) / DAY_MS);
    const lastDay = Math.floor((to - 1) / DAY_MS);
    for (let day = firstDay; day <= lastDay; day++) {
      for (const play of playsOfDay(user, day)) {
        if (play.msPlayed >= MIN_COUNTED_MS && play.endedAt >= from && play.endedAt < to)
          result.push(play);
      }
    }
    return result;
  };

  const recentPlays = (user: SimUser, now: number, max: number): Play[] => {
    const result: Play[] = [];
    for (
      let day = Math.floor(now / DAY_MS);
      day * DAY_MS >= HISTORY_ORIGIN && result.length < max;
      day--
    ) {
      const plays = playsOfDay(user, day);
      for (let i = plays.length - 1; i >= 0 && result.length < max; i--) {
        const play = plays[i] as Play;
        if (play.msPlayed >= MIN_COUNTED_MS && play.endedAt <= now) result.push(play);
      }
    }
    return result;
  };

  return { playsOfDay, playsBetween, recentPlays };
}
