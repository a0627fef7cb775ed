import { defineModelQuality } from '@spotify-insights/quality';
import { emptyTableSql } from '../duckdb-types.ts';
import type { TransformModel } from './model.ts';
import { playColumns, playExpectations } from './play-columns.ts';

const COLUMNS = playColumns('episode_id');

/*
 * Podcast plays come only from imported streaming history (recently-played lists no
 * episodes), so the table is empty until imports exist; it is built with its types so
 * the checks, the Parquet and the loader already handle it. The import will give it the
 * same SQL as plays (its inputs, deduplicated on the grain).
 */
export const episodePlays: TransformModel = {
  name: 'episode_plays',
  grain: {
    description: 'one row per play of a podcast episode by a user, when it ended',
    key: ['user_id', 'played_at', 'episode_id'],
  },
  columns: COLUMNS,
  partitionColumn: 'played_date',
  sql: emptyTableSql('episode_plays', COLUMNS),
  quality: defineModelQuality({
    model: 'episode_plays',
    expectations: playExpectations('episode_id', 'episodes'),
  }),
};
