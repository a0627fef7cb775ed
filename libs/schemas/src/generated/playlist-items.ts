// Generated from schemas/playlist-items.avsc by libs/schemas/scripts/generate-types.ts. Do not edit.

export type PlaylistItemType = 'track' | 'episode';

/** One position of a GET /playlists/{id}/items snapshot. */
export interface PlaylistItem {
  /** Spotify user id of the connected user; also the record key. */
  user_id: string;
  /** When the producer received the API answer. (epoch milliseconds) */
  fetched_at: number;
  /** Method and path template, e.g. GET /me/player/recently-played. */
  endpoint: string;
  /** The producer cycle that fetched it. */
  run_id: string;
  playlist_id: string;
  snapshot_id: string;
  /** (days since 1970-01-01) */
  snapshot_date: number;
  /** 0-based position in the playlist. */
  position: number;
  /** null for very old playlists */
  added_at: null | number;
  /** user id; null for very old playlists */
  added_by: null | string;
  item_type: PlaylistItemType;
  item_id: string;
  item_name: string;
  /** Empty for episodes. */
  artist_ids: Array<string>;
  /** The complete item exactly as Spotify returned it (JSON). */
  item_json: string;
}
