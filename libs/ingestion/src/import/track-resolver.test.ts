import { describe, expect, it } from 'vitest';
import {
  namesKey,
  type PgSearchResolutionStore,
  type TrackNames,
} from './pg-search-resolution-store.ts';
import { TrackResolver } from './track-resolver.ts';

/** The store's contract in memory: this unit test is about the resolver, not Postgres. */
function memoryStore(initial: Array<[TrackNames, string | null]> = []) {
  const rows = new Map(initial.map(([n, id]) => [namesKey(n), id]));
  return {
    rows,
    getMany: (pairs: readonly TrackNames[]) =>
      Promise.resolve(
        new Map(
          pairs
            .filter((p) => rows.has(namesKey(p)))
            .map((p) => [namesKey(p), rows.get(namesKey(p))!]),
        ),
      ),
    put: (n: TrackNames, id: string | null) => {
      rows.set(namesKey(n), id);
      return Promise.resolve();
    },
  } as unknown as PgSearchResolutionStore & { rows: Map<string, string | null> };
}

const a = { artistName: 'A', trackName: 'One' };
const b = { artistName: 'B', trackName: 'Two' };
const c = { artistName: 'C', trackName: 'Three' };

describe('TrackResolver', () => {
  it('searches each distinct pair once, and never one the cache knows (found or not)', async () => {
    const store = memoryStore([[c, null]]);
    const searched: string[] = [];
    const resolver = new TrackResolver(store, (names) => {
      searched.push(names.trackName);
      return Promise.resolve(
        names.trackName === 'One' ? [{ id: 'id-one', name: 'One', artists: [{ name: 'A' }] }] : [],
      );
    });

    const first = await resolver.resolve([a, b, a, c, b]);
    const again = await resolver.resolve([a, b]);

    expect(searched.sort()).toEqual(['One', 'Two']);
    expect(first.get(namesKey(a))).toBe('id-one');
    expect(first.get(namesKey(b))).toBeNull();
    expect(first.get(namesKey(c))).toBeNull();
    expect(again.get(namesKey(a))).toBe('id-one');
    expect(store.rows.get(namesKey(b))).toBeNull();
    expect(resolver.stats).toEqual({ cached: 1, searched: 2, notFound: 1 });
  });
});
