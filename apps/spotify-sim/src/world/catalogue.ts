/*
 * The music catalogue: artists, albums, tracks, podcast shows and episodes, generated
 * once from the seed. Sizes are small enough to build in milliseconds but large enough
 * (a few thousand tracks) that paging, caching and de-duplication matter.
 */
import { GENRES, SHOW_WORDS, artistName, titleFrom } from './names.ts';
import { base62Id, createRng } from './prng.ts';

export interface Artist {
  id: string;
  name: string;
  genre: string;
  popularity: number;
  followers: number;
  albumIds: string[];
}

export interface Album {
  id: string;
  name: string;
  artistIds: string[];
  albumType: 'album' | 'single' | 'compilation';
  releaseDate: string;
  label: string;
  upc: string;
  genre: string;
  popularity: number;
  trackIds: string[];
}

export interface Track {
  id: string;
  name: string;
  albumId: string;
  artistIds: string[];
  durationMs: number;
  explicit: boolean;
  trackNumber: number;
  isrc: string;
  popularity: number;
}

export interface Show {
  id: string;
  name: string;
  publisher: string;
  description: string;
  language: string;
  episodeIds: string[];
}

export interface Episode {
  id: string;
  showId: string;
  name: string;
  description: string;
  durationMs: number;
  releaseDate: string;
}

export interface Catalogue {
  artists: Map<string, Artist>;
  albums: Map<string, Album>;
  tracks: Map<string, Track>;
  shows: Map<string, Show>;
  episodes: Map<string, Episode>;
  /** Artist ids grouped by genre, for building users' tastes. */
  artistsByGenre: Map<string, string[]>;
  trackList: Track[];
}

const ARTISTS_PER_GENRE = 40;
const SHOW_COUNT = 12;

// Strings every consumer must survive: markup, SQL, emoji, and the zero-width joiner.
export const HOSTILE_ARTIST_NAME = '<script>alert(1)</script>';
export const HOSTILE_TRACK_NAME = "'; DROP TABLE tracks;--";
export const HOSTILE_ALBUM_NAME = '"><img src=x onerror=alert(1)> Deluxe';
export const EMOJI_ARTIST_NAME = '🔥 Emoji Fam 👩‍👩‍👧 🎧';

