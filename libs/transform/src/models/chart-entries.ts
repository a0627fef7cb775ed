import {
  acceptedValues,
  defineModelQuality,
  notNull,
  range,
  unique,
} from '@spotify-insights/quality';
import { typedSelectList } from '../duckdb-types.ts';
import type { TransformModel } from './model.ts';
import { notQuarantinedIn } from './quarantined-reference.ts';
import { keepFirstPer } from './sql-fragments.ts';
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
 * Chart entries come from imported Spotify Charts CSVs (the charts topic; tracked chart
 * playlists may feed it later, as source 'playlist'). A chart file imported twice, or
 * downloaded again with corrections, is one row per rank: the newest import's.
 * chart_date is days since 1970-01-01 (Avro's date), so DATE '1970-01-01' + days.
 */
export const chartEntries: TransformModel = {
  name: 'chart_entries',
  grain: {
    description: 'one row per rank of a chart per chart date (e.g. regional-global-daily)',
    key: ['chart_name', 'chart_date', 'rank'],
  },
  columns: COLUMNS,
  partitionColumn: 'chart_date',
  sql: `CREATE OR REPLACE TABLE chart_entries AS
SELECT ${typedSelectList(COLUMNS)}
FROM (
  SELECT fields.chart_name AS chart_name, DATE '1970-01-01' + fields.chart_date AS chart_date,
         fields.rank AS rank, fields.track_id AS track_id, fields.streams AS streams,
         fields.peak_rank AS peak_rank, fields.previous_rank AS previous_rank,
         fields.periods_on_chart AS periods_on_chart, 'charts_csv' AS source,
         envelope.fetched_at AS fetched_at
  FROM stg_charts
)
${keepFirstPer(['chart_name', 'chart_date', 'rank'])}`,
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
