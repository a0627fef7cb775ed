export {
  createSpotifyClient,
  type ListOptions,
  type RecentlyPlayedOptions,
  type SearchType,
  type SinceOptions,
  type SpotifyClient,
  type SpotifyClientOptions,
  type TimeRange,
} from './client/spotify-client.ts';
export {
  SPOTIFY_ERROR_CODES,
  SpotifyError,
  isSpotifyError,
  type SpotifyErrorCode,
  type SpotifyErrorDetails,
} from './errors/spotify-error.ts';
export { buildAuthorizeUrl, type AuthorizeUrlInput } from './auth/authorize-url.ts';
export {
  createPkcePair,
  pkceChallenge,
  PKCE_VERIFIER_CHARSET,
  type PkcePair,
} from './auth/pkce.ts';
export { SPOTIFY_SCOPES, type SpotifyScope } from './auth/scopes.ts';
export { OAuthStateStore, type PendingAuthorization } from './auth/state-store.ts';
export { TokenEndpoint, type TokenResponse } from './auth/token-endpoint.ts';
export {
  InMemoryKeyValueStore,
  type KeyValueStore,
  type StoredTokens,
  type TokenStore,
} from './tokens/token-store.ts';
export { EncryptedTokenStore } from './tokens/encrypted-token-store.ts';
export { UserSessions, type UserConnectionStatus } from './tokens/user-sessions.ts';
export {
  AppRateLimiter,
  RATE_LIMIT_DEFAULTS,
  type AppRateLimiterOptions,
  type PauseReason,
  type RateLimitStatus,
} from './rate-limit/app-rate-limiter.ts';
export { RETRY_DEFAULTS, type RetryOptions } from './retry/retry-defaults.ts';
export { backoffDelay, isTransient, withRetry } from './retry/with-retry.ts';
export { collectOffsetPages, type CollectOptions } from './paging/offset-pages.ts';
export { collectCursorPages } from './paging/cursor-pages.ts';
export { OPERATIONS, type Operation, type OperationName } from './http/operations.ts';
export type { Album, ArtistDiscographyAlbum, SimplifiedAlbum } from './schemas/album.ts';
export type { Artist, SimplifiedArtist } from './schemas/artist.ts';
export type { ExternalIds, Image, PlayContext, PlaylistUser } from './schemas/common.ts';
export type { PlayHistory, SavedAlbum, SavedTrack } from './schemas/library.ts';
export type { CursorPage, OffsetPage } from './schemas/paging.ts';
export type { Episode, Playlist, PlaylistItem, SimplifiedPlaylist } from './schemas/playlist.ts';
export type {
  FollowedArtistsResponse,
  RecentlyPlayedPage,
  SearchResponse,
} from './schemas/responses.ts';
export type { SimplifiedTrack } from './schemas/simplified-track.ts';
export type { Track } from './schemas/track.ts';
export type { PrivateUser } from './schemas/user.ts';
export { SPOTIFY_OPENAPI_FILE } from './contract-file.ts';
