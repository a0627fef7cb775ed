import { describe, expect, it } from 'vitest';
import { chunkBy, chunksOf } from './chunking.ts';

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

describe('chunksOf', () => {
  it('pulls items only as far as the chunk it is about to hand out', () => {
    const pulled: number[] = [];
    function* source() {
      for (let i = 1; i <= 10; i++) {
        pulled.push(i);
        yield i;
      }
    }
    const chunks = chunksOf(source(), () => 1, 3, 1000);
    expect(chunks.next().value).toEqual([1, 2, 3]);
    // The fourth item was read to learn the first chunk was full; nothing further.
    expect(pulled).toEqual([1, 2, 3, 4]);
    expect([...chunks]).toEqual([[4, 5, 6], [7, 8, 9], [10]]);
  });
});
