import type { StreamingHistoryPlay } from '@spotify-insights/schemas';

/*
 * Plays shaped like an export's (a streaming-history record with its item_json), one per
 * second of event time, so that replayed at `rate`× they go out at `rate` plays a second
 * and the 5-minute and 1-hour windows slide (and evict) all along. Every play has its own
 * second, so its own grain. Track popularity is skewed (a few favourites, a long tail),
 * like a real history, so the top-N moves without changing on every play.
 */
export function syntheticHistory(options: {
  plays: number;
  users: number;
  tracks: number;
  runId: string;
}): StreamingHistoryPlay[] {
  const first = Math.floor(Date.now() / 1000) * 1000 - options.plays * 1000;
  let seed = 12_345;
  const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  const plays: StreamingHistoryPlay[] = [];
  for (let i = 0; i < options.plays; i++) {
    const track = Math.floor(options.tracks * random() ** 3);
    const artist = track % Math.max(1, Math.floor(options.tracks / 7));
    const ts = first + i * 1000;
    const item = {
      ts: new Date(ts).toISOString(),
      platform: 'android',
      ms_played: 180_000,
      conn_country: 'DE',
      master_metadata_track_name: `Bench Track ${track}`,
      master_metadata_album_artist_name: `Bench Artist ${artist}`,
      master_metadata_album_album_name: `Bench Album ${artist}`,
      spotify_track_uri: `spotify:track:bench${track}`,
      reason_start: 'trackdone',
      reason_end: 'trackdone',
      shuffle: false,
      skipped: false,
      offline: false,
      incognito_mode: false,
    };
    plays.push({
      user_id: `bench-user-${String(i % options.users).padStart(3, '0')}`,
      fetched_at: ts,
      endpoint: 'replay bench',
      run_id: options.runId,
      ts,
      ms_played: 180_000,
      track_id: `bench${track}`,
      track_name: item.master_metadata_track_name,
      artist_name: item.master_metadata_album_artist_name,
      album_name: item.master_metadata_album_album_name,
      episode_id: null,
      episode_name: null,
      show_name: null,
      platform: 'android',
      conn_country: 'DE',
      reason_start: 'trackdone',
      reason_end: 'trackdone',
      shuffle: false,
      skipped: false,
      offline: false,
      incognito_mode: false,
      item_json: JSON.stringify(item),
    });
  }
  return plays;
}
