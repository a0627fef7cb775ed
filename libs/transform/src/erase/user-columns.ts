import type { ProcessedModel } from '@spotify-insights/warehouse';

/*
 * Which columns of each lake table name a member, so "delete my data" can find their
 * rows in files partitioned by date rather than by user. A row goes when any of its
 * table's user columns holds the member's id. Tables with none (the catalogue: tracks,
 * artists, albums, episodes, playlists and their items, charts) are shared by everyone
 * and stay whole. Playlists keep owner_id/owner_name and playlist items added_by, as
 * the warehouse keeps dim_playlist and the playlist facts: a tracked playlist is the
 * group's, whoever owns it.
 */

/** Every processed model (the compiler insists a new one is classified here). */
export const PROCESSED_USER_COLUMNS = {
  users: ['user_id'],
  albums: [],
  artists: [],
  tracks: [],
  track_artists: [],
  episodes: [],
  playlists: [],
  plays: ['user_id'],
  episode_plays: ['user_id'],
  saved_tracks: ['user_id'],
  saved_albums: ['user_id'],
  followed_artists: ['user_id'],
  top_items: ['user_id'],
  playlist_items: [],
  chart_entries: [],
} as const satisfies Record<ProcessedModel, readonly string[]>;

/** Every presentation aggregate (user-columns.test.ts checks the list against theirs). */
export const PRESENTATION_USER_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  user_daily_listening: ['user_id'],
  user_monthly_listening: ['user_id'],
  top_tracks_by_period: ['user_id'],
  top_artists_by_period: ['user_id'],
  top_albums_by_period: ['user_id'],
  listening_clock: ['user_id'],
  sessions: ['user_id'],
  streaks: ['user_id'],
  discovery: ['user_id'],
  artist_discovery: ['user_id'],
  // one row per pair of members: it goes when the member is either one
  group_overlap: ['user_a', 'user_b'],
  playlist_rank_history: [],
  podcast_listening: ['user_id'],
};

export type LakeLayer = 'processed' | 'presentation';
export type TableFileFormat = 'parquet' | 'csv';

/** A lake object that holds rows of a table with user columns. */
export interface UserTableFile {
  table: string;
  format: TableFileFormat;
  userColumns: readonly string[];
}

const formatOf = (key: string): TableFileFormat | undefined =>
  key.endsWith('.parquet') ? 'parquet' : key.endsWith('.csv') ? 'csv' : undefined;

/**
 * The table an object key of a layer belongs to, by the transform's layouts:
 *   processed     <model>/[<date column>=<day>/]<run>_<n>.parquet
 *                 quarantine/<model>/run=<run>/rows_<n>.parquet
 *   presentation  <aggregate>/<aggregate>.parquet and .csv
 * Undefined for anything else (quality reports, tables without user columns): left as is.
 */
export function userTableFile(layer: LakeLayer, key: string): UserTableFile | undefined {
  const format = formatOf(key);
  if (!format) return undefined;
  const segments = key.split('/');
  if (layer === 'processed') {
    if (format !== 'parquet') return undefined;
    const table = (segments[0] === 'quarantine' ? segments[1] : segments[0]) ?? '';
    return withUserColumns(PROCESSED_USER_COLUMNS, table, format);
  }
  const [table = '', file] = segments;
  if (segments.length !== 2 || file !== `${table}.${format}`) return undefined;
  return withUserColumns(PRESENTATION_USER_COLUMNS, table, format);
}

function withUserColumns(
  columnsByTable: Readonly<Record<string, readonly string[]>>,
  table: string,
  format: TableFileFormat,
): UserTableFile | undefined {
  // own keys only: a folder named `constructor` is no table
  const userColumns = Object.hasOwn(columnsByTable, table) ? columnsByTable[table] : undefined;
  return userColumns && userColumns.length > 0 ? { table, format, userColumns } : undefined;
}
