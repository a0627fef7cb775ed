import { defineModelQuality, notNull, unique } from '@spotify-insights/quality';
import type { TransformModel } from './model.ts';
import { notQuarantinedIn } from './quarantined-reference.ts';
import { isSpotifyId } from './spotify-formats.ts';
import { utcInstant } from './sql-fragments.ts';

export const savedTracks: TransformModel = {
  name: 'saved_tracks',
  grain: {
    description:
      "one row per save of a track to a user's Liked Songs (the source emits new saves only; a track saved again later is a second row)",
    key: ['user_id', 'track_id', 'added_at'],
  },
  columns: { user_id: 'VARCHAR', track_id: 'VARCHAR', added_at: 'TIMESTAMP WITH TIME ZONE' },
  sql: `CREATE OR REPLACE TABLE saved_tracks AS
SELECT DISTINCT envelope.user_id AS user_id,
       fields.track_id AS track_id,
       ${utcInstant('fields.added_at')} AS added_at
FROM stg_liked_songs`,
  quality: defineModelQuality({
    model: 'saved_tracks',
    expectations: [
      notNull('user_id'),
      notNull('track_id'),
      isSpotifyId('track_id'),
      notNull('added_at'),
      notQuarantinedIn('tracks', 'track_id'),
      unique(['user_id', 'track_id', 'added_at']),
    ],
  }),
};
