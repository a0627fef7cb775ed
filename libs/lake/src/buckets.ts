/** The three layers of the lake, one bucket each (names are part of the data contract). */
export const LAKE_BUCKETS = {
  /** API answers exactly as received, batched NDJSON. */
  raw: 'raw',
  /** Typed, deduplicated tables (Parquet). */
  processed: 'processed',
  /** Aggregates for BI tools and data-quality reports. */
  presentation: 'presentation',
} as const;

export type LakeBucket = (typeof LAKE_BUCKETS)[keyof typeof LAKE_BUCKETS];
