import { defineModelQuality, notNull, range, unique } from '@spotify-insights/quality';
import type { TransformModel } from './model.ts';
import { isSpotifyId } from './spotify-formats.ts';
import { keepFirstPer } from './sql-fragments.ts';

// A simplified artist (inside a track or an album) has an id and a name only.
const simplifiedArtists = (artists: string, fetchedAt: string, from: string) => `
  SELECT artist.id AS artist_id, artist.name AS artist_name, CAST(NULL AS INTEGER) AS popularity,
         CAST(NULL AS INTEGER) AS followers, CAST(NULL AS VARCHAR[]) AS genres,
         1 AS completeness, fetched_at
  FROM (SELECT unnest(${artists}) AS artist, ${fetchedAt} AS fetched_at FROM ${from})`;

// Top and followed artists are full objects; the producer typed their fields.
const fullArtists = (from: string) => `
  SELECT fields.artist_id, fields.artist_name, fields.popularity, fields.followers,
         fields.genres, 2, envelope.fetched_at FROM ${from}`;

export const artists: TransformModel = {
  name: 'artists',
  grain: {
    description:
      'one row per artist: a full object (top or followed artists) wins over a simplified one inside a track or album, then the newest',
    key: ['artist_id'],
  },
  columns: {
    artist_id: 'VARCHAR',
    artist_name: 'VARCHAR',
    popularity: 'SMALLINT',
    followers: 'INTEGER',
    genres: 'VARCHAR[]',
  },
  sql: `CREATE OR REPLACE TABLE artists AS
WITH artist_objects AS (
  ${simplifiedArtists('artists', 'fetched_at', 'int_latest_tracks')}
  UNION ALL ${simplifiedArtists('album.artists', 'fetched_at', 'int_latest_tracks')}
  UNION ALL ${simplifiedArtists('item.album.artists', 'envelope.fetched_at', 'stg_saved_albums')}
  UNION ALL ${fullArtists('stg_top_artists')}
  UNION ALL ${fullArtists('stg_following_artists')}
)
SELECT artist_id, artist_name, CAST(popularity AS SMALLINT) AS popularity,
       CAST(followers AS INTEGER) AS followers, genres
FROM artist_objects
${keepFirstPer(['artist_id'], 'completeness DESC, fetched_at DESC')}`,
  quality: defineModelQuality({
    model: 'artists',
    expectations: [
      notNull('artist_id'),
      isSpotifyId('artist_id'),
      notNull('artist_name'),
      range('popularity', { min: 0, max: 100 }),
      range('followers', { min: 0 }),
      unique(['artist_id']),
    ],
  }),
};
