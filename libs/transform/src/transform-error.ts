/**
 * The closed set of ways the transform fails, from staging a raw file to a whole run. A
 * failed expectation is not one: it is a result (see @spotify-insights/quality), and a
 * batch it blocks is a run outcome (status `blocked`), not an exception.
 */
export const TRANSFORM_ERROR_CODES = {
  /** A raw file was handed in for a topic that has no staging table. */
  TOPIC_UNKNOWN: { canRetry: false },
  /** DuckDB could not read raw files into a staging table (malformed NDJSON, a bad type). */
  STAGING_FAILED: { canRetry: false },
  /** DuckDB refused a model's SQL. */
  MODEL_FAILED: { canRetry: false },
  /** A table could not be written as Parquet (the folder is not empty, the disk is full…). */
  PARQUET_WRITE_FAILED: { canRetry: false },
  /** `now` is not a valid date, so no presentation period can be measured from it. */
  PARAMS_INVALID: { canRetry: false },
  /** DuckDB refused a presentation aggregate's SQL (a processed table missing, a bug). */
  AGGREGATE_FAILED: { canRetry: false },
  /** An aggregate could not be written as Parquet or CSV (disk, permissions, not built). */
  WRITE_FAILED: { canRetry: true },
  /** A lake file could not be rewritten without a member's rows (a user column missing, unreadable). */
  ERASE_FAILED: { canRetry: false },
  /** Another instance holds the transform lock; this one did nothing. */
  RUN_IN_PROGRESS: { canRetry: true },
  /** A step failed on its last attempt (MinIO or PostgreSQL away, a bug). */
  STEP_FAILED: { canRetry: true },
} as const;

export type TransformErrorCode = keyof typeof TRANSFORM_ERROR_CODES;

export class TransformError extends Error {
  readonly code: TransformErrorCode;
  readonly canRetry: boolean;
  /** What the failure concerns: the topic, model, aggregate, file… */
  readonly details: Record<string, unknown>;

  constructor(
    code: TransformErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'TransformError';
    this.code = code;
    this.canRetry = TRANSFORM_ERROR_CODES[code].canRetry;
    this.details = details;
  }
}
