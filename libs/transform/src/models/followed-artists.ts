import { defineModelQuality, notNull, unique } from '@spotify-insights/quality';
import { dailySnapshotFreshness } from './daily-snapshot.ts';
import type { TransformModel } from './model.ts';
import { notQuarantinedIn } from './quarantined-reference.ts';
import { isSpotifyId } from './spotify-formats.ts';
import { snapshotDay } from './sql-fragments.ts';

export const followedArtists: TransformModel = {
  name: 'followed_artists',
  grain: {
    description: 'one row per artist a user follows per snapshot day (periodic snapshot)',
    key: ['user_id', 'artist_id', 'snapshot_date'],
  },
  columns: { user_id: 'VARCHAR', artist_id: 'VARCHAR', snapshot_date: 'DATE' },
  partitionColumn: 'snapshot_date',
  sql: `CREATE OR REPLACE TABLE followed_artists AS
SELECT DISTINCT envelope.user_id AS user_id,
       fields.artist_id AS artist_id,
       ${snapshotDay(true)} AS snapshot_date
FROM stg_following_artists`,
  quality: defineModelQuality({
    model: 'followed_artists',
    expectations: [
      notNull('user_id'),
      notNull('artist_id'),
      isSpotifyId('artist_id'),
      notNull('snapshot_date'),
      notQuarantinedIn('artists', 'artist_id'),
      unique(['user_id', 'artist_id', 'snapshot_date']),
      dailySnapshotFreshness(),
    ],
  }),
};
