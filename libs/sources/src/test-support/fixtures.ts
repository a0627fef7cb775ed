import type {
  Artist,
  Episode,
  PlayHistory,
  PlaylistItem,
  SavedAlbum,
  SavedTrack,
  SimplifiedAlbum,
  SimplifiedPlaylist,
  Track,
} from '@spotify-insights/spotify';

/*
 * Client-shaped test data (what `SpotifyClient` methods resolve to). Names are hostile
 * on purpose: markup, SQL, quotes, newlines and non-Latin text must pass through the
 * mapping untouched and round-trip through item_json.
 */
export const HOSTILE_NAMES = [
  '<script>alert("x")</script>',
  "'; DROP TABLE tracks;--",
  '東京事変 — 「群青日和」',
  'Ünïcødé\nsecond line \u{1F3B5}',
] as const;

export function hostileName(index: number): string {
  return HOSTILE_NAMES[index % HOSTILE_NAMES.length] ?? 'name';
}

export function artist(id: string, extra: Partial<Artist> = {}): Artist {
  return {
    id,
    name: `Artist ${hostileName(id.length)}`,
    type: 'artist',
    uri: `spotify:artist:${id}`,
    ...extra,
  };
}

export function album(id: string, extra: Partial<SimplifiedAlbum> = {}): SimplifiedAlbum {
  return {
    album_type: 'album',
    total_tracks: 12,
    external_urls: { spotify: `https://open.spotify.com/album/${id}` },
    href: `https://api.spotify.com/v1/albums/${id}`,
    id,
    images: [{ url: 'https://i.scdn.co/image/x', height: 640, width: 640 }],
    name: `Album ${hostileName(1)}`,
    release_date: '2024-05',
    release_date_precision: 'month',
    type: 'album',
    uri: `spotify:album:${id}`,
    artists: [artist('ar1'), artist('ar2')],
    ...extra,
  };
}

export function track(id: string, index = 0, extra: Partial<Track> = {}): Track {
  return {
    album: album(`al-${id}`),
    artists: [artist('ar1'), artist(`ar-${id}`)],
    duration_ms: 180_000 + index,
    external_ids: { isrc: `ISRC${id}` },
    id,
    name: hostileName(index),
    uri: `spotify:track:${id}`,
    type: 'track',
    ...extra,
  };
}

export function episode(id: string): Episode {
  return { type: 'episode', id, name: `Folge ${hostileName(2)}`, uri: `spotify:episode:${id}` };
}

export function play(id: string, playedAt: string, index = 0): PlayHistory {
  return { track: track(id, index), played_at: playedAt, context: null };
}

export function savedTrack(id: string, addedAt: string, index = 0): SavedTrack {
  return { added_at: addedAt, track: track(id, index) };
}

export function savedAlbum(id: string, addedAt: string): SavedAlbum {
  return {
    added_at: addedAt,
    album: {
      ...album(id),
      tracks: { href: 'h', items: [], limit: 50, next: null, offset: 0, previous: null, total: 0 },
      copyrights: [{ text: '(C) 2024 <b>Label</b>', type: 'C' }],
      external_ids: { upc: '0123' },
    },
  };
}

export function playlist(
  id: string,
  ownerId: string,
  snapshotId: string,
  extra: Partial<SimplifiedPlaylist> = {},
): SimplifiedPlaylist {
  return {
    collaborative: false,
    description: hostileName(0),
    id,
    name: `Playlist ${hostileName(id.length)}`,
    owner: { id: ownerId, display_name: hostileName(3), type: 'user' },
    public: true,
    snapshot_id: snapshotId,
    items: { href: `https://api.spotify.com/v1/playlists/${id}/items`, total: 3 },
    type: 'playlist',
    uri: `spotify:playlist:${id}`,
    ...extra,
  };
}

export function playlistEntry(item: PlaylistItem['item'], addedAt: string | null): PlaylistItem {
  return {
    added_at: addedAt,
    added_by: addedAt === null ? null : { id: 'adder', type: 'user' },
    is_local: false,
    item,
  };
}
