import {
  acceptedValues,
  defineModelQuality,
  notNull,
  range,
  unique,
} from '@spotify-insights/quality';
import { dailySnapshotFreshness } from './daily-snapshot.ts';
import type { TransformModel } from './model.ts';
import { exactlyOneItem } from './one-item-per-row.ts';
import { notQuarantinedIn } from './quarantined-reference.ts';
import { keepFirstPer, keepNewestSetPer, snapshotDay } from './sql-fragments.ts';

const rankedItems = (itemType: 'track' | 'artist', from: string) => `
  SELECT envelope.user_id AS user_id, ${snapshotDay(true)} AS snapshot_date,
         '${itemType}' AS item_type, fields.time_range AS time_range, fields.rank AS rank,
         ${itemType === 'track' ? 'fields.track_id' : 'NULL'} AS track_id,
         ${itemType === 'artist' ? 'fields.artist_id' : 'NULL'} AS artist_id,
         envelope.run_id AS run_id, envelope.fetched_at AS fetched_at
  FROM ${from}`;

const LIST = ['user_id', 'item_type', 'time_range', 'snapshot_date'];

export const topItems: TransformModel = {
  name: 'top_items',
  grain: {
    description:
      "one row per rank of a user's top tracks or artists per time range per snapshot day; when a day was fetched twice, the later run's list is the day's",
    key: [...LIST, 'rank'],
  },
  columns: {
    user_id: 'VARCHAR',
    snapshot_date: 'DATE',
    item_type: 'VARCHAR',
    time_range: 'VARCHAR',
    rank: 'SMALLINT',
    track_id: 'VARCHAR',
    artist_id: 'VARCHAR',
  },
  partitionColumn: 'snapshot_date',
  // A rank only means something within one answer of the API: mixing two runs' lists
  // could show one track at two ranks. Copies of one run (a redelivered file) collapse.
  sql: `CREATE OR REPLACE TABLE top_items AS
WITH ranked_items AS (
  ${rankedItems('track', 'stg_top_songs')}
  UNION ALL ${rankedItems('artist', 'stg_top_artists')}
),
latest_lists AS (
  SELECT * FROM ranked_items
  ${keepNewestSetPer('run_id', LIST)}
)
SELECT user_id, snapshot_date, item_type, time_range, CAST(rank AS SMALLINT) AS rank,
       track_id, artist_id
FROM latest_lists
${keepFirstPer([...LIST, 'rank'])}`,
  quality: defineModelQuality({
    model: 'top_items',
    expectations: [
      notNull('user_id'),
      notNull('snapshot_date'),
      notNull('item_type'),
      acceptedValues('item_type', ['track', 'artist']),
      notNull('time_range'),
      acceptedValues('time_range', ['short_term', 'medium_term', 'long_term']),
      notNull('rank'),
      range('rank', { min: 1 }),
      exactlyOneItem('item_type', { track: 'track_id', artist: 'artist_id' }),
      notQuarantinedIn('tracks', 'track_id'),
      notQuarantinedIn('artists', 'artist_id'),
      unique([...LIST, 'rank']),
      dailySnapshotFreshness(),
    ],
  }),
};
