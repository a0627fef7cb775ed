import type { Knex } from 'knex';

/*
 * A small star schema written by hand, loaded with plain SQL: three users, four tracks
 * (two of them one recording under two ids, sharing an ISRC), three artists, a podcast
 * episode, and plays chosen to hit every rule of the marts: a short play, plays of
 * exactly 29.999 s and 30 s, an incognito music play and an incognito podcast play, a gap
 * of exactly 10 minutes (same session) and one of more (new session), a session across
 * midnight, a day with only a short play (no streak), a user in Tokyo (local days and
 * hours), and plays relative to now() for the period views.
 * The marts test computes the expected numbers from this file by hand.
 */

export const USERS = {
  /** UTC; listened in March and April 2025. */
  ayaka: 'ayaka.fixture',
  /**
   * UTC; listened when the fixture was loaded (so "this year" is never empty), then 1,
   * 60, 400, 401 and 402 days before.
   */
  boris: 'boris.fixture',
  /** Asia/Tokyo (UTC+9, no summer time); one play. */
  chloe: 'chloe.fixture',
} as const;

export const ARTISTS = {
  aurora: { id: 'fx-artist-aurora', name: 'Aurora Lane' },
  bass: { id: 'fx-artist-bass', name: 'Bassline Collective' },
  cafe: { id: 'fx-artist-cafe', name: 'Café Müller' },
  // followed once, then no more: must not appear in today's preferences
  hostile: { id: 'fx-artist-hostile', name: "'; drop table warehouse.dim_user; --" },
} as const;

export const TRACKS = {
  glow: { id: 'fx-track-glow', name: 'Glow', ms: 200_000, isrc: 'GBAAA2100001' },
  // the same recording published again: its ISRC in lower case on purpose
  glowSingle: {
    id: 'fx-track-glow-single',
    name: 'Glow (Single)',
    ms: 200_000,
    isrc: 'gbaaa2100001',
  },
  lowEnd: { id: 'fx-track-low-end', name: 'Low End', ms: 180_000, isrc: 'USBBB1900002' },
  kaffee: { id: 'fx-track-kaffee', name: 'Kaffee', ms: 240_000, isrc: null },
} as const;

export const EPISODE = { id: 'fx-episode-data-12', name: 'Data Talks #12', show: 'Data Talks' };

type TrackName = keyof typeof TRACKS;

export interface FixturePlay {
  user: string;
  track: TrackName;
  playedAt: Date;
  msPlayed: number;
  incognito?: boolean;
}

const at = (iso: string) => new Date(iso);
const { ayaka, boris, chloe } = USERS;

/** Ayaka's music plays (UTC). Her podcast plays are in EPISODE_PLAYS. */
export const AYAKA_PLAYS: FixturePlay[] = [
  // Monday 2025-03-10, session 1 (08:00:00-08:07:00): back to back, then a 10 s play
  { user: ayaka, track: 'glow', playedAt: at('2025-03-10T08:03:20Z'), msPlayed: 200_000 },
  { user: ayaka, track: 'lowEnd', playedAt: at('2025-03-10T08:06:20Z'), msPlayed: 180_000 },
  { user: ayaka, track: 'kaffee', playedAt: at('2025-03-10T08:07:00Z'), msPlayed: 10_000 },
  // session 2: starts 08:26:40 (19 min 40 s later); the next starts exactly 10 min after
  { user: ayaka, track: 'glow', playedAt: at('2025-03-10T08:30:00Z'), msPlayed: 200_000 },
  { user: ayaka, track: 'glowSingle', playedAt: at('2025-03-10T08:43:20Z'), msPlayed: 200_000 },
  // a session across midnight: 23:52:00-00:03:00
  { user: ayaka, track: 'lowEnd', playedAt: at('2025-03-11T23:55:00Z'), msPlayed: 180_000 },
  { user: ayaka, track: 'kaffee', playedAt: at('2025-03-12T00:03:00Z'), msPlayed: 240_000 },
  // 2025-03-13: a 5 s play and an incognito stream: no listening day for the streaks
  { user: ayaka, track: 'kaffee', playedAt: at('2025-03-13T09:00:00Z'), msPlayed: 5_000 },
  {
    user: ayaka,
    track: 'kaffee',
    playedAt: at('2025-03-13T10:00:00Z'),
    msPlayed: 240_000,
    incognito: true,
  },
  { user: ayaka, track: 'glow', playedAt: at('2025-03-14T12:00:00Z'), msPlayed: 200_000 },
  // Wednesday 2025-04-02: 29.999 s is no stream, 30 s is one
  { user: ayaka, track: 'lowEnd', playedAt: at('2025-04-02T10:00:00Z'), msPlayed: 29_999 },
  { user: ayaka, track: 'lowEnd', playedAt: at('2025-04-02T10:05:00Z'), msPlayed: 30_000 },
];

