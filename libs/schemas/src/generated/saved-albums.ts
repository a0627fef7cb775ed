// Generated from schemas/saved-albums.avsc by libs/schemas/scripts/generate-types.ts. Do not edit.

/** One saved album from GET /me/albums. */
export interface SavedAlbum {
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
  album_id: string;
  album_name: string;
  album_type: string;
  /** As Spotify gives it: YYYY, YYYY-MM or YYYY-MM-DD. */
  release_date: string;
  total_tracks: number;
  artist_ids: Array<string>;
  /** record label, when given */
  label: null | string;
  /** The complete item exactly as Spotify returned it (JSON). */
  item_json: string;
}
