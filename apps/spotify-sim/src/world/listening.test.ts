import { describe, expect, it } from 'vitest';
import { buildWorld } from './world.ts';

describe('listening history', () => {
  it('depends only on seed, user and time, not on what was asked before', () => {
    const now = Date.parse('2026-02-01T23:00:00Z');
    const a = buildWorld(42);
    const b = buildWorld(42);
    const user = (w: typeof a) => w.users[2]!;
    // Warm one world's cache in a different order first.
    a.library.topTracks(user(a), 'long_term', now);
    expect(a.listening.recentPlays(user(a), now, 50)).toEqual(
      b.listening.recentPlays(user(b), now, 50),
    );
  });

  it('only lists counted plays that have ended, newest first', () => {
    const world = buildWorld(42);
    const now = Date.parse('2026-02-01T12:34:56Z');
    const plays = world.listening.recentPlays(world.users[0]!, now, 50);
    expect(plays).toHaveLength(50);
    for (const play of plays) {
      expect(play.endedAt).toBeLessThanOrEqual(now);
      expect(play.msPlayed).toBeGreaterThanOrEqual(30_000);
    }
    expect(plays.map((p) => p.endedAt)).toEqual(
      [...plays.map((p) => p.endedAt)].sort((x, y) => y - x),
    );
  });

  it('gives users clearly different favourite artists', () => {
    const world = buildWorld(42);
    const now = Date.parse('2026-02-01T00:00:00Z');
    const tops = world.users.map((u) =>
      world.library.topArtists(u, 'medium_term', now).slice(0, 10),
    );
    for (let i = 0; i < tops.length; i++) {
      for (let j = i + 1; j < tops.length; j++) {
        const overlap = tops[i]!.filter((id) => tops[j]!.includes(id)).length;
        expect(overlap).toBeLessThan(5);
      }
    }
  });
});
