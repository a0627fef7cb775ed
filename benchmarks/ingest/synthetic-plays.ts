import type { RecentPlay } from '@spotify-insights/schemas';
import { mapPlay, recentPlaysSource } from '@spotify-insights/sources';
import type { PlayHistory, SimplifiedArtist } from '@spotify-insights/spotify';

/*
 * Recently-played items shaped like Spotify's answers since its 2026 field removals (no
 * available_markets or popularity): a full track with its album, one to three artists,
 * three cover sizes, and a playlist context. The item_json of one record is about
 * 2-2.5 KB, as in real answers. Names mix scripts, since UTF-8 width matters to encoding.
 */

const API = 'https://api.spotify.com/v1';
const CATALOGUE_TRACKS = 5_000;
const CATALOGUE_PLAYLISTS = 500;
const WORDS = ['Midnight', 'Echoes', 'Blue', 'Heart', 'Run', 'Sommer', 'Lumière', '群青', 'Река'];

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Spotify-like base62 id (22 characters); Math.random is plenty for synthetic data. */
function spotifyId(): string {
  let id = '';
  for (let i = 0; i < 22; i++) id += BASE62[Math.floor(Math.random() * 62)];
  return id;
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

function title(words: number): string {
  return Array.from({ length: words }, () => pick(WORDS)).join(' ');
}

function artist(): SimplifiedArtist {
  const id = spotifyId();
  return {
    external_urls: { spotify: `https://open.spotify.com/artist/${id}` },
    href: `${API}/artists/${id}`,
    id,
    name: title(2),
    type: 'artist',
    uri: `spotify:artist:${id}`,
  };
}

function cover(size: number) {
  return {
    url: `https://i.scdn.co/image/ab67616d0000b273${spotifyId()}`,
    height: size,
    width: size,
  };
}

function syntheticTrack(): PlayHistory['track'] {
  const trackId = spotifyId();
  const albumId = spotifyId();
  const artists = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, artist);
  return {
    album: {
      album_type: 'album',
      total_tracks: 8 + Math.floor(Math.random() * 10),
      external_urls: { spotify: `https://open.spotify.com/album/${albumId}` },
      href: `${API}/albums/${albumId}`,
      id: albumId,
      images: [cover(640), cover(300), cover(64)],
      name: title(3),
      release_date: '2024-05-17',
      release_date_precision: 'day',
      type: 'album',
      uri: `spotify:album:${albumId}`,
      artists: artists.slice(0, 1),
    },
    artists,
    disc_number: 1,
    duration_ms: 150_000 + Math.floor(Math.random() * 150_000),
    explicit: Math.random() < 0.2,
    external_ids: { isrc: `DEUM7${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` },
    external_urls: { spotify: `https://open.spotify.com/track/${trackId}` },
    href: `${API}/tracks/${trackId}`,
    id: trackId,
    is_local: false,
    is_playable: true,
    name: title(3),
    track_number: 1 + Math.floor(Math.random() * 12),
    type: 'track',
    uri: `spotify:track:${trackId}`,
  };
}

function playlistContext(): NonNullable<PlayHistory['context']> {
  const id = spotifyId();
  return {
    type: 'playlist',
    href: `${API}/playlists/${id}`,
    external_urls: { spotify: `https://open.spotify.com/playlist/${id}` },
    uri: `spotify:playlist:${id}`,
  };
}

export interface SyntheticPlaysOptions {
  users: readonly string[];
  /** How many plays the user at this index gets. */
  playsPerUser: (userIndex: number) => number;
  runId: string;
  fetchedAt: Date;
}

/**
 * Each user's records as the real recent-plays source maps them (`mapPlay`), built
 * before the clock starts so the benchmark times our runtime, not the data generator.
 *
 * The friends listened to one long shared session: play i (track, context, time) is the
 * same for every user who has it, so its item_json string is built once and shared. That
 * keeps 200,000 records at about 70 MB of heap; with a distinct 2.2 KB string per record
 * the benchmark's own data (600 MB) made V8 collect the old generation every second and
 * halved what it measured. Kafka and the lake still get every record in full.
 */
export function syntheticRecentPlays(options: SyntheticPlaysOptions): Map<string, RecentPlay[]> {
  // A catalogue of distinct tracks and playlists the session draws from.
  const tracks = Array.from({ length: CATALOGUE_TRACKS }, syntheticTrack);
  const contexts = Array.from({ length: CATALOGUE_PLAYLISTS }, playlistContext);
  const longest = Math.max(...options.users.map((_, index) => options.playsPerUser(index)));
  // One play every three minutes, the last one just before the fetch.
  const start = options.fetchedAt.getTime() - longest * 180_000;
  const sessionCtx = { userId: '', runId: options.runId, now: options.fetchedAt };
  const session = Array.from({ length: longest }, (_, i) => {
    const play: PlayHistory = {
      track: pick(tracks),
      played_at: new Date(start + i * 180_000).toISOString(),
      context: pick(contexts),
    };
    return mapPlay(play, sessionCtx, recentPlaysSource.endpoint);
  });
  const byUser = new Map<string, RecentPlay[]>();
  for (const [index, userId] of options.users.entries()) {
    const plays = session.slice(longest - options.playsPerUser(index));
    byUser.set(
      userId,
      plays.map((record) => ({ ...record, user_id: userId })),
    );
  }
  return byUser;
}
