import type { AppConfig } from '@spotify-insights/config';
import { createLogger, type Logger } from '@spotify-insights/logging';
import { OAuthStateStore } from '../auth/state-store.ts';
import { TokenEndpoint } from '../auth/token-endpoint.ts';
import { SpotifyError } from '../errors/spotify-error.ts';
import type { z } from 'zod';
import { ApiRequester, type Query } from '../http/api-requester.ts';
import type { FetchFunction } from '../http/fetch-with-timeout.ts';
import { OPERATIONS, type Operation } from '../http/operations.ts';
import { collectCursorPages } from '../paging/cursor-pages.ts';
import { collectOffsetPages, type ItemOf } from '../paging/offset-pages.ts';
import { AppRateLimiter, type RateLimitStatus } from '../rate-limit/app-rate-limiter.ts';
import { RETRY_DEFAULTS, realSleep, type RetryOptions } from '../retry/retry-defaults.ts';
import type { Album } from '../schemas/album.ts';
import type { Artist } from '../schemas/artist.ts';
import type { PlayHistory } from '../schemas/library.ts';
import type { OffsetPage } from '../schemas/paging.ts';
import type { Playlist } from '../schemas/playlist.ts';
import type { SearchResponse } from '../schemas/responses.ts';
import type { Track } from '../schemas/track.ts';
import type { PrivateUser } from '../schemas/user.ts';
import { AppToken } from '../tokens/app-token.ts';
import type { TokenStore } from '../tokens/token-store.ts';
import { UserSessions, type UserConnectionStatus } from '../tokens/user-sessions.ts';
import { createUserAuthorization } from './user-authorization.ts';

export type TimeRange = 'short_term' | 'medium_term' | 'long_term';
export type SearchType = 'album' | 'artist' | 'playlist' | 'track';

export interface SpotifyClientOptions {
  config: Pick<AppConfig, 'spotify'>;
  tokenStore: TokenStore;
  logger?: Logger;
  fetch?: FetchFunction;
  /** Per-user requests in flight at once (default 2). */
  perUserConcurrency?: number;
  rateLimit?: { windowMs?: number; longPauseThresholdMs?: number; maxConcurrent?: number };
  retry?: Partial<RetryOptions>;
  requestTimeoutMs?: number;
  now?: () => number;
}

export interface ListOptions {
  maxItems?: number;
}

/** Items added at or after `since` (lists come newest first, so paging stops there). */
export interface SinceOptions extends ListOptions {
  since?: Date;
}

export type RecentlyPlayedOptions = ListOptions &
  ({ after?: number; before?: never } | { before?: number; after?: never });

// Spotify's page-size ceilings (2026): 50 for most lists, 10 for search and discography.
const PAGE = 50;
const SMALL_PAGE = 10;

