import { defineModelQuality, notNull, range, unique } from '@spotify-insights/quality';
import type { TransformModel } from './model.ts';
import { isReleaseDate, isSpotifyId } from './spotify-formats.ts';
import { keepFirstPer } from './sql-fragments.ts';

export const episodes: TransformModel = {
  name: 'episodes',
  grain: {
    description:
      'one row per podcast episode: a playlist entry (full object) wins over an imported play (id, name, show), then the newest',
    key: ['episode_id'],
  },
  columns: {
    episode_id: 'VARCHAR',
    episode_name: 'VARCHAR',
    show_name: 'VARCHAR',
    show_id: 'VARCHAR',
    publisher: 'VARCHAR',
    duration_ms: 'INTEGER',
    release_date: 'VARCHAR',
  },
  sql: `CREATE OR REPLACE TABLE episodes AS
WITH episode_objects AS (
  SELECT item.item.id AS episode_id,
         item.item.name AS episode_name,
         item.item.show.name AS show_name,
         item.item.show.id AS show_id,
         item.item.show.publisher AS publisher,
         CAST(item.item.duration_ms AS INTEGER) AS duration_ms,
         item.item.release_date AS release_date,
         2 AS completeness, envelope.fetched_at AS fetched_at
  FROM stg_playlist_items
  WHERE fields.item_type = 'episode'
  UNION ALL BY NAME
  -- The export knows an episode's id, name and show name only.
  SELECT fields.episode_id AS episode_id, fields.episode_name AS episode_name,
         fields.show_name AS show_name, 1 AS completeness, envelope.fetched_at AS fetched_at
  FROM stg_streaming_history
  WHERE fields.episode_id IS NOT NULL
)
SELECT episode_id, episode_name, show_name, show_id, publisher, duration_ms, release_date
FROM episode_objects
${keepFirstPer(['episode_id'], 'completeness DESC, fetched_at DESC')}`,
  quality: defineModelQuality({
    model: 'episodes',
    expectations: [
      notNull('episode_id'),
      isSpotifyId('episode_id'),
      notNull('episode_name'),
      range('duration_ms', { min: 0 }),
      isReleaseDate('release_date'),
      unique(['episode_id']),
    ],
  }),
};
