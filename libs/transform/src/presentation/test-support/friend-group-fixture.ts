import type { FixtureRow, ProcessedFixture } from './processed-tables.ts';

/*
 * A small friend group's processed history, written by hand so every aggregate can be
 * checked against numbers worked out on paper (the tests say how). The run's `now` is
 * Monday 2026-11-23 12:00 UTC. Times are when a play ended; it started ms_played before.
 *
 * alice (u1), music:
 *   2025-12-31 23:59:00  t3  200 000 ms          (all_time only)
 *   2026-03-10 12:00:00  t3  200 000             (this_year)
 *   2026-08-01 10:00:00  t1  180 000             (last_6_months)
 *   2026-11-20 08:03:00  t1  180 000             starts 08:00:00
 *   2026-11-20 08:07:00  t2  230 000 (import)    the API copy says 240 000: the import wins
 *   2026-11-20 08:07:20  t3   20 000 short       starts 08:07:00
 *   2026-11-20 08:30:00  t1  180 000             starts 08:27:00, 19 min 40 s after 08:07:20
 *   2026-11-20 08:33:00  t4  180 000 incognito   excluded everywhere
 *   2026-11-21 22:04:00  t2  240 000
 *   2026-11-22 00:10:00  t3   25 000 short
 *   2026-11-22 00:14:00  t1  180 000             starts 00:11:00
 * alice, podcasts:
 *   2026-10-05 07:30:00  e2  600 000             Show A
 *   2026-11-20 09:00:00  e1 1 200 000 (api and import) starts 08:40:00, exactly 10 min
 *                                                after 08:30:00: the same session
 *   2026-11-21 06:00:00  e2  600 000 incognito   excluded
 * bob (u2), music: 2026-11-20 20:00 t2 200 000, 20:04 t4 240 000;
 *                  2026-11-22 21:00 t2 200 000, 21:04 t5 200 000 (t5 = t2's ISRC)
 * bob, podcast:    2026-11-21 07:00 e3 20 000 (a show without a name)
 * carol (u3):      2026-11-21 10:00 t3 100 000
 * dave (u4):       a user with no plays
 *
 * Tracks and credits: t1 (a1, album al1), t2 (a1 + a2, al1), t3 (a3, al2),
 * t4 (a4, al2, no ISRC), t5 (a1 + a2, al3, t2's ISRC in lower case).
 * Dimension rows, a credit and a playlist position stand twice, as two runs leave them.
 */

export const NOW = new Date('2026-11-23T12:00:00.000Z');

// A play of a track or of an episode, from the API and not incognito unless `extra` says.
const listen =
  (itemColumn: 'track_id' | 'episode_id') =>
  (
    user_id: string,
    played_at: string,
    item: string,
    ms_played: number,
    extra: FixtureRow = {},
  ) => ({
    user_id,
    played_at,
    [itemColumn]: item,
    ms_played,
    incognito: false,
    source: 'api',
    ...extra,
  });
const play = listen('track_id');
const episodePlay = listen('episode_id');

const track = (track_id: string, track_name: string, album_id: string, isrc: string | null) => ({
  track_id,
  track_name,
  album_id,
  isrc,
  duration_ms: 200_000,
});

const credit = (track_id: string, artist_id: string, artist_position: number) => ({
  track_id,
  artist_id,
  artist_position,
});

const item = (
  playlist_id: string,
  snapshot_date: string,
  position: number,
  track_id: string | null,
  episode_id: string | null = null,
): FixtureRow => ({
  playlist_id,
  snapshot_date,
  snapshot_id: `${playlist_id}@${snapshot_date}`,
  position,
  item_type: track_id === null ? 'episode' : 'track',
  track_id,
  episode_id,
});

