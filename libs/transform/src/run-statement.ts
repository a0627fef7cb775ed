import type { DuckDBConnection } from '@duckdb/node-api';
import { TransformError, type TransformErrorCode } from './transform-error.ts';

/** What a failing statement was doing, for the error it becomes. */
export interface StatementContext {
  code: TransformErrorCode;
  /** e.g. `model plays`, `staging spotify.recent-plays.v1` */
  what: string;
  details?: Record<string, unknown>;
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

const failed = (context: StatementContext, error: unknown): TransformError =>
  new TransformError(context.code, `${context.what}: ${messageOf(error)}`, context.details, error);

/** Runs one statement; a DuckDB error becomes a TransformError saying what failed. */
export const runStatement = async (
  conn: DuckDBConnection,
  sql: string,
  context: StatementContext,
): Promise<void> => {
  try {
    await conn.run(sql);
  } catch (error) {
    throw failed(context, error);
  }
};

/** Runs a query and returns its rows as plain JS values (BIGINT as bigint). */
export const queryRows = async (
  conn: DuckDBConnection,
  sql: string,
  context: StatementContext,
): Promise<Record<string, unknown>[]> => {
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJS();
  } catch (error) {
    throw failed(context, error);
  }
};
