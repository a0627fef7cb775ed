import type { SharedRelations } from './relations.ts';

/** What every presentation aggregate is measured against. */
export interface PresentationParams {
  /** The moment the periods (last 4 weeks, this year…) and current streaks count from. */
  now: Date;
  /** Relations built once for the whole build (shared-relations.ts); none when absent. */
  shared?: SharedRelations;
}

/**
 * One presentation aggregate: a SELECT over the processed tables as loaded in DuckDB
 * (`plays`, `tracks`, `track_artists`…, named as in the processed contract). Its rows
 * become the table `pres_<name>` and the files `<name>/<name>.parquet` and `.csv`.
 */
export interface PresentationAggregate {
  /** snake_case; names the DuckDB table and the files. */
  name: string;
  /** One sentence for whoever opens the files: grain and what is counted. */
  description: string;
  sql: (params: PresentationParams) => string;
}
