/*
 * The dimensions' merges, written from one column list each: insert a new natural key,
 * and for a known one update the row only when a value differs (IS DISTINCT FROM), so
 * the same batch twice changes nothing. A `kept` column keeps its loaded value when the
 * batch has none (the API dropped popularity in 2026, a simplified object has no label);
 * the others take the batch's value as it is.
 */
interface DimensionColumn {
  name: string;
  /** Keep the loaded value when the batch's is null. */
  kept?: boolean;
}

interface Dimension {
  table: string;
  naturalKey: string;
  /** The rest of the dimension's loaded columns (updated_at aside). */
  columns: readonly DimensionColumn[];
  /** A SELECT from staging giving the natural key, then `columns`, in order. */
  source: string;
}

const kept = (name: string): DimensionColumn => ({ name, kept: true });
const replaced = (name: string): DimensionColumn => ({ name });

const newValue = (column: DimensionColumn) =>
  column.kept ? `coalesce(excluded.${column.name}, d.${column.name})` : `excluded.${column.name}`;

/** `INSERT … ON CONFLICT (natural key) DO UPDATE … WHERE (a value differs)` for a dimension. */
export function dimensionUpsert(dimension: Dimension): string {
  const names = dimension.columns.map((column) => column.name);
  return `
    insert into ${dimension.table} as d (${[dimension.naturalKey, ...names].join(', ')})
    ${dimension.source}
    on conflict (${dimension.naturalKey}) do update set
      ${dimension.columns.map((column) => `${column.name} = ${newValue(column)}`).join(',\n      ')},
      updated_at = now()
    where (${names.map((name) => `d.${name}`).join(', ')})
      is distinct from (${dimension.columns.map(newValue).join(', ')})`;
}

export const DIMENSION_UPSERTS = {
  albums: dimensionUpsert({
    table: 'warehouse.dim_album',
    naturalKey: 'spotify_album_id',
    columns: [
      replaced('album_name'),
      kept('album_type'),
      kept('release_date'),
      kept('total_tracks'),
      kept('label'),
      kept('popularity'),
    ],
    source: `select album_id, album_name, album_type, release_date, total_tracks, label, popularity
    from stg_albums`,
  }),
  artists: dimensionUpsert({
    table: 'warehouse.dim_artist',
    naturalKey: 'spotify_artist_id',
    columns: [replaced('artist_name'), kept('popularity'), kept('followers')],
    source: `select artist_id, artist_name, popularity, followers from stg_artists`,
  }),
  tracks: dimensionUpsert({
    table: 'warehouse.dim_track',
    naturalKey: 'spotify_track_id',
    columns: [
      replaced('track_name'),
      kept('duration_ms'),
      kept('isrc'),
      kept('album_key'),
      kept('explicit'),
      kept('popularity'),
    ],
    source: `select s.track_id, s.track_name, s.duration_ms, s.isrc, a.album_key, s.explicit, s.popularity
    from stg_tracks s left join warehouse.dim_album a on a.spotify_album_id = s.album_id`,
  }),
  episodes: dimensionUpsert({
    table: 'warehouse.dim_episode',
    naturalKey: 'spotify_episode_id',
    columns: [
      replaced('episode_name'),
      kept('show_name'),
      kept('spotify_show_id'),
      kept('publisher'),
      kept('duration_ms'),
      kept('release_date'),
    ],
    source: `select episode_id, episode_name, show_name, show_id, publisher, duration_ms, release_date
    from stg_episodes`,
  }),
  // a playlist's latest fetch says all there is: every value is replaced
  playlists: dimensionUpsert({
    table: 'warehouse.dim_playlist',
    naturalKey: 'spotify_playlist_id',
    columns: [
      replaced('playlist_name'),
      replaced('owner_spotify_id'),
      replaced('owner_name'),
      replaced('is_collaborative'),
      replaced('is_public'),
      replaced('snapshot_id'),
      replaced('items_total'),
    ],
    source: `select playlist_id, playlist_name, owner_id, owner_name, is_collaborative, is_public,
      snapshot_id, items_total
    from stg_playlists`,
  }),
};