export const EPISODE_PLAYS = [
  // Monday 2025-03-10 21:05-21:30, a session of its own
  { user: ayaka, playedAt: at('2025-03-10T21:30:00Z'), msPlayed: 1_500_000, incognito: false },
  { user: ayaka, playedAt: at('2025-04-02T20:00:00Z'), msPlayed: 600_000, incognito: true },
];

/** Chloe in Tokyo: Sunday 23:30 UTC is Monday 2025-06-02 08:30 for her. */
export const CHLOE_PLAYS: FixturePlay[] = [
  { user: chloe, track: 'glow', playedAt: at('2025-06-01T23:30:00Z'), msPlayed: 200_000 },
];

const DAY_MS = 86_400_000;

/** Boris's plays, relative to `now` (the period views compare with now()). */
export function borisPlays(now: Date): FixturePlay[] {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return [
    { user: boris, track: 'kaffee', playedAt: daysAgo(0), msPlayed: 240_000 },
    { user: boris, track: 'kaffee', playedAt: daysAgo(1), msPlayed: 240_000 },
    { user: boris, track: 'lowEnd', playedAt: daysAgo(60), msPlayed: 180_000 },
    { user: boris, track: 'glow', playedAt: daysAgo(400), msPlayed: 200_000 },
    { user: boris, track: 'glow', playedAt: daysAgo(401), msPlayed: 200_000 },
    { user: boris, track: 'glow', playedAt: daysAgo(402), msPlayed: 200_000 },
  ];
}

/** Every fixture music play, incognito included, as loaded at `now`. */
export function musicPlays(now: Date): FixturePlay[] {
  return [...AYAKA_PLAYS, ...CHLOE_PLAYS, ...borisPlays(now)];
}

/** Which artists each track credits, in order (primary first). */
export const TRACK_ARTISTS: Record<TrackName, (keyof typeof ARTISTS)[]> = {
  glow: ['aurora'],
  glowSingle: ['aurora'],
  lowEnd: ['bass', 'cafe'],
  kaffee: ['cafe'],
};

const USERS_SQL = `
insert into warehouse.dim_user (spotify_user_id, display_name, time_zone) values
  ('${ayaka}', 'Ayaka', 'UTC'), ('${boris}', 'Boris', 'UTC'), ('${chloe}', 'Chloé', 'Asia/Tokyo')`;

const ARTISTS_SQL = `
insert into warehouse.dim_artist (spotify_artist_id, artist_name)
select id, name from jsonb_to_recordset(?::jsonb) as v(id text, name text)`;

const ALBUMS_SQL = `
insert into warehouse.dim_album (spotify_album_id, album_name, album_type, release_date) values
  ('fx-album-northern', 'Northern Lights', 'album', '2021-03-05'),
  ('fx-album-deep', 'Deep Cuts', 'album', '2019')`;

const TRACKS_SQL = `
insert into warehouse.dim_track (spotify_track_id, track_name, duration_ms, isrc, album_key)
select v.id, v.name, v.ms, v.isrc, al.album_key
from jsonb_to_recordset(?::jsonb) as v(id text, name text, ms integer, isrc text, album text)
join warehouse.dim_album al on al.spotify_album_id = v.album`;

