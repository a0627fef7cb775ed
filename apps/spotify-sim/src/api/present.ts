/*
 * Turns world records into Spotify JSON objects. Fields Spotify removed in 2026
 * (popularity, followers, genres, available_markets, user email/country/product) are
 * emitted only in the extended-legacy profile, so clients learn to live without them.
 */
import type { Album, Artist, Catalogue, Episode, Show, Track } from '../world/catalogue.ts';
import type { Playlist, PlaylistEntry } from '../world/playlists.ts';
import { snapshotId } from '../world/playlists.ts';
import type { SimUser } from '../world/users.ts';
import { isLegacy, type Profile } from './profile.ts';

type Json = Record<string, unknown>;

export interface PresentContext {
  /** e.g. http://127.0.0.1:8888/v1 */
  apiBase: string;
  profile: Profile;
  catalogue: Catalogue;
}

const MARKETS = ['DE', 'FR', 'JP', 'US', 'TR', 'GB'];

const urls = (kind: string, id: string) => ({ spotify: `https://open.spotify.com/${kind}/${id}` });

const image = (id: string, size: number) => ({
  url: `https://i.scdn.co/image/sim-${id}-${size}`,
  height: size,
  width: size,
});

function legacy(ctx: PresentContext, fields: Json): Json {
  return isLegacy(ctx.profile) ? fields : {};
}

export function simplifiedArtist(ctx: PresentContext, artist: Artist): Json {
  return {
    external_urls: urls('artist', artist.id),
    href: `${ctx.apiBase}/artists/${artist.id}`,
    id: artist.id,
    name: artist.name,
    type: 'artist',
    uri: `spotify:artist:${artist.id}`,
  };
}

export function fullArtist(ctx: PresentContext, artist: Artist): Json {
  return {
    ...simplifiedArtist(ctx, artist),
    images: [image(artist.id, 640), image(artist.id, 160)],
    ...legacy(ctx, {
      popularity: artist.popularity,
      followers: { href: null, total: artist.followers },
      genres: [artist.genre],
    }),
  };
}

function artistsOf(ctx: PresentContext, ids: readonly string[]): Json[] {
  return ids.flatMap((id) => {
    const artist = ctx.catalogue.artists.get(id);
    return artist ? [simplifiedArtist(ctx, artist)] : [];
  });
}

export function simplifiedAlbum(ctx: PresentContext, album: Album): Json {
  return {
    album_type: album.albumType,
    total_tracks: album.trackIds.length,
    external_urls: urls('album', album.id),
    href: `${ctx.apiBase}/albums/${album.id}`,
    id: album.id,
    images: [image(album.id, 640), image(album.id, 300), image(album.id, 64)],
    name: album.name,
    release_date: album.releaseDate,
    release_date_precision: 'day',
    type: 'album',
    uri: `spotify:album:${album.id}`,
    artists: artistsOf(ctx, album.artistIds),
    ...legacy(ctx, { available_markets: MARKETS }),
  };
}

export function simplifiedTrack(ctx: PresentContext, track: Track): Json {
  return {
    artists: artistsOf(ctx, track.artistIds),
    disc_number: 1,
    duration_ms: track.durationMs,
    explicit: track.explicit,
    external_urls: urls('track', track.id),
    href: `${ctx.apiBase}/tracks/${track.id}`,
    id: track.id,
    is_local: false,
    is_playable: true,
    name: track.name,
    track_number: track.trackNumber,
    type: 'track',
    uri: `spotify:track:${track.id}`,
    ...legacy(ctx, { available_markets: MARKETS, preview_url: null }),
  };
}

export function fullTrack(ctx: PresentContext, track: Track): Json {
  const album = ctx.catalogue.albums.get(track.albumId);
  return {
    ...simplifiedTrack(ctx, track),
    album: album ? simplifiedAlbum(ctx, album) : undefined,
    external_ids: { isrc: track.isrc },
    ...legacy(ctx, { popularity: track.popularity }),
  };
}

/** An offset paging object; `self` is the request URL, whose other parameters the links keep. */
export function paging(
  items: Json[],
  limit: number,
  offset: number,
  total: number,
  self: string,
): Json {
  const page = (o: number) => {
    const url = new URL(self);
    url.searchParams.set('offset', String(o));
    url.searchParams.set('limit', String(limit));
    return url.toString();
  };
  return {
    href: page(offset),
    items,
    limit,
    next: offset + limit < total ? page(offset + limit) : null,
    offset,
    previous: offset > 0 ? page(Math.max(0, offset - limit)) : null,
    total,
  };
}

