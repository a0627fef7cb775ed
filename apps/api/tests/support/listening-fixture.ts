import type { Knex } from 'knex';

/*
 * A small warehouse written by hand for the API's tests: four listeners, a handful of
 * artists, albums and tracks (two track ids sharing one ISRC), a podcast episode, and
 * plays spread over 2025-2026. Tests compute what they expect from these arrays with
 * plain JavaScript, never from SQL.
 */

/** The instant the API is told it is (relative ranges end here). */
export const NOW = new Date('2026-06-15T12:00:00Z');

export const USERS = [
  { id: 'ana.fx', name: 'Ana', tz: 'UTC' },
  { id: 'ben.fx', name: 'Ben', tz: 'Asia/Tokyo' },
  { id: 'cai.fx', name: 'Cai', tz: 'UTC' },
  // hostile display name: must come back as data, never as SQL or markup
  { id: "dee'; drop table warehouse.dim_user; --", name: '<script>alert(1)</script>', tz: 'UTC' },
] as const;

export const ARTISTS = [
  { id: 'ar-aurora', name: 'Aurora Lane', genres: ['synthpop', 'indie'] },
  { id: 'ar-bass', name: 'Bassline Collective', genres: [] },
  { id: 'ar-cafe', name: 'Café Müller', genres: ['jazz'] },
  { id: 'ar-delta', name: 'Delta Nine', genres: [] },
] as const;

export const ALBUMS = [
  { id: 'al-glow', name: 'Glow Sessions' },
  { id: 'al-low', name: 'Low End Theory' },
  { id: 'al-kaffee', name: 'Kaffeehaus' },
] as const;

export interface FixtureTrack {
  id: string;
  name: string;
  ms: number;
  isrc: string | null;
  album: string;
  artists: string[];
}

export const TRACKS: FixtureTrack[] = [
  {
    id: 'tr-glow',
    name: 'Glow',
    ms: 200_000,
    isrc: 'GBAAA2100001',
    album: 'al-glow',
    artists: ['ar-aurora'],
  },
  // the same recording again, under another id
  {
    id: 'tr-glow-single',
    name: 'Glow (Single)',
    ms: 200_000,
    isrc: 'GBAAA2100001',
    album: 'al-glow',
    artists: ['ar-aurora'],
  },
  {
    id: 'tr-low',
    name: 'Low End',
    ms: 180_000,
    isrc: 'USBBB1900002',
    album: 'al-low',
    artists: ['ar-bass', 'ar-aurora'],
  },
  {
    id: 'tr-kaffee',
    name: 'Kaffee',
    ms: 240_000,
    isrc: null,
    album: 'al-kaffee',
    artists: ['ar-cafe'],
  },
  {
    id: 'tr-delta',
    name: 'Delta',
    ms: 150_000,
    isrc: null,
    album: 'al-low',
    artists: ['ar-delta'],
  },
  {
    id: 'tr-echo',
    name: 'Echo',
    ms: 210_000,
    isrc: null,
    album: 'al-kaffee',
    artists: ['ar-cafe', 'ar-delta'],
  },
];

export interface FixturePlay {
  user: string;
  track: string;
  playedAt: string;
  ms: number;
  incognito?: boolean;
}

const play = (user: string, track: string, playedAt: string, ms: number, incognito = false) => ({
  user,
  track,
  playedAt,
  ms,
  incognito,
});

const [ana, ben, cai] = [USERS[0].id, USERS[1].id, USERS[2].id];

export const PLAYS: FixturePlay[] = [
  // Ana: all time 2025-2026, last 4 weeks heavy on Glow
  play(ana, 'tr-glow', '2025-03-10T08:03:20Z', 200_000),
  play(ana, 'tr-low', '2025-03-10T08:06:20Z', 180_000),
  play(ana, 'tr-kaffee', '2025-03-10T08:07:00Z', 10_000), // not a stream
  play(ana, 'tr-kaffee', '2025-12-31T23:30:00Z', 240_000),
  play(ana, 'tr-kaffee', '2026-01-01T00:30:00Z', 240_000),
  play(ana, 'tr-low', '2026-02-02T21:00:00Z', 180_000),
  play(ana, 'tr-glow', '2026-05-20T07:00:00Z', 200_000),
  play(ana, 'tr-glow-single', '2026-05-21T07:00:00Z', 200_000),
  play(ana, 'tr-glow', '2026-05-22T07:00:00Z', 200_000),
  play(ana, 'tr-delta', '2026-05-22T07:04:00Z', 150_000),
  play(ana, 'tr-low', '2026-06-14T22:00:00Z', 180_000),
  play(ana, 'tr-echo', '2026-06-14T22:05:00Z', 30_000), // exactly 30 s: a stream
  play(ana, 'tr-echo', '2026-06-14T22:06:00Z', 29_999), // not a stream
  play(ana, 'tr-delta', '2026-06-15T09:00:00Z', 150_000, true), // incognito: never counted
  // Ben (Tokyo): 2026-06-01T16:00Z is 2026-06-02 01:00 in Tokyo
  play(ben, 'tr-kaffee', '2026-06-01T16:00:00Z', 240_000),
  play(ben, 'tr-kaffee', '2026-06-02T16:00:00Z', 240_000),
  play(ben, 'tr-echo', '2026-06-03T10:00:00Z', 210_000),
  play(ben, 'tr-low', '2026-06-04T10:00:00Z', 180_000),
  play(ben, 'tr-delta', '2026-06-05T10:00:00Z', 150_000),
  play(ben, 'tr-delta', '2026-06-06T10:00:00Z', 150_000),
  play(ben, 'tr-delta', '2026-06-07T10:00:00Z', 150_000),
  // Cai: a little of everything, in 2025 only
  play(cai, 'tr-glow', '2025-07-01T10:00:00Z', 200_000),
  play(cai, 'tr-low', '2025-07-01T10:04:00Z', 180_000),
  play(cai, 'tr-low', '2025-07-02T10:04:00Z', 180_000),
  play(cai, 'tr-kaffee', '2025-07-03T10:04:00Z', 240_000),
];

