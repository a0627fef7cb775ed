/**
 * The eight Spotify sources; each has one topic and one value schema (schemas/<source>.avsc).
 * Topic names carry the schema's major version: an incompatible change means a new topic.
 */
export const SOURCE_NAMES = [
  'recent-plays',
  'liked-songs',
  'top-songs',
  'top-artists',
  'saved-playlists',
  'playlist-items',
  'following-artists',
  'saved-albums',
] as const;

export type SourceName = (typeof SOURCE_NAMES)[number];

export function sourceTopic(source: SourceName): string {
  return `spotify.${source}.v1`;
}

/** The key schema shared by every topic: the Spotify user id. */
export const KEY_SCHEMA_NAME = 'user-key';

/** Fields every source record carries, whatever the source (the data contract's envelope). */
export const ENVELOPE_FIELDS = [
  'user_id',
  'fetched_at',
  'endpoint',
  'run_id',
  'item_json',
] as const;
