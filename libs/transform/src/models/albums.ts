import { defineModelQuality, notNull, range, unique } from '@spotify-insights/quality';
import type { TransformModel } from './model.ts';
import { isReleaseDate, isSpotifyId } from './spotify-formats.ts';
import { keepFirstPer } from './sql-fragments.ts';

const albumObject = (album: string, completeness: number, fetchedAt: string) => `
  SELECT ${album}.id AS album_id, ${album}.name AS album_name, ${album}.album_type AS album_type,
         ${album}.release_date AS release_date, ${album}.total_tracks AS total_tracks,
         ${album}.label AS label, ${album}.popularity AS popularity,
         ${completeness} AS completeness, ${fetchedAt} AS fetched_at`;

export const albums: TransformModel = {
  name: 'albums',
  grain: {
    description:
      'one row per album: a saved album (full object, with its label) wins over the simplified album inside a track, then the newest',
    key: ['album_id'],
  },
  columns: {
    album_id: 'VARCHAR',
    album_name: 'VARCHAR',
    album_type: 'VARCHAR',
    release_date: 'VARCHAR',
    total_tracks: 'INTEGER',
    label: 'VARCHAR',
    popularity: 'SMALLINT',
  },
  sql: `CREATE OR REPLACE TABLE albums AS
WITH album_objects AS (
  ${albumObject('album', 1, 'fetched_at')} FROM int_latest_tracks WHERE album IS NOT NULL
  UNION ALL ${albumObject('item.album', 2, 'envelope.fetched_at')} FROM stg_saved_albums
)
SELECT album_id, album_name, album_type, release_date,
       CAST(total_tracks AS INTEGER) AS total_tracks, label,
       CAST(popularity AS SMALLINT) AS popularity
FROM album_objects
${keepFirstPer(['album_id'], 'completeness DESC, fetched_at DESC')}`,
  quality: defineModelQuality({
    model: 'albums',
    expectations: [
      notNull('album_id'),
      isSpotifyId('album_id'),
      notNull('album_name'),
      isReleaseDate('release_date'),
      range('total_tracks', { min: 0 }),
      range('popularity', { min: 0, max: 100 }),
      unique(['album_id']),
    ],
  }),
};