const TRACK_ARTISTS_SQL = `
insert into warehouse.bridge_track_artist (track_key, artist_key, artist_position)
select t.track_key, a.artist_key, v.position
from jsonb_to_recordset(?::jsonb) as v(track text, artist text, position smallint)
join warehouse.dim_track t on t.spotify_track_id = v.track
join warehouse.dim_artist a on a.spotify_artist_id = v.artist`;

const OTHER_DIMENSIONS_SQL = `
insert into warehouse.dim_genre (genre_name) values ('synthpop'), ('dream pop'), ('house');
insert into warehouse.bridge_artist_genre (artist_key, genre_key)
select a.artist_key, g.genre_key
from (values ('${ARTISTS.aurora.id}', 'synthpop'), ('${ARTISTS.aurora.id}', 'dream pop'),
             ('${ARTISTS.bass.id}', 'house')) v(artist, genre)
join warehouse.dim_artist a on a.spotify_artist_id = v.artist
join warehouse.dim_genre g on g.genre_name = v.genre;

insert into warehouse.dim_episode (spotify_episode_id, episode_name, show_name, duration_ms)
values ('${EPISODE.id}', '${EPISODE.name}', '${EPISODE.show}', 1800000);

insert into warehouse.dim_playlist (spotify_playlist_id, playlist_name, owner_spotify_id, snapshot_id)
values ('fx-playlist-mix', 'Morning Mix', '${ayaka}', 'snap-1');
`;

// The glow tracks are on Northern Lights, the others on Deep Cuts.
const albumOf = (track: TrackName) =>
  track.startsWith('glow') ? 'fx-album-northern' : 'fx-album-deep';

async function loadDimensions(db: Knex): Promise<void> {
  await db.raw(USERS_SQL);
  await db.raw(ARTISTS_SQL, [JSON.stringify(Object.values(ARTISTS))]);
  await db.raw(ALBUMS_SQL);
  const tracks = Object.entries(TRACKS).map(([key, t]) => ({
    ...t,
    album: albumOf(key as TrackName),
  }));
  await db.raw(TRACKS_SQL, [JSON.stringify(tracks)]);
  const credits = Object.entries(TRACK_ARTISTS).flatMap(([track, artists]) =>
    artists.map((artist, position) => ({
      track: TRACKS[track as TrackName].id,
      artist: ARTISTS[artist].id,
      position,
    })),
  );
  await db.raw(TRACK_ARTISTS_SQL, [JSON.stringify(credits)]);
  await db.raw(OTHER_DIMENSIONS_SQL);
}

