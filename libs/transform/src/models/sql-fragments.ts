/*
 * SQL pieces the models share. Raw times are epoch milliseconds and snapshot days are
 * days since 1970-01-01 (Avro's logical types, as libs/ingestion writes them). Every
 * conversion here reads them as UTC whatever the connection's TimeZone: epoch_ms gives
 * a TIMESTAMP in UTC, timezone('UTC', …) makes it the same instant as TIMESTAMPTZ, and a
 * DATE is cut from the TIMESTAMP, never from a TIMESTAMPTZ (that cast uses TimeZone).
 */

/** TIMESTAMPTZ of an epoch-ms expression. */
export const utcInstant = (epochMs: string): string => `timezone('UTC', epoch_ms(${epochMs}))`;

/** UTC calendar day (DATE) of an epoch-ms expression. */
export const utcDay = (epochMs: string): string => `CAST(epoch_ms(${epochMs}) AS DATE)`;

/**
 * A record's snapshot day: its `fields.snapshot_date` (the day the producer's daily
 * snapshot was taken) where the source has one, else the UTC day it was fetched.
 */
export const snapshotDay = (hasSnapshotDateField: boolean): string =>
  hasSnapshotDateField
    ? `coalesce(DATE '1970-01-01' + fields.snapshot_date, ${utcDay('envelope.fetched_at')})`
    : utcDay('envelope.fetched_at');

/** Keeps one row per `key`: the first in `order` (by default the newest fetched). */
export const keepFirstPer = (key: readonly string[], order = 'fetched_at DESC'): string =>
  `QUALIFY row_number() OVER (PARTITION BY ${key.join(', ')} ORDER BY ${order}) = 1`;

/**
 * The rows of `table` (a CTE), one per `key`: the greatest by `order` (a value or a
 * tuple). An aggregate, cheaper than keepFirstPer's sort when many rows share a key.
 */
export const greatestPer = (table: string, key: string, order: string): string =>
  `SELECT greatest_row.* FROM (
  SELECT arg_max(${table}, ${order}) AS greatest_row FROM ${table} GROUP BY ${key})`;

/**
 * Keeps the rows of the newest set within each `scope`: e.g. the latest run's top list
 * of a day, so a rank never mixes two answers of the API.
 */
export const keepNewestSetPer = (setColumn: string, scope: readonly string[]): string =>
  `QUALIFY ${setColumn} = arg_max(${setColumn}, fetched_at) OVER (PARTITION BY ${scope.join(', ')})`;
