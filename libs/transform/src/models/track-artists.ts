import { defineModelQuality, notNull, range, unique } from '@spotify-insights/quality';
import type { TransformModel } from './model.ts';
import { notQuarantinedIn } from './quarantined-reference.ts';

export const trackArtists: TransformModel = {
  name: 'track_artists',
  grain: {
    description:
      "one row per artist credited on a track, at its position in the track's newest object (0 = primary)",
    key: ['track_id', 'artist_id'],
  },
  columns: { track_id: 'VARCHAR', artist_id: 'VARCHAR', artist_position: 'SMALLINT' },
  // An artist listed twice on one track keeps its first position.
  sql: `CREATE OR REPLACE TABLE track_artists AS
SELECT track_id, artist.id AS artist_id, CAST(min(ordinal - 1) AS SMALLINT) AS artist_position
FROM int_latest_tracks, unnest(artists) WITH ORDINALITY AS credits(artist, ordinal)
GROUP BY track_id, artist.id`,
  quality: defineModelQuality({
    model: 'track_artists',
    expectations: [
      notNull('track_id'),
      notNull('artist_id'),
      range('artist_position', { min: 0 }),
      notQuarantinedIn('tracks', 'track_id'),
      notQuarantinedIn('artists', 'artist_id'),
      unique(['track_id', 'artist_id']),
    ],
  }),
};
