/*
 * Minimal response bodies that satisfy the OpenAPI contract, for tests. Each builder
 * takes an id and overrides, so a test says only what matters to it.
 */

export function artistJson(id: string, overrides: Record<string, unknown> = {}) {
  return {
    external_urls: { spotify: `https://open.spotify.com/artist/${id}` },
    href: `https://api.spotify.com/v1/artists/${id}`,
    id,
    name: `Artist ${id}`,
    type: 'artist',
    uri: `spotify:artist:${id}`,
    images: [],
    ...overrides,
  };
}

export function simplifiedAlbumJson(id: string, overrides: Record<string, unknown> = {}) {
  return {
    album_type: 'album',
    total_tracks: 10,
    external_urls: { spotify: `https://open.spotify.com/album/${id}` },
    href: `https://api.spotify.com/v1/albums/${id}`,
    id,
    images: [{ url: 'https://i.scdn.co/image/x', height: 640, width: 640 }],
    name: `Album ${id}`,
    release_date: '2024-05-01',
    release_date_precision: 'day',
    type: 'album',
    uri: `spotify:album:${id}`,
    artists: [artistJson('ar1')],
    ...overrides,
  };
}

export function trackJson(id: string, overrides: Record<string, unknown> = {}) {
  return {
    album: simplifiedAlbumJson(`al-${id}`),
    artists: [artistJson('ar1')],
    disc_number: 1,
    duration_ms: 200_000,
    explicit: false,
    external_ids: { isrc: `ISRC${id}` },
    external_urls: { spotify: `https://open.spotify.com/track/${id}` },
    href: `https://api.spotify.com/v1/tracks/${id}`,
    id,
    name: `Track ${id}`,
    track_number: 1,
    type: 'track',
    uri: `spotify:track:${id}`,
    is_local: false,
    ...overrides,
  };
}

export function albumJson(id: string) {
  return {
    ...simplifiedAlbumJson(id),
    tracks: offsetPageJson([], { href: `https://api.spotify.com/v1/albums/${id}/tracks` }),
    copyrights: [{ text: '(C) 2024', type: 'C' }],
    external_ids: { upc: '123' },
  };
}

export function playHistoryJson(id: string, playedAt: string) {
  return { track: trackJson(id), played_at: playedAt, context: null };
}

export function savedTrackJson(id: string, addedAt: string) {
  return { added_at: addedAt, track: trackJson(id) };
}

export function playlistItemJson(id: string) {
  return {
    added_at: '2026-01-01T00:00:00Z',
    added_by: { id: 'owner', type: 'user', uri: 'spotify:user:owner' },
    is_local: false,
    item: trackJson(id),
  };
}

export function offsetPageJson(
  items: unknown[],
  { next = null, offset = 0, total = items.length, href = 'https://api.spotify.com/v1/x' } = {} as {
    next?: string | null;
    offset?: number;
    total?: number;
    href?: string;
  },
) {
  return { href, items, limit: 50, next, offset, previous: null, total };
}
