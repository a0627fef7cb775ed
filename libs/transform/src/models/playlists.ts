import { defineModelQuality, notNull, range, unique } from '@spotify-insights/quality';
import type { TransformModel } from './model.ts';
import { isSpotifyId } from './spotify-formats.ts';
import { keepFirstPer } from './sql-fragments.ts';

export const playlists: TransformModel = {
  name: 'playlists',
  grain: {
    description: 'one row per playlist, as last fetched (a playlist two users follow is one row)',
    key: ['playlist_id'],
  },
  columns: {
    playlist_id: 'VARCHAR',
    playlist_name: 'VARCHAR',
    owner_id: 'VARCHAR',
    owner_name: 'VARCHAR',
    is_collaborative: 'BOOLEAN',
    is_public: 'BOOLEAN',
    snapshot_id: 'VARCHAR',
    items_total: 'INTEGER',
  },
  sql: `CREATE OR REPLACE TABLE playlists AS
SELECT fields.playlist_id AS playlist_id,
       fields.name AS playlist_name,
       fields.owner_id AS owner_id,
       fields.owner_name AS owner_name,
       fields.collaborative AS is_collaborative,
       fields.public AS is_public,
       fields.snapshot_id AS snapshot_id,
       CAST(fields.items_total AS INTEGER) AS items_total
FROM stg_saved_playlists
${keepFirstPer(['fields.playlist_id'], 'envelope.fetched_at DESC')}`,
  quality: defineModelQuality({
    model: 'playlists',
    expectations: [
      notNull('playlist_id'),
      isSpotifyId('playlist_id'),
      notNull('playlist_name'),
      range('items_total', { min: 0 }),
      unique(['playlist_id']),
    ],
  }),
};
