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
import { keepFirstPer, keepNewestSetPer, snapshotDay, utcInstant } from './sql-fragments.ts';

const SNAPSHOT = ['playlist_id', 'snapshot_date'];

export const playlistItems: TransformModel = {
  name: 'playlist_items',
  grain: {
    description:
      "one row per position of a playlist per snapshot day on which its snapshot_id changed; when it changed twice in a day, the later snapshot is the day's",
    key: [...SNAPSHOT, 'position'],
  },
  columns: {
    playlist_id: 'VARCHAR',
    snapshot_date: 'DATE',
    snapshot_id: 'VARCHAR',
    position: 'INTEGER',
    item_type: 'VARCHAR',
    track_id: 'VARCHAR',
    episode_id: 'VARCHAR',
    added_at: 'TIMESTAMP WITH TIME ZONE',
    added_by: 'VARCHAR',
  },
  partitionColumn: 'snapshot_date',
  // Positions belong to one snapshot: a shorter later snapshot must not keep the
  // earlier one's tail. Users who share a playlist fetch the same entries: one copy.
  sql: `CREATE OR REPLACE TABLE playlist_items AS
WITH entries AS (
  SELECT fields.playlist_id AS playlist_id, ${snapshotDay(true)} AS snapshot_date,
         fields.snapshot_id AS snapshot_id, fields.position AS position,
         fields.item_type AS item_type,
         CASE WHEN fields.item_type = 'track' THEN fields.item_id END AS track_id,
         CASE WHEN fields.item_type = 'episode' THEN fields.item_id END AS episode_id,
         ${utcInstant('fields.added_at')} AS added_at, fields.added_by AS added_by,
         envelope.fetched_at AS fetched_at
  FROM stg_playlist_items
),
latest_snapshots AS (
  SELECT * FROM entries
  ${keepNewestSetPer('snapshot_id', SNAPSHOT)}
)
SELECT playlist_id, snapshot_date, snapshot_id, CAST(position AS INTEGER) AS position,
       item_type, track_id, episode_id, added_at, added_by
FROM latest_snapshots
${keepFirstPer([...SNAPSHOT, 'position'])}`,
  quality: defineModelQuality({
    model: 'playlist_items',
    expectations: [
      notNull('playlist_id'),
      notNull('snapshot_date'),
      notNull('snapshot_id'),
      notNull('position'),
      range('position', { min: 0 }),
      notNull('item_type'),
      acceptedValues('item_type', ['track', 'episode']),
      exactlyOneItem('item_type', { track: 'track_id', episode: 'episode_id' }),
      notQuarantinedIn('tracks', 'track_id'),
      notQuarantinedIn('episodes', 'episode_id'),
      notQuarantinedIn('playlists', 'playlist_id'),
      unique([...SNAPSHOT, 'position']),
      dailySnapshotFreshness(),
    ],
  }),
};
