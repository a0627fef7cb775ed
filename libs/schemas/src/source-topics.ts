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

/**
 * Sources fed by importing the user's export files, not by polling the API: each has a
 * topic, a schema and a consumer like an API source, but no producer app (the importer
 * CLI publishes them). Kept apart so `run-all producers` starts only the eight.
 */
export const IMPORT_SOURCE_NAMES = ['streaming-history', 'charts'] as const;

export type ImportSourceName = (typeof IMPORT_SOURCE_NAMES)[number];

/** Every source with a topic (and so a consumer, a staging table): API sources, then imports. */
export const TOPIC_SOURCE_NAMES = [...SOURCE_NAMES, ...IMPORT_SOURCE_NAMES] as const;

export type TopicSourceName = SourceName | ImportSourceName;

export function sourceTopic(source: TopicSourceName): string {
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
