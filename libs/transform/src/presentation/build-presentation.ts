import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, quoteString } from '@spotify-insights/quality';
import { PRESENTATION_AGGREGATES } from './aggregates/index.ts';
import type { PresentationParams } from './presentation-aggregate.ts';
import { TransformError } from '../transform-error.ts';
import { buildSharedRelations } from './shared-relations.ts';
import { timestampLiteral } from './sql-expressions.ts';

export interface PresentationTable {
  name: string;
  /** The aggregate's rows as plain JS values (DATE and TIMESTAMPTZ as Date). */
  rows: Record<string, unknown>[];
}

/** The DuckDB table an aggregate is built into. */
export const presentationTable = (name: string): string => `pres_${name}`;

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Builds every presentation aggregate over the processed tables on `conn` (named as in
 * the processed contract) into a table `pres_<name>`, replacing an earlier build, and
 * returns their rows in PRESENTATION_AGGREGATES order.
 */
export async function buildPresentation(
  conn: DuckDBConnection,
  params: PresentationParams,
): Promise<PresentationTable[]> {
  timestampLiteral(params.now); // refuses an invalid now before any table is replaced
  // the deduplicated plays and the dimensions, once for every aggregate
  const shared = await buildSharedRelations(conn);
  const built: PresentationTable[] = [];
  for (const aggregate of PRESENTATION_AGGREGATES) {
    const table = quoteIdentifier(presentationTable(aggregate.name));
    const select = aggregate.sql({ ...params, shared });
    try {
      await conn.run(`CREATE OR REPLACE TABLE ${table} AS ${select}`);
      const rows = (await conn.runAndReadAll(`SELECT * FROM ${table}`)).getRowObjectsJS();
      built.push({ name: aggregate.name, rows });
    } catch (error) {
      throw new TransformError(
        'AGGREGATE_FAILED',
        `presentation aggregate ${aggregate.name}: ${message(error)}`,
        { aggregate: aggregate.name },
        error,
      );
    }
  }
  return built;
}

/**
 * Writes each built aggregate as `<dir>/<name>/<name>.parquet` and `<name>.csv` (with a
 * header line; timestamps in the connection's time zone, UTC in the transform) and
 * returns the paths written, Parquet then CSV per aggregate.
 */
export async function writePresentationFiles(
  conn: DuckDBConnection,
  dir: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const { name } of PRESENTATION_AGGREGATES) {
    const table = quoteIdentifier(presentationTable(name));
    const parquet = join(dir, name, `${name}.parquet`);
    const csv = join(dir, name, `${name}.csv`);
    try {
      await mkdir(join(dir, name), { recursive: true });
      await conn.run(`COPY ${table} TO ${quoteString(parquet)} (FORMAT parquet)`);
      await conn.run(`COPY ${table} TO ${quoteString(csv)} (FORMAT csv, HEADER true)`);
    } catch (error) {
      throw new TransformError(
        'WRITE_FAILED',
        `presentation aggregate ${name}: could not write ${dir}: ${message(error)}`,
        { aggregate: name },
        error,
      );
    }
    written.push(parquet, csv);
  }
  return written;
}
