import { describe, expect, it } from 'vitest';
import { MinHeap } from './min-heap.ts';

describe('MinHeap', () => {
  it('pops items in ascending order of their key, whatever the push order', () => {
    const heap = new MinHeap<{ at: number }>((item) => item.at);
    const values = [5, 3, 9, 1, 1, 7, 2, 8, 6, 4, 0];
    for (const at of values) heap.push({ at });
    expect(heap.size).toBe(values.length);
    expect(heap.peek()).toEqual({ at: 0 });
    const popped: number[] = [];
    while (heap.size > 0) popped.push(heap.pop()!.at);
    expect(popped).toEqual([...values].sort((a, b) => a - b));
    expect(heap.pop()).toBeUndefined();
  });

  it('stays ordered when pushes and pops interleave', () => {
    const heap = new MinHeap<number>((n) => n);
    const shadow: number[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let step = 0; step < 5_000; step++) {
      if (random() < 0.4 && shadow.length > 0) {
        shadow.sort((a, b) => a - b);
        expect(heap.pop()).toBe(shadow.shift());
      } else {
        const n = Math.floor(random() * 1000);
        heap.push(n);
        shadow.push(n);
      }
    }
  });
});
