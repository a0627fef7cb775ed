/**
 * Exactly the scopes the project's reads need, and nothing that could change a user's
 * account. One line per endpoint family so a removal is a visible decision.
 */
export const SPOTIFY_SCOPES = [
  'user-read-private', // GET /me
  'user-read-recently-played', // GET /me/player/recently-played
  'user-top-read', // GET /me/top/{tracks,artists}
  'user-library-read', // GET /me/tracks, /me/albums
  'playlist-read-private', // GET /me/playlists, /playlists/{id}/items
  'playlist-read-collaborative', // collaborative playlists in the same calls
  'user-follow-read', // GET /me/following
] as const;

export type SpotifyScope = (typeof SPOTIFY_SCOPES)[number];