// Ayaka's library, follows, Spotify top lists, a playlist and a chart: one row or more
// in every fact, so the BI role has something to read everywhere.
const OTHER_FACTS_SQL = `
insert into warehouse.fct_saved_track (user_key, track_key, added_at, load_batch_id)
select u.user_key, t.track_key, v.added_at::timestamptz, 'fixture'
from (values ('${TRACKS.glow.id}', '2025-02-01T10:00:00Z'), ('${TRACKS.lowEnd.id}', '2025-02-02T10:00:00Z'),
             ('${TRACKS.lowEnd.id}', '2025-03-20T10:00:00Z'), ('${TRACKS.kaffee.id}', '2025-02-03T10:00:00Z')
     ) v(track, added_at)
join warehouse.dim_track t on t.spotify_track_id = v.track
join warehouse.dim_user u on u.spotify_user_id = '${ayaka}';

insert into warehouse.fct_followed_artist (user_key, artist_key, snapshot_date_key, load_batch_id)
select u.user_key, a.artist_key, v.day, 'fixture'
from (values ('${ARTISTS.aurora.id}', 20250301), ('${ARTISTS.hostile.id}', 20250301),
             ('${ARTISTS.aurora.id}', 20250315)) v(artist, day)
join warehouse.dim_artist a on a.spotify_artist_id = v.artist
join warehouse.dim_user u on u.spotify_user_id = '${ayaka}';

insert into warehouse.fct_saved_album (user_key, album_key, snapshot_date_key, added_at, load_batch_id)
select u.user_key, al.album_key, 20250315, '2025-01-10T09:00:00Z', 'fixture'
from warehouse.dim_user u, warehouse.dim_album al
where u.spotify_user_id = '${ayaka}' and al.spotify_album_id = 'fx-album-northern';

insert into warehouse.fct_top_item_snapshot
  (user_key, snapshot_date_key, item_type, time_range, rank, track_key, artist_key, load_batch_id)
select u.user_key, 20250315, 'track', 'short_term', 1, t.track_key, null, 'fixture'
from warehouse.dim_user u, warehouse.dim_track t
where u.spotify_user_id = '${ayaka}' and t.spotify_track_id = '${TRACKS.glow.id}'
union all
select u.user_key, 20250315, 'artist', 'short_term', 1, null, a.artist_key, 'fixture'
from warehouse.dim_user u, warehouse.dim_artist a
where u.spotify_user_id = '${ayaka}' and a.spotify_artist_id = '${ARTISTS.aurora.id}';

insert into warehouse.fct_playlist_item_snapshot
  (playlist_key, snapshot_date_key, snapshot_id, position, item_type, track_key, episode_key,
   load_batch_id)
select p.playlist_key, 20250315, 'snap-1', 0, 'track', t.track_key, null, 'fixture'
from warehouse.dim_playlist p, warehouse.dim_track t
where p.spotify_playlist_id = 'fx-playlist-mix' and t.spotify_track_id = '${TRACKS.glow.id}'
union all
select p.playlist_key, 20250315, 'snap-1', 1, 'episode', null, e.episode_key, 'fixture'
from warehouse.dim_playlist p, warehouse.dim_episode e
where p.spotify_playlist_id = 'fx-playlist-mix' and e.spotify_episode_id = '${EPISODE.id}';

insert into warehouse.fct_chart_entry
  (chart_name, chart_date_key, rank, track_key, streams, periods_on_chart, source, load_batch_id)
select 'regional-global-daily', 20250310, v.rank, t.track_key, v.streams, 3, 'charts_csv', 'fixture'
from (values (1, '${TRACKS.lowEnd.id}', 1234567), (2, '${TRACKS.glow.id}', 987654)) v(rank, track, streams)
join warehouse.dim_track t on t.spotify_track_id = v.track;
`;

const PLAYS_SQL = `
insert into warehouse.fct_play
  (user_key, track_key, played_at, ms_played, incognito, source, load_batch_id)
select u.user_key, t.track_key, v.played_at, v.ms_played, v.incognito, 'import', 'fixture'
from jsonb_to_recordset(?::jsonb)
       as v(user_id text, track_id text, played_at timestamptz, ms_played integer, incognito boolean)
join warehouse.dim_user u on u.spotify_user_id = v.user_id
join warehouse.dim_track t on t.spotify_track_id = v.track_id`;

const EPISODE_PLAYS_SQL = `
insert into warehouse.fct_episode_play
  (user_key, episode_key, played_at, ms_played, incognito, source, load_batch_id)
select u.user_key, e.episode_key, v.played_at, v.ms_played, v.incognito, 'import', 'fixture'
from jsonb_to_recordset(?::jsonb)
       as v(user_id text, played_at timestamptz, ms_played integer, incognito boolean)
join warehouse.dim_user u on u.spotify_user_id = v.user_id
join warehouse.dim_episode e on e.spotify_episode_id = '${EPISODE.id}'`;

/** Loads the fixture into a freshly migrated warehouse; `now` anchors Boris's plays. */
export async function loadStarFixture(db: Knex, now: Date): Promise<void> {
  await loadDimensions(db);
  await db.raw(OTHER_FACTS_SQL);
  const plays = musicPlays(now).map((p) => ({
    user_id: p.user,
    track_id: TRACKS[p.track].id,
    played_at: p.playedAt.toISOString(),
    ms_played: p.msPlayed,
    incognito: p.incognito ?? false,
  }));
  await db.raw(PLAYS_SQL, [JSON.stringify(plays)]);
  const episodePlays = EPISODE_PLAYS.map((p) => ({
    user_id: p.user,
    played_at: p.playedAt.toISOString(),
    ms_played: p.msPlayed,
    incognito: p.incognito,
  }));
  await db.raw(EPISODE_PLAYS_SQL, [JSON.stringify(episodePlays)]);
}