export const EPISODE = { id: 'ep-data-12', name: 'Data Talks #12', show: 'Data Talks' };
export const EPISODE_PLAYS = [
  { user: ana, playedAt: '2026-06-10T18:00:00Z', ms: 1_200_000 },
  { user: ana, playedAt: '2025-01-05T18:00:00Z', ms: 600_000 },
];

/** Loads the fixture with plain inserts, as the warehouse's owner. */
export async function loadListeningFixture(db: Knex): Promise<void> {
  const batch = { load_batch_id: 'api-fixture' };
  await db('warehouse.dim_user').insert(
    USERS.map((u) => ({ spotify_user_id: u.id, display_name: u.name, time_zone: u.tz })),
  );
  await db('warehouse.dim_artist').insert(
    ARTISTS.map((a) => ({ spotify_artist_id: a.id, artist_name: a.name })),
  );
  await db('warehouse.dim_album').insert(
    ALBUMS.map((a) => ({ spotify_album_id: a.id, album_name: a.name })),
  );
  const albumKey = await keys(db, 'dim_album', 'spotify_album_id', 'album_key');
  await db('warehouse.dim_track').insert(
    TRACKS.map((t) => ({
      spotify_track_id: t.id,
      track_name: t.name,
      duration_ms: t.ms,
      isrc: t.isrc,
      album_key: albumKey.get(t.album),
    })),
  );
  const trackKey = await keys(db, 'dim_track', 'spotify_track_id', 'track_key');
  const artistKey = await keys(db, 'dim_artist', 'spotify_artist_id', 'artist_key');
  const userKey = await keys(db, 'dim_user', 'spotify_user_id', 'user_key');
  const genres = [...new Set(ARTISTS.flatMap((a) => a.genres))];
  await db('warehouse.dim_genre').insert(genres.map((g) => ({ genre_name: g })));
  const genreKey = await keys(db, 'dim_genre', 'genre_name', 'genre_key');
  await db('warehouse.bridge_artist_genre').insert(
    ARTISTS.flatMap((a) =>
      a.genres.map((g) => ({ artist_key: artistKey.get(a.id), genre_key: genreKey.get(g) })),
    ),
  );
  await db('warehouse.bridge_track_artist').insert(
    TRACKS.flatMap((t) =>
      t.artists.map((a, position) => ({
        track_key: trackKey.get(t.id),
        artist_key: artistKey.get(a),
        artist_position: position,
      })),
    ),
  );
  await db('warehouse.fct_play').insert(
    PLAYS.map((p) => ({
      user_key: userKey.get(p.user),
      track_key: trackKey.get(p.track),
      played_at: p.playedAt,
      ms_played: p.ms,
      incognito: p.incognito ?? false,
      source: 'import',
      ...batch,
    })),
  );
  await db('warehouse.dim_episode').insert({
    spotify_episode_id: EPISODE.id,
    episode_name: EPISODE.name,
    show_name: EPISODE.show,
  });
  const [episode] = await db('warehouse.dim_episode').select('episode_key');
  await db('warehouse.fct_episode_play').insert(
    EPISODE_PLAYS.map((p) => ({
      user_key: userKey.get(p.user),
      episode_key: episode.episode_key,
      played_at: p.playedAt,
      ms_played: p.ms,
      source: 'import',
      ...batch,
    })),
  );
}

async function keys(db: Knex, table: string, natural: string, key: string) {
  const rows = await db(`warehouse.${table}`).select(natural, key);
  return new Map(rows.map((r: Record<string, string>) => [r[natural]!, r[key]!]));
}
