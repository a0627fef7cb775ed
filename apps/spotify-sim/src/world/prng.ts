/*
 * All randomness in the simulator comes from here, so a seed fully determines the
 * world. mulberry32 is tiny, fast and good enough for fake data; hashing the inputs
 * (seed, user, day…) into a fresh generator makes every derived fact a pure function
 * of those inputs instead of depending on the order things were computed in.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the joined parts: turns (seed, "user", 17) into a 32-bit generator seed. */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(...parts: readonly (string | number)[]): Rng {
  const next = mulberry32(hashSeed(...parts));
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as T;
    },
    chance: (probability: number) => next() < probability,
  };
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Spotify-looking 22-character base62 id, derived from the given parts. */
export function base62Id(...parts: readonly (string | number)[]): string {
  const rng = createRng('id', ...parts);
  let id = '';
  for (let i = 0; i < 22; i++) id += BASE62[rng.int(0, 61)];
  return id;
}
