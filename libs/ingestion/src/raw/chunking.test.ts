import { describe, expect, it } from 'vitest';
import { chunkBy } from './chunking.ts';

describe('chunkBy', () => {
  it('cuts by record count', () => {
    expect(chunkBy([1, 2, 3, 4, 5], () => 1, 2, 1000)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('cuts by bytes, never leaving an item out or a chunk empty', () => {
    expect(chunkBy([5, 5, 5, 20, 1], (n) => n, 100, 10)).toEqual([[5, 5], [5], [20], [1]]);
  });

  it('returns nothing for nothing', () => {
    expect(chunkBy([], () => 1, 10, 10)).toEqual([]);
  });
});
