/*
 * The processed models as the loader receives them (CSV, in this column order, with a
 * header line): the contract between libs/transform, which writes them, and the merges
 * into the star schema. Types are PostgreSQL's; the staging tables use them so COPY
 * rejects a malformed value with the column's name.
 */

const PLAY_COLUMNS = [
  ['user_id', 'text'],
  ['played_at', 'timestamptz'],
  ['track_id', 'text'],
  ['ms_played', 'integer'],
  ['skipped', 'boolean'],
  ['reason_start', 'text'],
  ['reason_end', 'text'],
  ['shuffle', 'boolean'],
  ['offline', 'boolean'],
  ['platform', 'text'],
  ['conn_country', 'text'],
  ['incognito', 'boolean'],
  ['context_type', 'text'],
  ['context_uri', 'text'],
  ['source', 'text'],
  // played_at known only to the minute (account data): see minute-plays.ts
  ['played_to_the_minute', 'boolean'],
] as const;
export const PROCESSED_COLUMNS = {
  users: [
    ['user_id', 'text'],
    ['first_seen_at', 'timestamptz'],
  ],
  albums: [
    ['album_id', 'text'],
    ['album_name', 'text'],
    ['album_type', 'text'],
    ['release_date', 'text'],
    ['total_tracks', 'integer'],
    ['label', 'text'],
    ['popularity', 'smallint'],
  ],
  artists: [
    ['artist_id', 'text'],
    ['artist_name', 'text'],
    ['popularity', 'smallint'],
    ['followers', 'integer'],
    // a JSON array of names, or empty when Spotify gave none
    ['genres', 'jsonb'],
  ],
  tracks: [
    ['track_id', 'text'],
    ['track_name', 'text'],
    ['duration_ms', 'integer'],
    ['isrc', 'text'],
    ['album_id', 'text'],
    ['explicit', 'boolean'],
    ['popularity', 'smallint'],
  ],
  track_artists: [
    ['track_id', 'text'],
    ['artist_id', 'text'],
    ['artist_position', 'smallint'],
  ],
  episodes: [
    ['episode_id', 'text'],
    ['episode_name', 'text'],
    ['show_name', 'text'],
    ['show_id', 'text'],
    ['publisher', 'text'],
    ['duration_ms', 'integer'],
    ['release_date', 'text'],
  ],
  playlists: [
    ['playlist_id', 'text'],
    ['playlist_name', 'text'],
    ['owner_id', 'text'],
    ['owner_name', 'text'],
    ['is_collaborative', 'boolean'],
    ['is_public', 'boolean'],
    ['snapshot_id', 'text'],
    ['items_total', 'integer'],
  ],
  plays: PLAY_COLUMNS,
  // plays' columns for an episode: recently-played lists no episodes, so no context
  episode_plays: PLAY_COLUMNS.filter(([name]) => !name.startsWith('context_')).map(
    ([name, type]) => [name === 'track_id' ? 'episode_id' : name, type] as const,
  ),
  saved_tracks: [
    ['user_id', 'text'],
    ['track_id', 'text'],
    ['added_at', 'timestamptz'],
  ],
  saved_albums: [
    ['user_id', 'text'],
    ['album_id', 'text'],
    ['added_at', 'timestamptz'],
    ['snapshot_date', 'date'],
  ],
  followed_artists: [
    ['user_id', 'text'],
    ['artist_id', 'text'],
    ['snapshot_date', 'date'],
  ],
  top_items: [
    ['user_id', 'text'],
    ['snapshot_date', 'date'],
    ['item_type', 'text'],
    ['time_range', 'text'],
    ['rank', 'smallint'],
    ['track_id', 'text'],
    ['artist_id', 'text'],
  ],
  playlist_items: [
    ['playlist_id', 'text'],
    ['snapshot_date', 'date'],
    ['snapshot_id', 'text'],
    ['position', 'integer'],
    ['item_type', 'text'],
    ['track_id', 'text'],
    ['episode_id', 'text'],
    ['added_at', 'timestamptz'],
    ['added_by', 'text'],
  ],
  chart_entries: [
    ['chart_name', 'text'],
    ['chart_date', 'date'],
    ['rank', 'smallint'],
    ['track_id', 'text'],
    ['streams', 'bigint'],
    ['peak_rank', 'smallint'],
    ['previous_rank', 'smallint'],
    ['periods_on_chart', 'integer'],
    ['source', 'text'],
  ],
} as const satisfies Record<string, ReadonlyArray<readonly [string, string]>>;

export type ProcessedModel = keyof typeof PROCESSED_COLUMNS;

/** Dimensions before the facts that reference them. */
export const LOAD_ORDER: readonly ProcessedModel[] = [
  'users',
  'albums',
  'artists',
  'tracks',
  'track_artists',
  'episodes',
  'playlists',
  'plays',
  'episode_plays',
  'saved_tracks',
  'saved_albums',
  'followed_artists',
  'top_items',
  'playlist_items',
  'chart_entries',
];

export function stagingTable(model: ProcessedModel): string {
  return `stg_${model}`;
}

export function columnNames(model: ProcessedModel): string[] {
  return PROCESSED_COLUMNS[model].map(([name]) => name);
}
