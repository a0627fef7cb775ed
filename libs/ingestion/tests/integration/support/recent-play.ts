import type { RecentPlay } from '@spotify-insights/schemas';

export const PLAY_DAY_1 = Date.parse('2026-11-21T12:00:00Z');
export const PLAY_DAY_2 = Date.parse('2026-11-22T12:00:00Z');

/** A recent-plays record as the producer would send it: play `i` of `user`, fetched on day 1 or 2. */
export function recentPlay(user: string, i: number): RecentPlay {
  return {
    user_id: user,
    fetched_at: i % 2 === 0 ? PLAY_DAY_1 : PLAY_DAY_2,
    endpoint: 'GET /me/player/recently-played',
    run_id: 'run-it',
    played_at: PLAY_DAY_1 + i * 1000,
    track_id: `track${i}`,
    track_name: `Track ${i}`,
    duration_ms: 200_000,
    isrc: null,
    album_id: 'album1',
    artist_ids: ['artist1'],
    context_type: null,
    context_uri: null,
    item_json: JSON.stringify({
      played_at: new Date(PLAY_DAY_1 + i * 1000).toISOString(),
      track: { id: `track${i}` },
    }),
  };
}
