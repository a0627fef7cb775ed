/*
 * The five simulated listeners: a Development Mode app may have at most five users,
 * so these five are exactly the friend group. Each has a distinct taste (genre
 * weights) and daily rhythm so their statistics are clearly different.
 */
import type { Catalogue } from './catalogue.ts';
import { createRng } from './prng.ts';

export interface SimUser {
  id: string;
  displayName: string;
  email: string;
  country: string;
  product: 'premium' | 'free';
  /** Relative weight of each genre in this user's listening. */
  genreWeights: Record<string, number>;
  /** Hours of day (UTC) when sessions usually start. */
  sessionHours: readonly number[];
  sessionsPerDay: readonly [number, number];
  skipRate: number;
  /** The user's favourite artists, most loved first; drives their stable top list. */
  favouriteArtistIds: string[];
}

interface UserSeed {
  id: string;
  displayName: string;
  country: string;
  product: 'premium' | 'free';
  genreWeights: Record<string, number>;
  sessionHours: number[];
  sessionsPerDay: [number, number];
  skipRate: number;
}

const USER_SEEDS: readonly UserSeed[] = [
  {
    id: 'ayaka.sim',
    displayName: '山田 彩花',
    country: 'JP',
    product: 'premium',
    genreWeights: { 'j-pop': 8, jazz: 2, techno: 1 },
    sessionHours: [7, 12, 21, 22],
    sessionsPerDay: [2, 4],
    skipRate: 0.1,
  },
  {
    id: 'boris.sim',
    displayName: 'Борис Петров',
    country: 'DE',
    product: 'premium',
    genreWeights: { 'russian post-punk': 7, techno: 4, 'indie rock': 1 },
    sessionHours: [0, 1, 2, 19, 23],
    sessionsPerDay: [1, 3],
    skipRate: 0.25,
  },
  {
    id: 'chloe.sim',
    displayName: 'Chloé Dubois',
    country: 'FR',
    product: 'premium',
    genreWeights: { chanson: 6, 'indie rock': 4, jazz: 2 },
    sessionHours: [8, 9, 13, 18],
    sessionsPerDay: [2, 5],
    skipRate: 0.15,
  },
  {
    id: 'dana.sim',
    // A hostile display name on purpose: every page and log that shows it must escape it.
    displayName: 'Dana <script>alert("pwned")</script> & Co',
    country: 'US',
    product: 'free',
    genreWeights: { 'hip hop': 9, techno: 2 },
    sessionHours: [15, 16, 17, 20],
    sessionsPerDay: [2, 4],
    skipRate: 0.35,
  },
  {
    id: 'emre.sim',
    displayName: 'Emre Yılmaz 🎧',
    country: 'TR',
    product: 'premium',
    genreWeights: { 'arabic pop': 6, jazz: 3, chanson: 1, 'j-pop': 1 },
    sessionHours: [6, 10, 14, 20],
    sessionsPerDay: [1, 3],
    skipRate: 0.05,
  },
];

export function buildUsers(seed: number, catalogue: Catalogue): SimUser[] {
  return USER_SEEDS.map((u) => {
    const rng = createRng(seed, 'favourites', u.id);
    const favourites: string[] = [];
    for (const [genre, weight] of Object.entries(u.genreWeights)) {
      const pool = catalogue.artistsByGenre.get(genre) ?? [];
      const wanted = Math.min(pool.length, weight * 3);
      favourites.push(...stableShuffle(pool, rng.next).slice(0, wanted));
    }
    // Interleave genres by a stable shuffle so the top list is not genre-sorted.
    const ordered = stableShuffle(favourites, rng.next);
    return {
      ...u,
      email: `${u.id.replace('.sim', '')}@example.invalid`,
      favouriteArtistIds: ordered,
    };
  });
}

/** Shuffle by sorting on drawn keys: a consistent comparator, so the result is stable. */
export function stableShuffle<T>(items: readonly T[], random: () => number): T[] {
  return items
    .map((item) => ({ item, key: random() }))
    .sort((x, y) => x.key - y.key)
    .map((x) => x.item);
}
