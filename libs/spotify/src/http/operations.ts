import type { z } from 'zod';
import { albumSchema } from '../schemas/album.ts';
import { artistSchema } from '../schemas/artist.ts';
import { playlistSchema } from '../schemas/playlist.ts';
import {
  artistAlbumPageSchema,
  artistPageSchema,
  followedArtistsResponseSchema,
  playlistItemPageSchema,
  recentlyPlayedPageSchema,
  savedAlbumPageSchema,
  savedTrackPageSchema,
  searchResponseSchema,
  simplifiedPlaylistPageSchema,
  trackPageSchema,
} from '../schemas/responses.ts';
import { trackSchema } from '../schemas/track.ts';
import { privateUserSchema } from '../schemas/user.ts';

/**
 * Every Web API operation the client may call: path templates spelled exactly as in
 * the OpenAPI contract (a test checks each exists there and is not deprecated), the
 * schema its 200 body must match, and whose token it needs — a user's, or the app's
 * client-credentials token for catalogue data.
 */
export interface Operation<Schema extends z.ZodType = z.ZodType> {
  readonly method: 'GET';
  readonly path: string;
  readonly schema: Schema;
  readonly auth: 'user' | 'app';
}

function get<Schema extends z.ZodType>(
  path: string,
  schema: Schema,
  auth: 'user' | 'app',
): Operation<Schema> {
  return { method: 'GET', path, schema, auth };
}

export const OPERATIONS = {
  getMe: get('/me', privateUserSchema, 'user'),
  getRecentlyPlayed: get('/me/player/recently-played', recentlyPlayedPageSchema, 'user'),
  getTopTracks: get('/me/top/tracks', trackPageSchema, 'user'),
  getTopArtists: get('/me/top/artists', artistPageSchema, 'user'),
  getSavedTracks: get('/me/tracks', savedTrackPageSchema, 'user'),
  getSavedAlbums: get('/me/albums', savedAlbumPageSchema, 'user'),
  getPlaylists: get('/me/playlists', simplifiedPlaylistPageSchema, 'user'),
  getPlaylist: get('/playlists/{playlist_id}', playlistSchema, 'user'),
  getPlaylistItems: get('/playlists/{playlist_id}/items', playlistItemPageSchema, 'user'),
  getFollowedArtists: get('/me/following', followedArtistsResponseSchema, 'user'),
  getArtist: get('/artists/{id}', artistSchema, 'app'),
  getAlbum: get('/albums/{id}', albumSchema, 'app'),
  getTrack: get('/tracks/{id}', trackSchema, 'app'),
  getArtistAlbums: get('/artists/{id}/albums', artistAlbumPageSchema, 'app'),
  search: get('/search', searchResponseSchema, 'app'),
} as const;

export type OperationName = keyof typeof OPERATIONS;

/** `GET /playlists/{playlist_id}` — how errors and logs name an endpoint (never with ids). */
export function endpointLabel(operation: Operation): string {
  return `${operation.method} ${operation.path}`;
}

export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(value);
  });
}

/*
 * Endpoints Spotify withholds from apps created after 2024-11-27. The client never
 * calls them (they are deprecated in the contract), but anything that maps a 403/404
 * from them must say "not available to this app", not "forbidden"/"not found".
 */
const REMOVED_FOR_NEW_APPS = [
  /^\/audio-features(\/|$)/,
  /^\/audio-analysis\//,
  /^\/recommendations(\/|$)/,
  /^\/artists\/[^/]+\/related-artists$/,
  /^\/browse\/featured-playlists$/,
  /^\/browse\/categories\/[^/]+\/playlists$/,
];

/** Spotify-owned editorial/algorithmic playlists (ids start 37i9dQZ) answer 404 to new apps. */
const EDITORIAL_PLAYLIST = /^\/playlists\/37i9dQZ[^/]*(\/|$)/;

export function isWithheldFromNewApps(concretePath: string): boolean {
  return (
    REMOVED_FOR_NEW_APPS.some((pattern) => pattern.test(concretePath)) ||
    EDITORIAL_PLAYLIST.test(concretePath)
  );
}