export function buildCatalogue(seed: number): Catalogue {
  const artists = new Map<string, Artist>();
  const albums = new Map<string, Album>();
  const tracks = new Map<string, Track>();
  const artistsByGenre = new Map<string, string[]>();
  const usedNames = new Set<string>();
  let isrcCounter = 0;
  const nextIsrc = (country: string) =>
    `${country}SIM${String(26)}${String(++isrcCounter).padStart(5, '0')}`;

  GENRES.forEach((pool, genreIndex) => {
    const ids: string[] = [];
    for (let a = 0; a < ARTISTS_PER_GENRE; a++) {
      const rng = createRng(seed, 'artist', pool.genre, a);
      let name = artistName(rng, pool);
      if (genreIndex === 6 && a === 0) name = HOSTILE_ARTIST_NAME;
      if (genreIndex === 4 && a === 1) name = EMOJI_ARTIST_NAME;
      // Real catalogues have namesakes, but unique names keep search results legible.
      for (let n = 2; usedNames.has(name); n++) name = `${artistName(rng, pool)} ${n}`;
      usedNames.add(name);
      const artist: Artist = {
        id: base62Id(seed, 'artist', pool.genre, a),
        name,
        genre: pool.genre,
        popularity: rng.int(5, 95),
        followers: rng.int(100, 5_000_000),
        albumIds: [],
      };
      artists.set(artist.id, artist);
      ids.push(artist.id);

      const albumCount = rng.int(1, 3);
      const ownTracks: Track[] = [];
      for (let b = 0; b < albumCount; b++) {
        // The last album of a prolific artist may be a compilation re-publishing earlier
        // recordings under new track ids with the same ISRC, as labels really do.
        const isCompilation = b === albumCount - 1 && b > 0 && (a === 0 || rng.chance(0.25));
        const albumType = isCompilation ? 'compilation' : rng.chance(0.3) ? 'single' : 'album';
        const year = rng.int(1965, 2026);
        const album: Album = {
          id: base62Id(seed, 'album', pool.genre, a, b),
          name: isCompilation ? `${name}: Best Of` : titleFrom(rng, pool, rng.int(1, 3)),
          artistIds: [artist.id],
          albumType,
          releaseDate: `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
          label: pool.label,
          upc: String(rng.int(100000000, 999999999)).padStart(12, '0'),
          genre: pool.genre,
          popularity: rng.int(0, 90),
          trackIds: [],
        };
        if (genreIndex === 0 && a === 2 && b === 0) album.name = HOSTILE_ALBUM_NAME;
        const trackCount = albumType === 'single' ? rng.int(1, 3) : rng.int(6, 12);
        for (let t = 0; t < trackCount; t++) {
          const original = isCompilation ? ownTracks[t] : undefined;
          if (isCompilation && !original) break;
          const track: Track = {
            id: base62Id(seed, 'track', album.id, t),
            name: original?.name ?? titleFrom(rng, pool, rng.int(1, 4)),
            albumId: album.id,
            artistIds:
              rng.chance(0.1) && ids.length > 1
                ? [artist.id, rng.pick(ids.slice(0, -1))]
                : [artist.id],
            durationMs: original?.durationMs ?? rng.int(95_000, 420_000),
            explicit: pool.genre === 'hip hop' ? rng.chance(0.6) : rng.chance(0.05),
            trackNumber: t + 1,
            isrc: original?.isrc ?? nextIsrc(genreIndex % 2 === 0 ? 'JP' : 'DE'),
            popularity: rng.int(0, 100),
          };
          if (genreIndex === 6 && a === 1 && b === 0 && t === 0) track.name = HOSTILE_TRACK_NAME;
          tracks.set(track.id, track);
          album.trackIds.push(track.id);
          if (!isCompilation) ownTracks.push(track);
        }
        albums.set(album.id, album);
        artist.albumIds.push(album.id);
      }
    }
    artistsByGenre.set(pool.genre, ids);
  });

  const { shows, episodes } = buildPodcasts(seed);
  return {
    artists,
    albums,
    tracks,
    shows,
    episodes,
    artistsByGenre,
    trackList: [...tracks.values()],
  };
}

function buildPodcasts(seed: number): { shows: Map<string, Show>; episodes: Map<string, Episode> } {
  const shows = new Map<string, Show>();
  const episodes = new Map<string, Episode>();
  for (let s = 0; s < SHOW_COUNT; s++) {
    const rng = createRng(seed, 'show', s);
    const word = SHOW_WORDS[s % SHOW_WORDS.length] ?? 'Talk';
    const show: Show = {
      id: base62Id(seed, 'show', s),
      name: `${word} ${rng.pick(['Hour', 'Weekly', 'Radio', 'Café', 'Podcast'])}`,
      publisher: rng.pick(['Simulated Media', 'Радио Сим', 'ポッドキャスト社', 'Studio Émile']),
      description: `A simulated podcast about ${word.toLowerCase()}.`,
      language: rng.pick(['en', 'de', 'ja', 'ru', 'ar', 'fr']),
      episodeIds: [],
    };
    const count = rng.int(8, 30);
    for (let e = 0; e < count; e++) {
      const episode: Episode = {
        id: base62Id(seed, 'episode', s, e),
        showId: show.id,
        name: `${show.name} #${e + 1}`,
        description: `Episode ${e + 1} of ${show.name}.`,
        durationMs: rng.int(600_000, 5_400_000),
        releaseDate: new Date(Date.UTC(2024, 0, 1) + e * 7 * 86_400_000).toISOString().slice(0, 10),
      };
      episodes.set(episode.id, episode);
      show.episodeIds.push(episode.id);
    }
    shows.set(show.id, show);
  }
  return { shows, episodes };
}
