import { describe, expect, it } from 'vitest';
import { LiveAggregator } from './live-aggregator.ts';
import type { LivePlay } from './live-play.ts';

const MINUTE = 60_000;
const T0 = Date.parse('2024-03-01T12:00:00Z');

function play(
  minutes: number,
  trackId: string,
  options: { user?: string; artists?: string[] } = {},
): LivePlay {
  return {
    userId: options.user ?? 'ana',
    playedAt: T0 + minutes * MINUTE,
    trackId,
    trackName: `Song ${trackId}`,
    artists: (options.artists ?? [`Artist of ${trackId}`]).map((name) => ({ name, id: null })),
  };
}

const songs = (agg: LiveAggregator, window: string, userId?: string) =>
  agg.topSongs({ window, limit: 10, userId }).map((s) => [s.trackId, s.plays]);

describe('LiveAggregator', () => {
  it('ranks songs and artists per window, slid by event time, and all time', () => {
    const agg = new LiveAggregator();
    agg.add(play(0, 'a', { artists: ['X'] }));
    agg.add(play(1, 'a', { artists: ['X'] }));
    agg.add(play(2, 'b', { artists: ['X', 'Y'] }));
    agg.add(play(7, 'b', { artists: ['X', 'Y'] }));

    // Watermark 12:07: the 5-minute window holds (12:02, 12:07]; 12:02 itself is out.
    expect(songs(agg, '5m')).toEqual([['b', 1]]);
    expect(songs(agg, '1h')).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
    expect(songs(agg, 'all')).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
    expect(agg.topArtists({ window: 'all', limit: 10 })).toEqual([
      { name: 'X', artistId: null, plays: 4 },
      { name: 'Y', artistId: null, plays: 2 },
    ]);
    const snapshot = agg.snapshot({ window: '5m', limit: 10 });
    expect(snapshot).toMatchObject({
      window: '5m',
      userId: null,
      watermark: '2024-03-01T12:07:00.000Z',
      windowStart: '2024-03-01T12:02:00.000Z',
      plays: 1,
    });
    expect(snapshot.songs[0]).toEqual({
      trackId: 'b',
      trackName: 'Song b',
      artists: ['X', 'Y'],
      plays: 1,
    });
  });

  it('counts a late play into the windows it still belongs to and drops it when they slide past', () => {
    const agg = new LiveAggregator();
    agg.add(play(10, 'now'));
    agg.add(play(6, 'late')); // 4 minutes late: inside 5m and 1h
    agg.add(play(4, 'too-late')); // 6 minutes late: inside 1h only
    expect(songs(agg, '5m')).toEqual([
      ['late', 1],
      ['now', 1],
    ]);
    expect(songs(agg, '1h').map(([id]) => id)).toEqual(['late', 'now', 'too-late']);
    expect(songs(agg, 'all')).toHaveLength(3);

    agg.add(play(11.5, 'next')); // watermark 12:11:30: 12:06 falls out of 5m
    expect(songs(agg, '5m')).toEqual([
      ['next', 1],
      ['now', 1],
    ]);
    agg.add(play(66.5, 'much-later')); // watermark 13:06:30: 12:04 and 12:06 fall out of 1h
    expect(songs(agg, '1h').map(([id]) => id)).toEqual(['much-later', 'next', 'now']);
    expect(songs(agg, '5m')).toEqual([['much-later', 1]]);
    expect(songs(agg, 'all')).toHaveLength(5);
  });

  it('counts a play once however often it arrives (user, played_at to the second, track)', () => {
    const agg = new LiveAggregator();
    const first = play(0, 'a');
    expect(agg.add(first)).toBe('counted');
    expect(agg.add({ ...first })).toBe('duplicate');
    // The same second, milliseconds apart (the API and the export round differently).
    expect(agg.add({ ...first, playedAt: first.playedAt + 400 })).toBe('duplicate');
    expect(agg.add({ ...first, userId: 'ben' })).toBe('counted');
    expect(agg.add({ ...first, trackId: 'b' })).toBe('counted');
    expect(agg.stats).toEqual({ plays: 3, duplicates: 2, users: 2 });
    // A copy not counted again still names the track better.
    agg.add({
      ...first,
      trackName: 'Better',
      artists: [
        { name: 'X', id: 'x1' },
        { name: 'Y', id: null },
      ],
    });
    expect(agg.topSongs({ window: 'all', limit: 1 })[0]).toMatchObject({
      trackId: 'a',
      artists: ['X', 'Y'],
      plays: 2,
    });
    expect(agg.version).toBe(3);
    expect(agg.version).toBe(3);
  });

  it('keeps each user on their own watermark, everyone on the latest', () => {
    const agg = new LiveAggregator();
    agg.add(play(0, 'old', { user: 'ana' }));
    agg.add(play(600, 'new', { user: 'ben' })); // ten hours later in event time
    expect(songs(agg, '5m')).toEqual([['new', 1]]);
    expect(songs(agg, '5m', 'ana')).toEqual([['old', 1]]);
    expect(songs(agg, '5m', 'ben')).toEqual([['new', 1]]);
    expect(songs(agg, '5m', 'nobody')).toEqual([]);
    expect(agg.snapshot({ window: 'all', limit: 5, userId: 'nobody' })).toMatchObject({
      watermark: null,
      plays: 0,
    });
    expect(agg.users).toEqual(['ana', 'ben']);
  });

  it('names artists by id once a play from the API knows it, and keeps the richest track info', () => {
    const agg = new LiveAggregator();
    agg.add({ ...play(0, 't'), artists: [{ name: 'Solo', id: null }] });
    agg.add({
      ...play(1, 't'),
      artists: [
        { name: 'Solo', id: 'artist1' },
        { name: 'Guest', id: 'artist2' },
      ],
    });
    agg.add({ ...play(2, 't'), trackName: null, artists: [{ name: 'Solo', id: null }] });
    expect(agg.topArtists({ window: 'all', limit: 5 })).toEqual([
      { name: 'Solo', artistId: 'artist1', plays: 3 },
      { name: 'Guest', artistId: 'artist2', plays: 1 },
    ]);
    expect(agg.topSongs({ window: 'all', limit: 1 })[0]).toMatchObject({
      trackName: 'Song t',
      artists: ['Solo', 'Guest'],
    });
  });

  it('hands out the same snapshot until a play changes it', () => {
    const agg = new LiveAggregator();
    agg.add(play(0, 'a'));
    const first = agg.snapshot({ window: '5m', limit: 5 });
    expect(agg.snapshot({ window: '5m', limit: 5 })).toBe(first);
    expect(agg.snapshot({ window: '5m', limit: 4 })).not.toBe(first);
    agg.add(play(0, 'a')); // a duplicate changes nothing
    expect(agg.snapshot({ window: '5m', limit: 5 })).toBe(first);
    agg.add(play(1, 'b'));
    expect(agg.snapshot({ window: '5m', limit: 5 }).plays).toBe(2);
    expect(() => agg.snapshot({ window: 'week', limit: 5 })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_WINDOW' }),
    );
  });

  it('tells listeners about counted plays only', () => {
    const agg = new LiveAggregator();
    const seen: string[] = [];
    const off = agg.onPlay((_, grain) => seen.push(grain));
    agg.add(play(0, 'a'));
    agg.add(play(0, 'a'));
    off();
    agg.add(play(1, 'b'));
    expect(seen).toEqual([`${(T0 / 1000).toFixed(0)}:a:ana`]);
  });

  it('refuses an unknown window and bad window specs', () => {
    const agg = new LiveAggregator();
    expect(() => agg.topSongs({ window: '2m', limit: 5 })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_WINDOW' }),
    );
    expect(
      () =>
        new LiveAggregator({
          windows: [{ name: 'all', lengthMs: 1 }],
        }),
    ).toThrow(expect.objectContaining({ code: 'BAD_WINDOW_SPEC' }));
  });

  it('agrees with a recount from scratch after many out-of-order plays', () => {
    const agg = new LiveAggregator();
    const seen: LivePlay[] = [];
    let seed = 3;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    let clock = 0;
    for (let i = 0; i < 3_000; i++) {
      clock += random() * 0.5; // minutes
      const lateness = random() < 0.2 ? random() * 70 : 0; // some up to 70 minutes late
      const p = play(clock - lateness, `t${Math.floor(random() * 30)}`, {
        user: random() < 0.5 ? 'ana' : 'ben',
      });
      if (agg.add(p) === 'counted') seen.push(p);
    }
    for (const [window, length] of [
      ['5m', 5 * MINUTE],
      ['1h', 60 * MINUTE],
    ] as const) {
      for (const user of [undefined, 'ana']) {
        const scope = seen.filter((p) => user === undefined || p.userId === user);
        // What each play saw: the watermark when it arrived decides if it was counted.
        let watermark = Number.NEGATIVE_INFINITY;
        const counted: LivePlay[] = [];
        for (const p of scope) {
          watermark = Math.max(watermark, p.playedAt);
          if (p.playedAt > watermark - length) counted.push(p);
        }
        const expected = new Map<string, number>();
        for (const p of counted.filter((p) => p.playedAt > watermark - length))
          expected.set(p.trackId, (expected.get(p.trackId) ?? 0) + 1);
        const actual = agg.topSongs({ window, limit: 100, userId: user });
        expect(new Map(actual.map((s) => [s.trackId, s.plays]))).toEqual(expected);
      }
    }
  });
});
