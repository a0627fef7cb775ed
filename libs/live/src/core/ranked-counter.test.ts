import { describe, expect, it } from 'vitest';
import { RankedCounter } from './ranked-counter.ts';

/** The same ranking computed the slow way: counts sorted, ties by key. */
function naiveTop(counts: Map<string, number>, limit: number) {
  return [...counts.entries()]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([key, count]) => ({ key, count }));
}

describe('RankedCounter', () => {
  it('ranks keys by count, highest first', () => {
    const counter = new RankedCounter();
    for (const key of ['a', 'b', 'b', 'c', 'c', 'c']) counter.increment(key);
    expect(counter.top(10)).toEqual([
      { key: 'c', count: 3 },
      { key: 'b', count: 2 },
      { key: 'a', count: 1 },
    ]);
    expect(counter.top(2).map((e) => e.key)).toEqual(['c', 'b']);
    expect(counter.total).toBe(6);
    expect(counter.size).toBe(3);
  });

  it('ranks equal counts by key, whatever order they got there in', () => {
    const counter = new RankedCounter();
    for (const key of ['y', 'x', 'y', 'x', 'z']) counter.increment(key);
    expect(counter.top(3).map((e) => e.key)).toEqual(['x', 'y', 'z']);
    expect(counter.top(0)).toEqual([]);
  });

  it('counts down and forgets a key at zero', () => {
    const counter = new RankedCounter();
    for (const key of ['a', 'a', 'b']) counter.increment(key);
    counter.decrement('a');
    counter.decrement('b');
    counter.decrement('missing');
    expect(counter.top(10)).toEqual([{ key: 'a', count: 1 }]);
    expect(counter.count('b')).toBe(0);
    expect(counter.size).toBe(1);
    expect(counter.total).toBe(1);
    counter.decrement('a');
    expect(counter.top(10)).toEqual([]);
    expect(counter.total).toBe(0);
  });

  it('agrees with a sort of the counts after random ups and downs', () => {
    const counter = new RankedCounter();
    const counts = new Map<string, number>();
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let step = 0; step < 20_000; step++) {
      const key = `k${Math.floor(random() * 50)}`;
      const current = counts.get(key) ?? 0;
      if (random() < 0.35 && current > 0) {
        counter.decrement(key);
        counts.set(key, current - 1);
      } else {
        counter.increment(key);
        counts.set(key, current + 1);
      }
    }
    for (const limit of [1, 5, 50]) expect(counter.top(limit)).toEqual(naiveTop(counts, limit));
    expect(counter.total).toBe([...counts.values()].reduce((a, b) => a + b, 0));
  });
});
