import type { ModelQuality } from '@spotify-insights/quality';
import type { DuckDbFields } from '../duckdb-types.ts';

/**
 * One processed model: the table its SQL builds from the staging tables, what one row
 * is, its columns (the contract with the warehouse loader) and its expectations,
 * declared together in one file per model.
 */
export interface TransformModel {
  /** The DuckDB table it builds, and its folder in `processed`. */
  name: string;
  /** What one row is, and the columns that identify it (unique in a batch). */
  grain: { description: string; key: readonly string[] };
  /** Column → DuckDB type, in the table's order. */
  columns: DuckDbFields;
  /** The DATE column its Parquet is partitioned by, when it has one. */
  partitionColumn?: string;
  /** `CREATE OR REPLACE TABLE <name> AS …`, reading only staging and intermediate tables. */
  sql: string;
  quality: ModelQuality;
}

/** A table the models share (built once, never checked or written), e.g. int_latest_tracks. */
export interface IntermediateTable {
  name: string;
  sql: string;
}
