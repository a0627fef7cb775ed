// Generated from schemas/saved-playlists.avsc by libs/schemas/scripts/generate-types.ts. Do not edit.

/** One playlist from GET /me/playlists. */
export interface SavedPlaylist {
  /** Spotify user id of the connected user; also the record key. */
  user_id: string;
  /** When the producer received the API answer. (epoch milliseconds) */
  fetched_at: number;
  /** Method and path template, e.g. GET /me/player/recently-played. */
  endpoint: string;
  /** The producer cycle that fetched it. */
  run_id: string;
  playlist_id: string;
  name: string;
  owner_id: string;
  /** display_name of the owner */
  owner_name: null | string;
  /** Changes whenever the playlist's content changes. */
  snapshot_id: string;
  collaborative: boolean;
  /** null when Spotify does not say */
  public: null | boolean;
  /** Number of items, when given. */
  items_total: null | number;
  /** The complete item exactly as Spotify returned it (JSON). */
  item_json: string;
}
