import type { Knex } from 'knex';

/*
 * A five-place daily chart over four dates (one day missing: "previous" is the previous
 * date the chart has), as track ids by rank, and a playlist with two snapshots. Tracks
 * are the listening fixture's.
 */
export const CHART = 'regional-test-daily';

export const CHART_DAYS: { date: string; ranks: string[] }[] = [
  { date: '2026-06-01', ranks: ['tr-glow', 'tr-low', 'tr-kaffee', 'tr-delta', 'tr-echo'] },
  { date: '2026-06-02', ranks: ['tr-low', 'tr-glow', 'tr-delta', 'tr-kaffee', 'tr-echo'] },
  // 2026-06-03 missing
  { date: '2026-06-04', ranks: ['tr-delta', 'tr-low', 'tr-glow', 'tr-glow-single', 'tr-kaffee'] },
  { date: '2026-06-05', ranks: ['tr-echo', 'tr-delta', 'tr-low', 'tr-glow', 'tr-kaffee'] },
];

export const STREAMS_PER_RANK = [5000, 4000, 3000, 2000, 1000];

export const PLAYLIST = {
  id: 'pl-top-test',
  name: 'Top Test',
  snapshots: [
    { date: '2026-06-01', tracks: ['tr-glow', 'tr-low', 'tr-kaffee'] },
    { date: '2026-06-02', tracks: ['tr-low', 'tr-glow', 'tr-echo'] },
  ],
};

const key = (date: string) => Number(date.replaceAll('-', ''));

export async function loadChartFixture(db: Knex): Promise<void> {
  const tracks = new Map(
    (await db('warehouse.dim_track').select('spotify_track_id', 'track_key')).map(
      (r: { spotify_track_id: string; track_key: string }) => [r.spotify_track_id, r.track_key],
    ),
  );
  await db('warehouse.fct_chart_entry').insert(
    CHART_DAYS.flatMap((day) =>
      day.ranks.map((track, i) => ({
        chart_name: CHART,
        chart_date_key: key(day.date),
        rank: i + 1,
        track_key: tracks.get(track),
        streams: STREAMS_PER_RANK[i],
        source: 'charts_csv',
        load_batch_id: 'api-fixture',
      })),
    ),
  );
  const [playlist] = await db('warehouse.dim_playlist')
    .insert({ spotify_playlist_id: PLAYLIST.id, playlist_name: PLAYLIST.name })
    .returning('playlist_key');
  await db('warehouse.fct_playlist_item_snapshot').insert(
    PLAYLIST.snapshots.flatMap((s) =>
      s.tracks.map((track, position) => ({
        playlist_key: playlist.playlist_key,
        snapshot_date_key: key(s.date),
        snapshot_id: `snap-${s.date}`,
        position,
        item_type: 'track',
        track_key: tracks.get(track),
        load_batch_id: 'api-fixture',
      })),
    ),
  );
}