export function fullAlbum(ctx: PresentContext, album: Album): Json {
  const tracks = album.trackIds.flatMap((id) => {
    const t = ctx.catalogue.tracks.get(id);
    return t ? [simplifiedTrack(ctx, t)] : [];
  });
  const tracksHref = `${ctx.apiBase}/albums/${album.id}/tracks`;
  const limit = 50;
  return {
    ...simplifiedAlbum(ctx, album),
    tracks: paging(tracks.slice(0, limit), limit, 0, tracks.length, tracksHref),
    copyrights: [{ text: `© ${album.releaseDate.slice(0, 4)} ${album.label}`, type: 'C' }],
    external_ids: { upc: album.upc },
    label: album.label,
    ...legacy(ctx, { genres: [album.genre], popularity: album.popularity }),
  };
}

export function privateUser(ctx: PresentContext, user: SimUser): Json {
  return {
    display_name: user.displayName,
    external_urls: urls('user', user.id),
    href: `${ctx.apiBase}/users/${user.id}`,
    id: user.id,
    images: [],
    type: 'user',
    uri: `spotify:user:${user.id}`,
    ...legacy(ctx, {
      email: user.email,
      country: user.country,
      product: user.product,
      followers: { href: null, total: 7 },
      explicit_content: { filter_enabled: false, filter_locked: false },
    }),
  };
}

function show(ctx: PresentContext, s: Show): Json {
  return {
    copyrights: [],
    description: s.description,
    html_description: `<p>${s.description}</p>`,
    explicit: false,
    external_urls: urls('show', s.id),
    href: `${ctx.apiBase}/shows/${s.id}`,
    id: s.id,
    images: [image(s.id, 640)],
    is_externally_hosted: false,
    languages: [s.language],
    media_type: 'audio',
    name: s.name,
    publisher: s.publisher,
    total_episodes: s.episodeIds.length,
    type: 'show',
    uri: `spotify:show:${s.id}`,
    // ShowBase still lists available_markets as required; only legacy emits it.
    ...legacy(ctx, { available_markets: MARKETS }),
  };
}

export function simplifiedShow(ctx: PresentContext, s: Show): Json {
  return show(ctx, s);
}

export function simplifiedEpisode(ctx: PresentContext, e: Episode): Json {
  const parent = ctx.catalogue.shows.get(e.showId);
  return {
    audio_preview_url: null,
    description: e.description,
    html_description: `<p>${e.description}</p>`,
    duration_ms: e.durationMs,
    explicit: false,
    external_urls: urls('episode', e.id),
    href: `${ctx.apiBase}/episodes/${e.id}`,
    id: e.id,
    images: [image(e.id, 640)],
    is_externally_hosted: false,
    is_playable: true,
    languages: [parent?.language ?? 'en'],
    name: e.name,
    release_date: e.releaseDate,
    release_date_precision: 'day',
    type: 'episode',
    uri: `spotify:episode:${e.id}`,
  };
}

export function fullEpisode(ctx: PresentContext, e: Episode): Json {
  const parent = ctx.catalogue.shows.get(e.showId);
  return { ...simplifiedEpisode(ctx, e), show: parent ? show(ctx, parent) : undefined };
}

export function playlistOwner(ctx: PresentContext, id: string, displayName: string): Json {
  return {
    external_urls: urls('user', id),
    href: `${ctx.apiBase}/users/${id}`,
    id,
    type: 'user',
    uri: `spotify:user:${id}`,
    display_name: displayName,
  };
}

export function playlistItem(
  ctx: PresentContext,
  entry: PlaylistEntry,
  field: 'item' | 'track',
): Json {
  const track = entry.kind === 'track' ? ctx.catalogue.tracks.get(entry.id) : undefined;
  const episode = entry.kind === 'episode' ? ctx.catalogue.episodes.get(entry.id) : undefined;
  const content = track ? fullTrack(ctx, track) : episode ? fullEpisode(ctx, episode) : null;
  return {
    added_at: new Date(entry.addedAt).toISOString().replace('.000Z', 'Z'),
    added_by: {
      external_urls: urls('user', entry.addedBy),
      href: `${ctx.apiBase}/users/${entry.addedBy}`,
      id: entry.addedBy,
      type: 'user',
      uri: `spotify:user:${entry.addedBy}`,
    },
    is_local: false,
    [field]: content,
  };
}

export function simplifiedPlaylist(
  ctx: PresentContext,
  playlist: Playlist,
  ownerName: string,
  now: number,
): Json {
  const entries = playlist.entries(now);
  const ref = { href: `${ctx.apiBase}/playlists/${playlist.id}/items`, total: entries.length };
  return {
    collaborative: false,
    description: playlist.description,
    external_urls: urls('playlist', playlist.id),
    href: `${ctx.apiBase}/playlists/${playlist.id}`,
    id: playlist.id,
    images: [image(playlist.id, 640)],
    name: playlist.name,
    owner: playlistOwner(ctx, playlist.ownerId, ownerName),
    public: playlist.public,
    snapshot_id: snapshotId(entries),
    items: ref,
    type: 'playlist',
    uri: `spotify:playlist:${playlist.id}`,
    ...legacy(ctx, {
      tracks: { href: `${ctx.apiBase}/playlists/${playlist.id}/tracks`, total: entries.length },
    }),
  };
}
