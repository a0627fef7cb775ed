export type {
  FetchContext,
  FetchResult,
  SourceClient,
  SourceDefinition,
} from './source-definition.ts';
export {
  getSource,
  SOURCES,
  type AnySourceDefinition,
  type SourceCheckpoint,
  type SourceRecord,
  type SourceRegistry,
  type SourceTypes,
} from './registry.ts';
export type { DailyCheckpoint } from './shared/daily-snapshot.ts';
export { envelope, endpointOf, itemJson, type Envelope } from './shared/envelope.ts';
export { utcDay } from './shared/time.ts';
export { TIME_RANGES } from './shared/time-ranges.ts';

export {
  recentPlaysSource,
  type RecentPlaysCheckpoint,
} from './recent-plays/recent-plays-source.ts';
export { mapPlay } from './recent-plays/map-play.ts';
export { likedSongsSource, type LikedSongsCheckpoint } from './liked-songs/liked-songs-source.ts';
export { mapSavedTrack } from './liked-songs/map-saved-track.ts';
export { topSongsSource } from './top-songs/top-songs-source.ts';
export { mapTopTrack } from './top-songs/map-top-track.ts';
export { topArtistsSource } from './top-artists/top-artists-source.ts';
export { mapTopArtist } from './top-artists/map-top-artist.ts';
export { savedPlaylistsSource } from './saved-playlists/saved-playlists-source.ts';
export { mapPlaylist } from './saved-playlists/map-playlist.ts';
export {
  playlistItemsSource,
  type PlaylistItemsCheckpoint,
} from './playlist-items/playlist-items-source.ts';
export { mapPlaylistItem, type PlaylistSnapshot } from './playlist-items/map-playlist-item.ts';
export { followingArtistsSource } from './following-artists/following-artists-source.ts';
export { mapFollowedArtist } from './following-artists/map-followed-artist.ts';
export { savedAlbumsSource } from './saved-albums/saved-albums-source.ts';
export { mapSavedAlbum } from './saved-albums/map-saved-album.ts';
