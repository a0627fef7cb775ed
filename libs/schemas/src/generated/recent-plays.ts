// Generated from schemas/recent-plays.avsc by libs/schemas/scripts/generate-types.ts. Do not edit.

/** One play from GET /me/player/recently-played. */
export interface RecentPlay {
  /** Spotify user id of the connected user; also the record key. */
  user_id: string;
  /** When the producer received the API answer. (epoch milliseconds) */
  fetched_at: number;
  /** Method and path template, e.g. GET /me/player/recently-played. */
  endpoint: string;
  /** The producer cycle that fetched it. */
  run_id: string;
  /** When the play ended (Spotify's played_at). (epoch milliseconds) */
  played_at: number;
  track_id: string;
  track_name: string;
  duration_ms: number;
  /** external_ids.isrc; links one recording published under several ids. */
  isrc: null | string;
  album_id: string;
  artist_ids: Array<string>;
  /** album, artist, playlist or show, when Spotify says. */
  context_type: null | string;
  /** The playlist/album the play came from. */
  context_uri: null | string;
  /** The complete item exactly as Spotify returned it (JSON). */
  item_json: string;
}
