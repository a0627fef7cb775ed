/*
 * The music a benchmark's synthetic users listen to: a few thousand tracks on albums by a
 * few hundred artists, each track rendered once, as the JSON of its recently-played line
 * (the typed `fields` and the full API track object of `item`), so a million lines are
 * string concatenation, not a million JSON.stringify calls. The objects have the shape of
 * the simulator's answers (the raw fixture lines), images and urls included, so a line
 * weighs what a real one does (about 2.5 KB).
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const WORDS = ['Midnight', 'Echoes', 'Blue', 'Heart', 'Run', 'Sommer', 'Lumière', '群青', 'Река'];
const API = 'https://api.spotify.com/v1';
const PLAYLISTS = 50;

/** A small seeded generator (mulberry32): the same options give the same lake. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlayContext {
  type: string;
  uri: string;
  /** The `context` object of the API item, as JSON. */
  json: string;
}

export interface CatalogueTrack {
  /** The typed fields after played_at, as JSON members (`"track_id":…,"artist_ids":[…]`). */
  fieldsJson: string;
  /** The API's full track object, as JSON. */
  trackJson: string;
  album: PlayContext;
}

export interface Catalogue {
  tracks: CatalogueTrack[];
  playlists: PlayContext[];
}

interface Ref {
  id: string;
  name: string;
}

const links = (kind: string, id: string) => ({
  external_urls: { spotify: `https://open.spotify.com/${kind}/${id}` },
  href: `${API}/${kind}s/${id}`,
});

const context = (kind: 'album' | 'playlist', id: string): PlayContext => {
  const uri = `spotify:${kind}:${id}`;
  return { type: kind, uri, json: JSON.stringify({ type: kind, ...links(kind, id), uri }) };
};

const artistObject = (artist: Ref) => ({
  ...links('artist', artist.id),
  id: artist.id,
  name: artist.name,
  type: 'artist',
  uri: `spotify:artist:${artist.id}`,
});

/** `count` tracks, `count / 8` albums, `count / 16` artists; ids are 22 base-62 characters. */
export function buildCatalogue(count: number, random: () => number): Catalogue {
  const id = () => Array.from({ length: 22 }, () => BASE62[Math.floor(random() * 62)]).join('');
  const title = (words: number) =>
    Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  const artists = Array.from({ length: Math.ceil(count / 16) }, () => ({
    id: id(),
    name: title(2),
  }));
  const albums = Array.from({ length: Math.ceil(count / 8) }, (_, i) => ({
    id: id(),
    name: title(2),
    artist: artists[i % artists.length]!,
    releaseDate: `20${String(10 + (i % 16)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
  }));
  const tracks = Array.from({ length: count }, (_, i): CatalogueTrack => {
    const album = albums[i % albums.length]!;
    // One track in four is a feature: a second artist after the album's.
    const trackArtists =
      i % 4 === 0 ? [album.artist, artists[(i * 7 + 1) % artists.length]!] : [album.artist];
    const trackId = id();
    const name = title(3);
    const durationMs = 120_000 + Math.floor(random() * 240_000);
    const isrc = `QZBEN${String(i).padStart(7, '0')}`;
    const track = {
      artists: trackArtists.map(artistObject),
      disc_number: 1,
      duration_ms: durationMs,
      explicit: random() < 0.15,
      ...links('track', trackId),
      id: trackId,
      is_playable: true,
      name,
      track_number: 1 + (i % 8),
      uri: `spotify:track:${trackId}`,
      is_local: false,
      album: {
        album_type: 'album',
        total_tracks: 8,
        ...links('album', album.id),
        id: album.id,
        images: [640, 300, 64].map((size) => ({
          url: `https://i.scdn.co/image/ab67616d0000b273${album.id}-${size}`,
          height: size,
          width: size,
        })),
        name: album.name,
        release_date: album.releaseDate,
        release_date_precision: 'day',
        type: 'album',
        uri: `spotify:album:${album.id}`,
        artists: [artistObject(album.artist)],
      },
      external_ids: { isrc },
      type: 'track',
    };
    const fields = {
      track_id: trackId,
      track_name: name,
      duration_ms: durationMs,
      isrc,
      album_id: album.id,
      artist_ids: trackArtists.map((a) => a.id),
    };
    return {
      fieldsJson: JSON.stringify(fields).slice(1, -1),
      trackJson: JSON.stringify(track),
      album: context('album', album.id),
    };
  });
  const playlists = Array.from({ length: PLAYLISTS }, () => context('playlist', id()));
  return { tracks, playlists };
}
