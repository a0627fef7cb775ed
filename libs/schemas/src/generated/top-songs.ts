// Generated from schemas/top-songs.avsc by libs/schemas/scripts/generate-types.ts. Do not edit.

/** ~4 weeks, ~6 months, several years. */
export type TimeRange = 'short_term' | 'medium_term' | 'long_term';

/** One rank of a GET /me/top/tracks snapshot. */
export interface TopSong {
  /** Spotify user id of the connected user; also the record key. */
  user_id: string;
  /** When the producer received the API answer. (epoch milliseconds) */
  fetched_at: number;
  /** Method and path template, e.g. GET /me/player/recently-played. */
  endpoint: string;
  /** The producer cycle that fetched it. */
  run_id: string;
  time_range: TimeRange;
  /** 1-based position in the snapshot. */
  rank: number;
  /** The UTC day the snapshot was taken. (days since 1970-01-01) */
  snapshot_date: number;
  track_id: string;
  track_name: string;
  album_id: string;
  artist_ids: Array<string>;
  /** Removed for new apps in 2026; present only where the API still gives it. */
  popularity: null | number;
  /** The complete item exactly as Spotify returned it (JSON). */
  item_json: string;
}
