import { TransformError } from '../transform-error.ts';

/**
 * The user's local time of an instant. Processed users carry no time zone yet, so every
 * user's days, hours and weekdays are UTC's for now; this is the one place to change
 * when they do (the warehouse marts use dim_user.time_zone).
 */
export const localTime = (instant: string): string => `timezone('UTC', ${instant})`;

/** Milliseconds as minutes with two decimals, as the marts show them. */
export const minutes = (ms: string): string => `round(${ms} / 60000.0, 2)::DOUBLE`;

/** A count as INTEGER (DuckDB counts are BIGINT; no per-user count comes near 2^31). */
export const integerCount = (count: string): string => `(${count})::INTEGER`;

/** An instant as a DuckDB TIMESTAMPTZ literal (UTC, millisecond precision). */
export const timestampLiteral = (instant: Date): string => {
  if (Number.isNaN(instant.getTime())) {
    throw new TransformError('PARAMS_INVALID', 'now must be a valid date');
  }
  return `TIMESTAMPTZ '${instant.toISOString()}'`;
};
