import { matchesRegex, type MatchesRegexExpectation } from '@spotify-insights/quality';

/**
 * Spotify ids of tracks, artists, albums, playlists and episodes are 22 base-62
 * characters (the simulator's too). User ids are not: they can be old usernames.
 */
export const isSpotifyId = (column: string): MatchesRegexExpectation =>
  matchesRegex(column, '^[0-9A-Za-z]{22}$');

/**
 * A release date at Spotify's precisions: YYYY, YYYY-MM or YYYY-MM-DD (the warehouse
 * refuses anything else).
 */
export const isReleaseDate = (column: string): MatchesRegexExpectation =>
  matchesRegex(column, '^[0-9]{4}(-[0-9]{2}){0,2}$');
