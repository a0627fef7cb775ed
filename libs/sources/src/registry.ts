import type {
  FollowedArtist,
  LikedSong,
  PlaylistItem,
  RecentPlay,
  SavedAlbum,
  SavedPlaylist,
  SourceName,
  TopArtist,
  TopSong,
} from '@spotify-insights/schemas';
import { followingArtistsSource } from './following-artists/following-artists-source.ts';
import { likedSongsSource, type LikedSongsCheckpoint } from './liked-songs/liked-songs-source.ts';
import {
  playlistItemsSource,
  type PlaylistItemsCheckpoint,
} from './playlist-items/playlist-items-source.ts';
import {
  recentPlaysSource,
  type RecentPlaysCheckpoint,
} from './recent-plays/recent-plays-source.ts';
import { savedAlbumsSource } from './saved-albums/saved-albums-source.ts';
import { savedPlaylistsSource } from './saved-playlists/saved-playlists-source.ts';
import type { DailyCheckpoint } from './shared/daily-snapshot.ts';
import type { SourceDefinition } from './source-definition.ts';
import { topArtistsSource } from './top-artists/top-artists-source.ts';
import { topSongsSource } from './top-songs/top-songs-source.ts';

/** The record and checkpoint type of each source; the compiler checks all eight are here. */
export interface SourceTypes {
  'recent-plays': { record: RecentPlay; checkpoint: RecentPlaysCheckpoint };
  'liked-songs': { record: LikedSong; checkpoint: LikedSongsCheckpoint };
  'top-songs': { record: TopSong; checkpoint: DailyCheckpoint };
  'top-artists': { record: TopArtist; checkpoint: DailyCheckpoint };
  'saved-playlists': { record: SavedPlaylist; checkpoint: DailyCheckpoint };
  'playlist-items': { record: PlaylistItem; checkpoint: PlaylistItemsCheckpoint };
  'following-artists': { record: FollowedArtist; checkpoint: DailyCheckpoint };
  'saved-albums': { record: SavedAlbum; checkpoint: DailyCheckpoint };
}

export type SourceRecord<N extends SourceName> = SourceTypes[N]['record'];
export type SourceCheckpoint<N extends SourceName> = SourceTypes[N]['checkpoint'];

export type SourceRegistry = {
  readonly [N in SourceName]: SourceDefinition<SourceRecord<N>, SourceCheckpoint<N>>;
};

/**
 * A source as a runtime that handles all eight alike sees it: checkpoints are opaque JSON
 * it stores and hands back, records are validated against `avroType(schemaName)`.
 * Every entry of `SOURCES` is assignable to it.
 */
export type AnySourceDefinition = SourceDefinition<object, unknown>;

/** Every source, keyed by name; each takes the runtime's full `SourceClient`. */
export const SOURCES: SourceRegistry = {
  'recent-plays': recentPlaysSource,
  'liked-songs': likedSongsSource,
  'top-songs': topSongsSource,
  'top-artists': topArtistsSource,
  'saved-playlists': savedPlaylistsSource,
  'playlist-items': playlistItemsSource,
  'following-artists': followingArtistsSource,
  'saved-albums': savedAlbumsSource,
};

/**
 * The definition of one source. Names often come from configuration or the command
 * line, so an unknown one fails here with the list of valid names.
 */
export function getSource<N extends SourceName>(name: N): SourceRegistry[N] {
  if (!Object.hasOwn(SOURCES, name)) {
    throw new Error(`unknown source "${name}"; expected one of ${Object.keys(SOURCES).join(', ')}`);
  }
  return SOURCES[name];
}
