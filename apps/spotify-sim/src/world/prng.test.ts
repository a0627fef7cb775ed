import { describe, expect, it } from 'vitest';
import { base62Id, createRng, hashSeed } from './prng.ts';

describe('prng', () => {
  it('is a pure function of its inputs', () => {
    const a = createRng(42, 'x', 1);
    const b = createRng(42, 'x', 1);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(
      Array.from({ length: 5 }, () => b.next()),
    );
    expect(hashSeed(42, 'x')).not.toBe(hashSeed(43, 'x'));
  });

  it('keeps values in range', () => {
    const rng = createRng(1);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
    }
  });

  it('makes 22-character base62 ids', () => {
    expect(base62Id(42, 'track', 1)).toMatch(/^[0-9A-Za-z]{22}$/);
    expect(base62Id(42, 'track', 1)).toBe(base62Id(42, 'track', 1));
    expect(base62Id(42, 'track', 1)).not.toBe(base62Id(42, 'track', 2));
  });
});
