// Generated from schemas/top-artists.avsc by libs/schemas/scripts/generate-types.ts. Do not edit.

/** ~4 weeks, ~6 months, several years. */
export type TimeRange = 'short_term' | 'medium_term' | 'long_term';

/** One rank of a GET /me/top/artists snapshot. */
export interface TopArtist {
  /** Spotify user id of the connected user; also the record key. */
  user_id: string;
  /** When the producer received the API answer. (epoch milliseconds) */
  fetched_at: number;
  /** Method and path template, e.g. GET /me/player/recently-played. */
  endpoint: string;
  /** The producer cycle that fetched it. */
  run_id: string;
  time_range: TimeRange;
  rank: number;
  /** (days since 1970-01-01) */
  snapshot_date: number;
  artist_id: string;
  artist_name: string;
  /** Removed in 2026; present only where the API still gives it. */
  genres: null | Array<string>;
  /** Removed in 2026. */
  popularity: null | number;
  /** Removed in 2026. */
  followers: null | number;
  /** The complete item exactly as Spotify returned it (JSON). */
  item_json: string;
}
