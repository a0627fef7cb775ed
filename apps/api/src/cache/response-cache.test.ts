import { describe, expect, it } from 'vitest';
import { ResponseCache } from './response-cache.ts';

function setup(options: { maxEntries?: number; ttlMs?: number } = {}) {
  let time = 0;
  let version = 'v1';
  let computed = 0;
  const cache = new ResponseCache({
    maxEntries: options.maxEntries ?? 10,
    ttlMs: options.ttlMs ?? 60_000,
    version: async () => version,
    versionCheckMs: 1000,
    clock: () => time,
  });
  const compute = async () => ({ n: ++computed });
  return {
    cache,
    compute,
    tick: (ms: number) => (time += ms),
    setVersion: (v: string) => (version = v),
    computed: () => computed,
  };
}

describe('ResponseCache', () => {
  it('answers the same key from memory until the data version moves', async () => {
    const t = setup();
    expect(await t.cache.json('/a', t.compute)).toBe('{"n":1}');
    expect(await t.cache.json('/a', t.compute)).toBe('{"n":1}');
    t.setVersion('v2');
    // the version is checked at most once a second
    expect(await t.cache.json('/a', t.compute)).toBe('{"n":1}');
    t.tick(1000);
    expect(await t.cache.json('/a', t.compute)).toBe('{"n":2}');
  });

  it('expires entries after the ttl', async () => {
    const t = setup({ ttlMs: 5000 });
    await t.cache.json('/a', t.compute);
    t.tick(4999);
    expect(await t.cache.json('/a', t.compute)).toBe('{"n":1}');
    t.tick(1);
    expect(await t.cache.json('/a', t.compute)).toBe('{"n":2}');
  });

  it('computes once for concurrent requests of one key', async () => {
    const t = setup();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.cache.json('/a', t.compute)),
    );
    expect(new Set(answers)).toEqual(new Set(['{"n":1}']));
    expect(t.computed()).toBe(1);
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const t = setup({ maxEntries: 2 });
    await t.cache.json('/a', t.compute);
    await t.cache.json('/b', t.compute);
    await t.cache.json('/a', t.compute); // /a is now the most recent
    await t.cache.json('/c', t.compute);
    expect(t.cache.size).toBe(2);
    expect(await t.cache.json('/a', t.compute)).toBe('{"n":1}');
    expect(await t.cache.json('/b', t.compute)).toBe('{"n":4}');
  });

  it('is off with maxEntries 0', async () => {
    const t = setup({ maxEntries: 0 });
    await t.cache.json('/a', t.compute);
    expect(await t.cache.json('/a', t.compute)).toBe('{"n":2}');
  });

  it('does not cache an answer computed across a version change', async () => {
    const t = setup();
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const first = t.cache.json('/a', async () => {
      await slow;
      return { n: 'old' };
    });
    await new Promise((resolve) => setTimeout(resolve, 0)); // /a is computing under v1
    t.setVersion('v2');
    t.tick(1000);
    const second = t.cache.json('/b', t.compute); // notices v2
    release();
    expect(await first).toBe('{"n":"old"}');
    await second;
    expect(await t.cache.json('/a', t.compute)).toBe('{"n":2}');
  });
});
