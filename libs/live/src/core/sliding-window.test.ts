import { describe, expect, it } from 'vitest';
import { SlidingWindowCounts, type WindowEntry } from './sliding-window.ts';

const MINUTE = 60_000;
const entry = (playedAt: number, song: string, artists: string[] = []): WindowEntry => ({
  playedAt,
  songKey: song,
  artistKeys: artists,
});

describe('SlidingWindowCounts', () => {
  it('counts plays inside (watermark - length, watermark] and evicts them as it slides', () => {
    const window = new SlidingWindowCounts(5 * MINUTE);
    expect(window.add(entry(0, 'a', ['x']), 0)).toBe(true);
    expect(window.add(entry(2 * MINUTE, 'b', ['x']), 2 * MINUTE)).toBe(true);
    expect(window.songs.top(5).map((e) => e.key)).toEqual(['a', 'b']);
    expect(window.artists.top(5)).toEqual([{ key: 'x', count: 2 }]);

    // At 5 min the play at 0 is exactly one length old: out (the window is half-open).
    expect(window.slideTo(5 * MINUTE)).toBe(1);
    expect(window.songs.top(5).map((e) => e.key)).toEqual(['b']);
    expect(window.artists.top(5)).toEqual([{ key: 'x', count: 1 }]);
    expect(window.plays).toBe(1);
  });

  it('counts a late play that is still inside, refuses one already out', () => {
    const window = new SlidingWindowCounts(5 * MINUTE);
    window.add(entry(10 * MINUTE, 'now'), 10 * MINUTE);
    expect(window.add(entry(6 * MINUTE, 'late-inside'), 10 * MINUTE)).toBe(true);
    expect(window.add(entry(5 * MINUTE, 'late-outside'), 10 * MINUTE)).toBe(false);
    expect(window.songs.count('late-inside')).toBe(1);
    expect(window.songs.count('late-outside')).toBe(0);
    // The late play leaves when the window slides past it, before the newer one.
    expect(window.slideTo(11 * MINUTE + 1)).toBe(1);
    expect(window.songs.count('late-inside')).toBe(0);
    expect(window.songs.count('now')).toBe(1);
  });
});
