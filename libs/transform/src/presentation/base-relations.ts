import type { Relation } from './relations.ts';
import { playDedupeSql } from '../models/play-dedupe.ts';
import { localTime } from './sql-expressions.ts';

/*
 * The relations every aggregate starts from. The processed history is loaded whole, so
 * a grain can stand in it twice (two runs, or the API and an imported file): each
 * relation here keeps one row per grain, and the play relations apply the privacy
 * policy of the warehouse marts (migrations/20261123020100_marts.ts): incognito plays
 * never reach an aggregate, music and podcasts are counted apart.
 */

/** A play of at least this long is a stream (Spotify's rule); minutes count every play. */
export const STREAM_MIN_MS = 30_000;

// Dimensions carry no version or timestamp, so which copy wins is only made
// deterministic: the one with a name (the first column after the id), then the first by
// name.
const oneRowPerId = (table: string, id: string, columns: readonly string[]): string => `
  SELECT ${id}, ${columns.join(', ')} FROM ${table}
  QUALIFY row_number() OVER (PARTITION BY ${id} ORDER BY ${columns[0]} NULLS LAST) = 1`;

const dimension = (name: string, table: string, id: string, columns: readonly string[]) => ({
  name,
  sql: oneRowPerId(table, id, columns),
});

export const TRACK_DIM: Relation = {
  name: 'track_dim',
  // One recording published under several track ids (a single and its album version)
  // shares an ISRC: ranks and overlaps count per recording_id, as the marts do.
  sql: `
  SELECT track_id, track_name, album_id, isrc,
         coalesce('isrc:' || upper(isrc), 'track:' || track_id) AS recording_id
  FROM (${oneRowPerId('tracks', 'track_id', ['track_name', 'album_id', 'isrc'])})`,
};

export const ARTIST_DIM: Relation = dimension('artist_dim', 'artists', 'artist_id', [
  'artist_name',
]);
export const ALBUM_DIM: Relation = dimension('album_dim', 'albums', 'album_id', ['album_name']);
export const EPISODE_DIM: Relation = dimension('episode_dim', 'episodes', 'episode_id', [
  'episode_name',
  'show_id',
  'show_name',
]);
export const PLAYLIST_DIM: Relation = dimension('playlist_dim', 'playlists', 'playlist_id', [
  'playlist_name',
]);

/** Every artist of a track: a play credits each of them (a featured artist too), as in the marts. */
export const TRACK_CREDITS: Relation = {
  name: 'track_credits',
  sql: `
  SELECT track_id, artist_id, min(artist_position) AS artist_position
  FROM track_artists
  GROUP BY track_id, artist_id`,
};

export const TRACK_ARTIST_NAMES: Relation = {
  name: 'track_artist_names',
  uses: [TRACK_CREDITS, ARTIST_DIM],
  sql: `
  SELECT c.track_id,
         string_agg(coalesce(a.artist_name, c.artist_id), ', '
                    ORDER BY c.artist_position, a.artist_name) AS artist_names
  FROM track_credits c
  LEFT JOIN artist_dim a USING (artist_id)
  GROUP BY c.track_id`,
};

// One row per play, by the same rule as the models (play-dedupe.ts), over every run's
// processed rows: the same play from the API and from an imported history is one, the
// import winning (it has the exact ms_played and the incognito flag); an account-data
// play gives way to the same play known to the second, whichever run brought which. The
// policy filter comes after the dedupe so an import's incognito flag is what counts.
const uniquePlays = (table: string, item: string): string => `
  SELECT user_id, played_at, ${item}, coalesce(ms_played, 0) AS ms_played, incognito
  FROM (${playDedupeSql({
    from: table,
    itemColumn: item,
    timeColumn: 'played_at',
    toTheMinuteColumn: 'played_to_the_minute',
    secondOrder: "coalesce(source = 'import', false) DESC, ms_played DESC NULLS LAST",
    minuteOrder: 'ms_played DESC NULLS LAST',
  })})`;

// A play belongs to the local day and hour in which it ended (played_at) and started
// ms_played before that.
const PLAY_TIMING = `p.user_id, p.played_at,
       p.played_at - p.ms_played * INTERVAL 1 MILLISECOND AS started_at,
       ${localTime('p.played_at')} AS local_played_at,
       ${localTime('p.played_at')}::DATE AS local_date,
       p.ms_played, p.ms_played >= ${STREAM_MIN_MS} AS is_stream`;

/** One row per music play, deduplicated, incognito plays excluded. */
export const MUSIC_PLAYS: Relation = {
  name: 'music_plays',
  uses: [TRACK_DIM],
  sql: `
  SELECT ${PLAY_TIMING},
         p.track_id, coalesce(t.recording_id, 'track:' || p.track_id) AS recording_id,
         t.track_name, t.album_id
  FROM (${uniquePlays('plays', 'track_id')}) p
  LEFT JOIN track_dim t USING (track_id)
  WHERE p.incognito IS NOT TRUE`,
};

/** One row per podcast episode play, deduplicated, incognito plays excluded. */
export const PODCAST_PLAYS: Relation = {
  name: 'podcast_plays',
  uses: [EPISODE_DIM],
  sql: `
  SELECT ${PLAY_TIMING},
         p.episode_id, e.episode_name, e.show_id, e.show_name
  FROM (${uniquePlays('episode_plays', 'episode_id')}) p
  LEFT JOIN episode_dim e USING (episode_id)
  WHERE p.incognito IS NOT TRUE`,
};

/** Music and podcast plays together, told apart by content_type ('music' | 'podcast'). */
export const ALL_PLAYS: Relation = {
  name: 'all_plays',
  uses: [MUSIC_PLAYS, PODCAST_PLAYS],
  sql: `
  SELECT 'music' AS content_type, user_id, played_at, started_at, local_played_at, local_date,
         ms_played, is_stream, track_id, recording_id, NULL::VARCHAR AS episode_id
  FROM music_plays
  UNION ALL
  SELECT 'podcast', user_id, played_at, started_at, local_played_at, local_date,
         ms_played, is_stream, NULL, NULL, episode_id
  FROM podcast_plays`,
};
