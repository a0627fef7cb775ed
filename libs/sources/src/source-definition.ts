import type { SourceName } from '@spotify-insights/schemas';
import type { SpotifyClient } from '@spotify-insights/spotify';

/** Every client method a source may call; the runtime hands over a real `SpotifyClient`. */
export type SourceClient = Pick<
  SpotifyClient,
  | 'getRecentlyPlayed'
  | 'getSavedTracks'
  | 'getTopTracks'
  | 'getTopArtists'
  | 'getPlaylists'
  | 'getPlaylistItems'
  | 'getFollowedArtists'
  | 'getSavedAlbums'
>;

export interface FetchContext<TCheckpoint, TClient = SourceClient> {
  client: TClient;
  userId: string;
  /** What the previous acknowledged run stored; undefined on a user's first run. */
  checkpoint: TCheckpoint | undefined;
  runId: string;
  /** Fetch time: becomes `fetched_at`, and its UTC day is the snapshot day. */
  now: Date;
}

export interface FetchResult<TRecord, TCheckpoint> {
  records: TRecord[];
  /** Stored by the runtime only after every record is acknowledged by Kafka. */
  checkpoint: TCheckpoint | undefined;
}

/**
 * One Spotify source: what it calls, how often, and how one user's answer becomes
 * records. `TClient` lets a definition ask for only the client methods it uses (so a
 * test's fake implements just those); it still accepts the full `SourceClient`.
 */
export interface SourceDefinition<TRecord, TCheckpoint, TClient = SourceClient> {
  name: SourceName;
  /** Method and path template, e.g. `GET /me/player/recently-played`. */
  endpoint: string;
  /** The schemas/<name>.avsc its records fit (same as `name`). */
  schemaName: SourceName;
  defaultIntervalMs: number;
  /** Fetch what is new for one user and map it to records; never sends anything. */
  fetch(ctx: FetchContext<TCheckpoint, TClient>): Promise<FetchResult<TRecord, TCheckpoint>>;
}
