// Generated from schemas/charts.avsc by libs/schemas/scripts/generate-types.ts. Do not edit.

export type ChartPeriodUnit = 'weeks' | 'days';

/** One row of an imported Spotify Charts CSV (regional-global-daily-YYYY-MM-DD.csv, weekly likewise): one rank of one chart on one date. Charts belong to no user: the record key is the chart name. */
export interface ChartEntry {
  /** Not a user: always spotify-charts (the data contract's envelope has a user id; the transform leaves this one out of dim_user). */
  user_id: string;
  /** When the importer read the file (the import time). (epoch milliseconds) */
  fetched_at: number;
  /** import <file name>, e.g. import regional-global-daily-2024-01-01.csv. */
  endpoint: string;
  /** The import that published it. */
  run_id: string;
  /** The chart as its file is named, e.g. regional-global-daily, regional-de-weekly. */
  chart_name: string;
  /** The chart's date, from the file name. (days since 1970-01-01) */
  chart_date: number;
  rank: number;
  /** From the uri column (spotify:track:<id>). */
  track_id: string;
  track_name: string;
  /** As the CSV gives them: names joined with ', '. */
  artist_names: string;
  /** The CSV's source column: the record label that delivered the track. */
  label: null | string;
  peak_rank: null | number;
  /** null for a new entry (the CSV says -1). */
  previous_rank: null | number;
  /** weeks_on_chart (weekly downloads) or days_on_chart (some daily ones): see period_unit. */
  periods_on_chart: null | number;
  /** Which header the file had: weeks_on_chart or days_on_chart. */
  period_unit: ChartPeriodUnit;
  streams: null | number;
  /** The CSV row as a JSON object keyed by the file's header, as it was. */
  item_json: string;
}
