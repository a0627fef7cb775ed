import { defineModelQuality, notNull, unique } from '@spotify-insights/quality';
import { dailySnapshotFreshness } from './daily-snapshot.ts';
import type { TransformModel } from './model.ts';
import { notQuarantinedIn } from './quarantined-reference.ts';
import { isSpotifyId } from './spotify-formats.ts';
import { keepFirstPer, snapshotDay, utcInstant } from './sql-fragments.ts';

export const savedAlbums: TransformModel = {
  name: 'saved_albums',
  grain: {
    description:
      "one row per album in a user's library per snapshot day (the library on a day is every album seen that day)",
    key: ['user_id', 'album_id', 'snapshot_date'],
  },
  columns: {
    user_id: 'VARCHAR',
    album_id: 'VARCHAR',
    added_at: 'TIMESTAMP WITH TIME ZONE',
    snapshot_date: 'DATE',
  },
  partitionColumn: 'snapshot_date',
  // saved-albums records carry no snapshot_date: the fetch day is the snapshot day.
  sql: `CREATE OR REPLACE TABLE saved_albums AS
SELECT envelope.user_id AS user_id,
       fields.album_id AS album_id,
       ${utcInstant('fields.added_at')} AS added_at,
       ${snapshotDay(false)} AS snapshot_date
FROM stg_saved_albums
${keepFirstPer(['user_id', 'album_id', 'snapshot_date'], 'envelope.fetched_at DESC')}`,
  quality: defineModelQuality({
    model: 'saved_albums',
    expectations: [
      notNull('user_id'),
      notNull('album_id'),
      isSpotifyId('album_id'),
      notNull('added_at'),
      notNull('snapshot_date'),
      notQuarantinedIn('albums', 'album_id'),
      unique(['user_id', 'album_id', 'snapshot_date']),
      dailySnapshotFreshness(),
    ],
  }),
};
