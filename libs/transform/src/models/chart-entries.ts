import {
  acceptedValues,
  defineModelQuality,
  notNull,
  range,
  unique,
} from '@spotify-insights/quality';
import { emptyTableSql } from '../duckdb-types.ts';
import type { TransformModel } from './model.ts';
import { notQuarantinedIn } from './quarantined-reference.ts';
import { isSpotifyId } from './spotify-formats.ts';

const COLUMNS = {
  chart_name: 'VARCHAR',
  chart_date: 'DATE',
  rank: 'SMALLINT',
  track_id: 'VARCHAR',
  streams: 'BIGINT',
  peak_rank: 'SMALLINT',
  previous_rank: 'SMALLINT',
  periods_on_chart: 'INTEGER',
  source: 'VARCHAR',
};

/*
 * Chart entries come from imported Spotify Charts CSVs and tracked chart playlists,
 * which arrive with the imports: until then the table is empty, with its types, so the
 * checks, the Parquet and the loader already handle it.
 */
export const chartEntries: TransformModel = {
  name: 'chart_entries',
  grain: {
    description: 'one row per rank of a chart per chart date (e.g. regional-global-daily)',
    key: ['chart_name', 'chart_date', 'rank'],
  },
  columns: COLUMNS,
  partitionColumn: 'chart_date',
  sql: emptyTableSql('chart_entries', COLUMNS),
  quality: defineModelQuality({
    model: 'chart_entries',
    expectations: [
      notNull('chart_name'),
      notNull('chart_date'),
      notNull('rank'),
      range('rank', { min: 1 }),
      notNull('track_id'),
      isSpotifyId('track_id'),
      range('streams', { min: 0 }),
      range('peak_rank', { min: 1 }),
      range('previous_rank', { min: 1 }),
      range('periods_on_chart', { min: 0 }),
      notNull('source'),
      acceptedValues('source', ['charts_csv', 'playlist']),
      notQuarantinedIn('tracks', 'track_id'),
      unique(['chart_name', 'chart_date', 'rank']),
    ],
  }),
};
