import type { DuckDBConnection } from '@duckdb/node-api';
import { QualityError } from './quality-error.ts';

/** Which check a statement belongs to, so a DuckDB error says where it came from. */
export interface QueryContext {
  model: string;
  table: string;
}

const evaluationFailed = (context: QueryContext, error: unknown): QualityError =>
  new QualityError(
    'EVALUATION_FAILED',
    `model ${context.model}: DuckDB could not check table ${context.table}: ${error instanceof Error ? error.message : String(error)}`,
    { ...context },
    error,
  );

/** Runs a statement; a DuckDB error becomes EVALUATION_FAILED naming the model. */
export const execute = async (
  conn: DuckDBConnection,
  sql: string,
  context: QueryContext,
): Promise<void> => {
  try {
    await conn.run(sql);
  } catch (error) {
    throw evaluationFailed(context, error);
  }
};

/** Runs a query and returns its rows as plain JS values (BIGINT as bigint). */
export const queryRows = async (
  conn: DuckDBConnection,
  sql: string,
  context: QueryContext,
): Promise<Record<string, unknown>[]> => {
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJS();
  } catch (error) {
    throw evaluationFailed(context, error);
  }
};
