import type { SpotifyClient } from '@spotify-insights/spotify';
import type { TrackNames } from './pg-search-resolution-store.ts';

/** What a search hit must say for a match: its id, name and artists' names. */
export interface TrackHit {
  id: string;
  name: string;
  artists: ReadonlyArray<{ name: string }>;
}

/** Looks one pair up; the hits in the order the API ranked them. */
export type TrackSearch = (names: TrackNames) => Promise<readonly TrackHit[]>;

const normal = (s: string): string => s.normalize('NFKC').trim().toLowerCase();

/*
 * Spotify's search is fuzzy and ranks by popularity: its first hit for "Intro" by a
 * little-known band is someone else's "Intro". A hit counts only if its name and one of
 * its artists are the names of the play (case, width and surrounding spaces aside);
 * among those, the best ranked. No such hit: not found, rather than a wrong track.
 */
export function pickTrack(hits: readonly TrackHit[], names: TrackNames): string | null {
  const track = normal(names.trackName);
  const artist = normal(names.artistName);
  const hit = hits.find(
    (h) => normal(h.name) === track && h.artists.some((a) => normal(a.name) === artist),
  );
  return hit?.id ?? null;
}

/*
 * Field filters narrow the search to the track and artist named (the simulator honours
 * them too). Quotes would make a phrase; the names' own quotes are dropped so they
 * cannot break the query.
 */
export const searchQuery = (names: TrackNames): string =>
  `track:${names.trackName.replaceAll('"', ' ')} artist:${names.artistName.replaceAll('"', ' ')}`;

/**
 * GET /search through the Spotify client: its app-wide rate limiter paces the
 * requests, and a 429 pauses every request until Retry-After (never sooner).
 * 10 hits: the 2026 Development Mode ceiling for a search page.
 */
export const spotifyTrackSearch =
  (client: Pick<SpotifyClient, 'search'>): TrackSearch =>
  async (names) => {
    const answer = await client.search(searchQuery(names), ['track'], { limit: 10 });
    return (answer.tracks?.items ?? []).filter((t): t is NonNullable<typeof t> => t != null);
  };
