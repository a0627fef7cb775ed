// Generated from schemas/following-artists.avsc by libs/schemas/scripts/generate-types.ts. Do not edit.

/** One artist of a GET /me/following?type=artist snapshot. */
export interface FollowedArtist {
  /** Spotify user id of the connected user; also the record key. */
  user_id: string;
  /** When the producer received the API answer. (epoch milliseconds) */
  fetched_at: number;
  /** Method and path template, e.g. GET /me/player/recently-played. */
  endpoint: string;
  /** The producer cycle that fetched it. */
  run_id: string;
  /** (days since 1970-01-01) */
  snapshot_date: number;
  artist_id: string;
  artist_name: string;
  /** Removed in 2026. */
  genres: null | Array<string>;
  /** Removed in 2026. */
  followers: null | number;
  /** Removed in 2026. */
  popularity: null | number;
  /** The complete item exactly as Spotify returned it (JSON). */
  item_json: string;
}
