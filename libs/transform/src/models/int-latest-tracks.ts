import type { IntermediateTable } from './model.ts';
import { greatestPer } from './sql-fragments.ts';

/*
 * Every track object the raw lines carry, reduced to the newest per track id: the
 * source of tracks and track_artists, and (through the albums and artists inside each
 * track) of albums and artists. Reducing first keeps the catalogue models small however
 * many plays a batch has; since each track's newest object is kept, the newest album or
 * artist object among them is also the newest in the whole batch.
 *
 * Full track objects (recently played, liked, top, playlist entries) win over the
 * simplified ones of a saved album's track list (no ISRC, no album), then the newest.
 * Imported plays know a track's id and name only (and the album artist's NAME, no id:
 * so an import-only track has no album and no track_artists row until the API sees it);
 * they come last, with the tracks of imported chart rows (id and name; without a
 * dim_track row a chart entry could not be loaded). A batch can hold a million plays of a few thousand tracks: an
 * aggregate picks each track's object, not a sort of every row.
 */

const FULL = 2;
const SIMPLIFIED = 1;
const NAME_ONLY = 0;

const trackObject = (track: string, completeness: number, albumId = `${track}.album.id`) => `
  SELECT ${track}.id AS track_id, ${track}.name AS track_name, ${track}.duration_ms AS duration_ms,
         ${track}.external_ids.isrc AS isrc, ${albumId} AS album_id, ${track}.explicit AS explicit,
         ${track}.popularity AS popularity, ${track}.album AS album, ${track}.artists AS artists,
         ${completeness} AS completeness, envelope.fetched_at AS fetched_at`;

export const intLatestTracks: IntermediateTable = {
  name: 'int_latest_tracks',
  sql: `CREATE OR REPLACE TEMP TABLE int_latest_tracks AS
WITH track_objects AS (
  ${trackObject('item.track', FULL)} FROM stg_recent_plays
  UNION ALL ${trackObject('item.track', FULL)} FROM stg_liked_songs
  UNION ALL ${trackObject('item', FULL)} FROM stg_top_songs
  UNION ALL ${trackObject('item.item', FULL)} FROM stg_playlist_items WHERE fields.item_type = 'track'
  UNION ALL ${trackObject('track', SIMPLIFIED, 'album_id')} FROM (
    SELECT unnest(item.album.tracks.items) AS track, item.album.id AS album_id, envelope
    FROM stg_saved_albums)
  UNION ALL
  SELECT fields.track_id, fields.track_name, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         ${NAME_ONLY}, envelope.fetched_at
  FROM stg_streaming_history WHERE fields.track_id IS NOT NULL
  UNION ALL
  SELECT fields.track_id, fields.track_name, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         ${NAME_ONLY}, envelope.fetched_at
  FROM stg_charts
)
${greatestPer('track_objects', 'track_id', '(completeness, fetched_at)')}`,
};
