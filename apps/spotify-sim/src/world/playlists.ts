/*
 * Playlists: each user owns a favourites mix (with one podcast episode, since playlist
 * items may be episodes); the first user also owns a "daily chart" whose order is
 * re-drawn every simulated UTC day; everyone follows a friend's mix and Spotify's
 * editorial "Top 50 - Global" (which Development Mode apps can no longer read).
 */
import type { Catalogue } from './catalogue.ts';
import { DAY_MS } from './listening.ts';
import { base62Id, createRng, hashSeed } from './prng.ts';
import { stableShuffle, type SimUser } from './users.ts';

export const EDITORIAL_PLAYLIST_ID = '37i9dQZEVXbMDoHDwVN2tF';
export const SPOTIFY_OWNER = { id: 'spotify', displayName: 'Spotify' };

export interface PlaylistEntry {
  kind: 'track' | 'episode';
  id: string;
  addedAt: number;
  addedBy: string;
}

export interface Playlist {
  id: string;
  name: string;
  description: string;
  ownerId: string;
  public: boolean;
  editorial: boolean;
  entries(now: number): PlaylistEntry[];
}

export interface Playlists {
  byId: Map<string, Playlist>;
  /** Playlists shown in a user's /me/playlists: owned first, then followed. */
  forUser(userId: string): Playlist[];
}

const MIX_CREATED = Date.UTC(2025, 1, 1);

export function snapshotId(entries: readonly PlaylistEntry[]): string {
  // Changes exactly when content or order changes, as Spotify's snapshot ids do.
  const digest = hashSeed(...entries.map((e) => `${e.kind}:${e.id}`));
  return `MTo${digest.toString(36)}${entries.length.toString(36)}AAAAAAAAAAAAAAA`.slice(0, 32);
}

export function buildPlaylists(
  seed: number,
  catalogue: Catalogue,
  users: readonly SimUser[],
): Playlists {
  const byId = new Map<string, Playlist>();
  const owned = new Map<string, Playlist[]>();
  const episodeIds = [...catalogue.episodes.keys()];

  users.forEach((user, index) => {
    const rng = createRng(seed, 'mix', user.id);
    const trackIds: string[] = [];
    for (let i = 0; i < 30; i++) {
      const artist = catalogue.artists.get(rng.pick(user.favouriteArtistIds));
      const album = catalogue.albums.get(rng.pick(artist?.albumIds ?? []));
      if (album) trackIds.push(rng.pick(album.trackIds));
    }
    const episodeId = rng.pick(episodeIds);
    const entries: PlaylistEntry[] = [
      ...[...new Set(trackIds)].map((id, i) => ({
        kind: 'track' as const,
        id,
        addedAt: MIX_CREATED + i * 3_600_000,
        addedBy: user.id,
      })),
      { kind: 'episode', id: episodeId, addedAt: MIX_CREATED + 40 * 3_600_000, addedBy: user.id },
    ];
    const mix: Playlist = {
      id: base62Id(seed, 'playlist', user.id, 'mix'),
      name: `${user.displayName} — Favourites`,
      description: 'Songs on repeat.',
      ownerId: user.id,
      public: true,
      editorial: false,
      entries: () => entries,
    };
    const mine = [mix];
    if (index === 0) mine.push(dailyChart(seed, catalogue, users, user.id));
    for (const p of mine) byId.set(p.id, p);
    owned.set(user.id, mine);
  });

  const editorial = editorialTop50(seed, catalogue);
  byId.set(editorial.id, editorial);

  return {
    byId,
    forUser: (userId) => {
      const index = users.findIndex((u) => u.id === userId);
      const friend = users[(index + 1) % users.length];
      const friendMix = friend ? owned.get(friend.id)?.[0] : undefined;
      return [...(owned.get(userId) ?? []), ...(friendMix ? [friendMix] : []), editorial];
    },
  };
}

function dailyChart(
  seed: number,
  catalogue: Catalogue,
  users: readonly SimUser[],
  ownerId: string,
): Playlist {
  const rng = createRng(seed, 'chart-pool');
  const pool: string[] = [];
  for (let i = 0; i < 80; i++) {
    const user = users[i % users.length] as SimUser;
    const artist = catalogue.artists.get(rng.pick(user.favouriteArtistIds));
    const album = catalogue.albums.get(rng.pick(artist?.albumIds ?? []));
    if (album) pool.push(rng.pick(album.trackIds));
  }
  const unique = [...new Set(pool)];
  return {
    id: base62Id(seed, 'playlist', ownerId, 'daily-chart'),
    name: 'Friends Daily 50',
    description: 'Re-ranked every day at 00:00 UTC.',
    ownerId,
    public: false,
    editorial: false,
    entries: (now) => {
      const day = Math.floor(now / DAY_MS);
      const dayRng = createRng(seed, 'chart', day);
      return stableShuffle(unique, dayRng.next)
        .slice(0, 50)
        .map((id) => ({ kind: 'track' as const, id, addedAt: day * DAY_MS, addedBy: ownerId }));
    },
  };
}

function editorialTop50(seed: number, catalogue: Catalogue): Playlist {
  const rng = createRng(seed, 'editorial');
  const ids = stableShuffle(catalogue.trackList, rng.next)
    .slice(0, 50)
    .map((t) => t.id);
  return {
    id: EDITORIAL_PLAYLIST_ID,
    name: 'Top 50 - Global',
    description: 'Your daily update of the most played tracks right now - Global.',
    ownerId: SPOTIFY_OWNER.id,
    public: true,
    editorial: true,
    entries: (now) =>
      ids.map((id) => ({
        kind: 'track' as const,
        id,
        addedAt: Math.floor(now / DAY_MS) * DAY_MS,
        addedBy: SPOTIFY_OWNER.id,
      })),
  };
}
