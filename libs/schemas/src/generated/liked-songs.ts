// Generated from schemas/liked-songs.avsc by libs/schemas/scripts/generate-types.ts. Do not edit.

/** One saved track from GET /me/tracks. */
export interface LikedSong {
  /** Spotify user id of the connected user; also the record key. */
  user_id: string;
  /** When the producer received the API answer. (epoch milliseconds) */
  fetched_at: number;
  /** Method and path template, e.g. GET /me/player/recently-played. */
  endpoint: string;
  /** The producer cycle that fetched it. */
  run_id: string;
  /** (epoch milliseconds) */
  added_at: number;
  track_id: string;
  track_name: string;
  duration_ms: number;
  /** external_ids.isrc */
  isrc: null | string;
  album_id: string;
  artist_ids: Array<string>;
  /** The complete item exactly as Spotify returned it (JSON). */
  item_json: string;
}