export function createSpotifyClient(options: SpotifyClientOptions) {
  const { spotify } = options.config;
  const logger = options.logger ?? createLogger('spotify-client');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const retry: RetryOptions = {
    maxAttempts: RETRY_DEFAULTS.maxAttempts,
    baseDelayMs: RETRY_DEFAULTS.baseDelayMs,
    maxDelayMs: RETRY_DEFAULTS.maxDelayMs,
    sleep: realSleep,
    random: Math.random,
    ...options.retry,
  };
  const requestTimeoutMs = options.requestTimeoutMs ?? RETRY_DEFAULTS.requestTimeoutMs;
  const tokenEndpoint = new TokenEndpoint({
    spotify,
    fetch: fetchImpl,
    retry,
    requestTimeoutMs,
    now,
  });
  const sessions = new UserSessions({ store: options.tokenStore, tokenEndpoint, now, logger });
  const limiter = new AppRateLimiter({
    requestsPerWindow: spotify.rateLimitPer30s,
    ...options.rateLimit,
    now,
    logger,
  });
  const api = new ApiRequester({
    apiBaseUrl: spotify.apiBaseUrl,
    fetch: fetchImpl,
    limiter,
    retry,
    requestTimeoutMs,
    userSessions: sessions,
    appToken: new AppToken(tokenEndpoint, now),
    perUserConcurrency: options.perUserConcurrency ?? 2,
    appConcurrency: 4,
    now,
    logger,
  });
  const states = new OAuthStateStore({ now });
  const O = OPERATIONS;

  /** An offset list of one user, all pages up to `maxItems`. */
  function userList<Schema extends z.ZodType<OffsetPage<unknown>>>(
    operation: Operation<Schema>,
    userId: string,
    query: Query,
    options: ListOptions & {
      stopAt?: ((item: ItemOf<z.infer<Schema>>) => boolean) | undefined;
      pathParams?: Record<string, string>;
    },
  ): Promise<ItemOf<z.infer<Schema>>[]> {
    const request = { userId, ...(options.pathParams ? { pathParams: options.pathParams } : {}) };
    return collectOffsetPages(
      () => api.get(operation, { ...request, query }),
      (nextUrl) => api.get(operation, { ...request, nextUrl }),
      options,
    );
  }

  const addedBefore = (since: Date | undefined) =>
    since === undefined
      ? undefined
      : (item: { added_at: string }) => Date.parse(item.added_at) < since.getTime();

  return {
    ...createUserAuthorization({ spotify, states, tokenEndpoint, sessions }),

    getUserStatus: (userId: string): Promise<UserConnectionStatus> => sessions.getStatus(userId),
    getStatus: (): RateLimitStatus => limiter.getStatus(),

    // --- the user's own data ---
    getMe: (userId: string): Promise<PrivateUser> => api.get(O.getMe, { userId }),

    /** The last plays (Spotify keeps 50). `after`/`before` are Unix ms, never both. */
    async getRecentlyPlayed(
      userId: string,
      options: RecentlyPlayedOptions = {},
    ): Promise<PlayHistory[]> {
      const { after, before, maxItems = PAGE } = options;
      if (after !== undefined && before !== undefined)
        throw new SpotifyError(
          'BAD_REQUEST',
          'recently-played takes `after` or `before`, not both',
          {
            endpoint: 'GET /me/player/recently-played',
          },
        );
      const operation = O.getRecentlyPlayed;
      return collectCursorPages(
        () => api.get(operation, { userId, query: { limit: PAGE, after, before } }),
        (nextUrl) => api.get(operation, { userId, nextUrl }),
        (page) => {
          const cursor = page.cursors?.before;
          if (!cursor) return undefined;
          return `${spotify.apiBaseUrl}${operation.path}?limit=${PAGE}&before=${encodeURIComponent(cursor)}`;
        },
        {
          maxItems,
          ...(after === undefined
            ? {}
            : { stopAt: (play: PlayHistory) => Date.parse(play.played_at) <= after }),
        },
      );
    },

    getTopTracks: (userId: string, range: TimeRange = 'medium_term', options: ListOptions = {}) =>
      userList(O.getTopTracks, userId, { time_range: range, limit: PAGE }, options),

    getTopArtists: (userId: string, range: TimeRange = 'medium_term', options: ListOptions = {}) =>
      userList(O.getTopArtists, userId, { time_range: range, limit: PAGE }, options),

    getSavedTracks: (userId: string, options: SinceOptions = {}) =>
      userList(
        O.getSavedTracks,
        userId,
        { limit: PAGE },
        {
          ...options,
          stopAt: addedBefore(options.since),
        },
      ),

    getSavedAlbums: (userId: string, options: SinceOptions = {}) =>
      userList(
        O.getSavedAlbums,
        userId,
        { limit: PAGE },
        {
          ...options,
          stopAt: addedBefore(options.since),
        },
      ),

    getPlaylists: (userId: string, options: ListOptions = {}) =>
      userList(O.getPlaylists, userId, { limit: PAGE }, options),

    getPlaylist: (userId: string, playlistId: string): Promise<Playlist> =>
      api.get(O.getPlaylist, { userId, pathParams: { playlist_id: playlistId } }),

    /** Only the user's own (or collaborative) playlists return items since 2026-02. */
    getPlaylistItems: (userId: string, playlistId: string, options: ListOptions = {}) =>
      userList(
        O.getPlaylistItems,
        userId,
        { limit: PAGE },
        {
          ...options,
          pathParams: { playlist_id: playlistId },
        },
      ),

    async getFollowedArtists(userId: string, options: ListOptions = {}): Promise<Artist[]> {
      const operation = O.getFollowedArtists;
      const first = { type: 'artist', limit: PAGE };
      return collectCursorPages(
        () => api.get(operation, { userId, query: first }).then((r) => r.artists),
        (nextUrl) => api.get(operation, { userId, nextUrl }).then((r) => r.artists),
        (page) => {
          const after = page.cursors?.after;
          if (!after) return undefined;
          return `${spotify.apiBaseUrl}${operation.path}?type=artist&limit=${PAGE}&after=${encodeURIComponent(after)}`;
        },
        options,
      );
    },

    // --- catalogue (client-credentials token); one id per request since 2026-02 ---
    getArtist: (id: string): Promise<Artist> => api.get(O.getArtist, { pathParams: { id } }),
    getAlbum: (id: string): Promise<Album> => api.get(O.getAlbum, { pathParams: { id } }),
    getTrack: (id: string): Promise<Track> => api.get(O.getTrack, { pathParams: { id } }),

    getArtistAlbums(id: string, options: ListOptions & { includeGroups?: string[] } = {}) {
      const operation = O.getArtistAlbums;
      const query = { limit: SMALL_PAGE, include_groups: options.includeGroups?.join(',') };
      return collectOffsetPages(
        () => api.get(operation, { pathParams: { id }, query }),
        (nextUrl) => api.get(operation, { pathParams: { id }, nextUrl }),
        options,
      );
    },

    /** One page of results per type (at most 10 each since 2026-02). */
    search: (
      q: string,
      types: readonly SearchType[],
      options: { limit?: number; offset?: number } = {},
    ): Promise<SearchResponse> =>
      api.get(O.search, {
        query: {
          q,
          type: types.join(','),
          limit: options.limit ?? SMALL_PAGE,
          offset: options.offset,
        },
      }),
  };
}

export type SpotifyClient = ReturnType<typeof createSpotifyClient>;