export const FRIEND_GROUP_FIXTURE: ProcessedFixture = {
  users: [
    { user_id: 'u1', first_seen_at: '2025-12-01T00:00:00Z' },
    { user_id: 'u1', first_seen_at: '2026-11-01T00:00:00Z' },
    { user_id: 'u2', first_seen_at: '2026-11-01T00:00:00Z' },
    { user_id: 'u3', first_seen_at: '2026-11-01T00:00:00Z' },
    { user_id: 'u4', first_seen_at: '2026-11-01T00:00:00Z' },
  ],
  artists: [
    { artist_id: 'a1', artist_name: 'Artist One', genres: ['pop'] },
    { artist_id: 'a1', artist_name: 'Artist One', genres: [] },
    { artist_id: 'a2', artist_name: 'Artist Two', genres: [] },
    { artist_id: 'a3', artist_name: 'Artist Three', genres: ['jazz', 'soul'] },
    { artist_id: 'a4', artist_name: 'Artist Four', genres: [] },
  ],
  albums: [
    { album_id: 'al1', album_name: 'Album One' },
    { album_id: 'al2', album_name: 'Album Two' },
    { album_id: 'al3', album_name: 'Single Two' },
  ],
  tracks: [
    track('t1', 'Track One', 'al1', 'USAAA0000001'),
    { ...track('t1', 'Track One', 'al1', 'USAAA0000001'), popularity: 40 },
    track('t2', 'Track Two', 'al1', 'USAAA0000002'),
    track('t3', 'Track Three', 'al2', 'USAAA0000003'),
    track('t4', 'Track Four', 'al2', null),
    track('t5', 'Track Two (Single)', 'al3', 'usaaa0000002'),
  ],
  track_artists: [
    credit('t1', 'a1', 0),
    credit('t2', 'a1', 0),
    credit('t2', 'a1', 0),
    credit('t2', 'a2', 1),
    credit('t3', 'a3', 0),
    credit('t4', 'a4', 0),
    credit('t5', 'a1', 0),
    credit('t5', 'a2', 1),
  ],
  episodes: [
    { episode_id: 'e1', episode_name: 'Episode One', show_id: 's1', show_name: 'Show A' },
    { episode_id: 'e2', episode_name: 'Episode Two', show_id: 's1', show_name: 'Show A' },
    { episode_id: 'e3', episode_name: 'Episode Three', show_id: 's2', show_name: null },
  ],
  playlists: [
    { playlist_id: 'pl1', playlist_name: 'Road Trip', owner_id: 'u1' },
    { playlist_id: 'pl1', playlist_name: 'Road Trip', owner_id: 'u1', items_total: 3 },
    { playlist_id: 'pl2', playlist_name: 'Chill', owner_id: 'u2' },
  ],
  plays: [
    play('u1', '2025-12-31T23:59:00Z', 't3', 200_000),
    play('u1', '2026-03-10T12:00:00Z', 't3', 200_000),
    play('u1', '2026-08-01T10:00:00Z', 't1', 180_000),
    play('u1', '2026-11-20T08:03:00Z', 't1', 180_000),
    play('u1', '2026-11-20T08:07:00Z', 't2', 240_000),
    play('u1', '2026-11-20T08:07:00Z', 't2', 230_000, { source: 'import' }),
    play('u1', '2026-11-20T08:07:20Z', 't3', 20_000, { skipped: true }),
    play('u1', '2026-11-20T08:30:00Z', 't1', 180_000),
    play('u1', '2026-11-20T08:33:00Z', 't4', 180_000, { incognito: true, source: 'import' }),
    play('u1', '2026-11-21T22:04:00Z', 't2', 240_000),
    play('u1', '2026-11-22T00:10:00Z', 't3', 25_000),
    play('u1', '2026-11-22T00:14:00Z', 't1', 180_000),
    play('u2', '2026-11-20T20:00:00Z', 't2', 200_000),
    play('u2', '2026-11-20T20:04:00Z', 't4', 240_000),
    play('u2', '2026-11-22T21:00:00Z', 't2', 200_000),
    play('u2', '2026-11-22T21:04:00Z', 't5', 200_000),
    play('u3', '2026-11-21T10:00:00Z', 't3', 100_000),
  ],
  episode_plays: [
    episodePlay('u1', '2026-10-05T07:30:00Z', 'e2', 600_000),
    episodePlay('u1', '2026-11-20T09:00:00Z', 'e1', 1_200_000),
    episodePlay('u1', '2026-11-20T09:00:00Z', 'e1', 1_200_000, { source: 'import' }),
    episodePlay('u1', '2026-11-21T06:00:00Z', 'e2', 600_000, { incognito: true }),
    episodePlay('u2', '2026-11-21T07:00:00Z', 'e3', 20_000),
  ],
  playlist_items: [
    item('pl1', '2026-11-01', 0, 't1'),
    item('pl1', '2026-11-01', 1, 't2'),
    item('pl1', '2026-11-01', 2, null, 'e1'),
    item('pl1', '2026-11-08', 0, 't2'),
    item('pl1', '2026-11-08', 0, 't2'),
    item('pl1', '2026-11-08', 1, 't3'),
    item('pl1', '2026-11-08', 2, 't1'),
    item('pl2', '2026-11-08', 0, 't4'),
  ],
};
