// Generated from schemas/streaming-history.avsc by libs/schemas/scripts/generate-types.ts. Do not edit.

/** One play of the user's extended streaming history export (Streaming_History_Audio_*.json, older endsong_*.json). A track play carries track_*; a podcast play carries episode_*. */
export interface StreamingHistoryPlay {
  /** Spotify user id the export belongs to (given to the importer); also the record key. */
  user_id: string;
  /** When the importer read the file (the import time). (epoch milliseconds) */
  fetched_at: number;
  /** import <file name>, e.g. import Streaming_History_Audio_2024.json. */
  endpoint: string;
  /** The import that published it. */
  run_id: string;
  /** When the play ENDED (the export's ts, UTC). (epoch milliseconds) */
  ts: number;
  ms_played: number;
  /** From spotify_track_uri; null for podcast episodes and local files. */
  track_id: null | string;
  track_name: null | string;
  /** The album artist's name: the export has no artist id. */
  artist_name: null | string;
  album_name: null | string;
  /** From spotify_episode_uri; null for music. */
  episode_id: null | string;
  episode_name: null | string;
  /** The export's episode_show_name. */
  show_name: null | string;
  platform: null | string;
  conn_country: null | string;
  reason_start: null | string;
  reason_end: null | string;
  shuffle: null | boolean;
  skipped: null | boolean;
  offline: null | boolean;
  incognito_mode: null | boolean;
  /** The export's object as it was (JSON), minus ip_addr / ip_addr_decrypted (privacy). */
  item_json: string;
}
