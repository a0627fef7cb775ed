import { defineModelQuality, notNull, range, unique } from '@spotify-insights/quality';
import type { TransformModel } from './model.ts';
import { isSpotifyId } from './spotify-formats.ts';

export const tracks: TransformModel = {
  name: 'tracks',
  grain: {
    description: 'one row per track, from its newest full object in the batch',
    key: ['track_id'],
  },
  columns: {
    track_id: 'VARCHAR',
    track_name: 'VARCHAR',
    duration_ms: 'INTEGER',
    isrc: 'VARCHAR',
    album_id: 'VARCHAR',
    explicit: 'BOOLEAN',
    popularity: 'SMALLINT',
  },
  // ISRCs are upper-case by standard; some payloads are not, and recordings are
  // matched on them (dim_track.recording_id).
  sql: `CREATE OR REPLACE TABLE tracks AS
SELECT track_id,
       track_name,
       CAST(duration_ms AS INTEGER) AS duration_ms,
       upper(isrc) AS isrc,
       album_id,
       CAST(explicit AS BOOLEAN) AS explicit,
       CAST(popularity AS SMALLINT) AS popularity
FROM int_latest_tracks`,
  quality: defineModelQuality({
    model: 'tracks',
    expectations: [
      notNull('track_id'),
      isSpotifyId('track_id'),
      notNull('track_name'),
      range('duration_ms', { min: 0 }),
      // No not_null: a local file has no album (its track still counts).
      isSpotifyId('album_id'),
      range('popularity', { min: 0, max: 100 }),
      unique(['track_id']),
    ],
  }),
};
