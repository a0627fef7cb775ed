import type { DuckDBConnection } from '@duckdb/node-api';
import { PROCESSED_COLUMNS, type ProcessedModel } from '@spotify-insights/warehouse';

// The processed contract is written in PostgreSQL types; these are DuckDB's for the same.
const DUCKDB_TYPES: Record<string, string> = {
  text: 'VARCHAR',
  timestamptz: 'TIMESTAMPTZ',
  date: 'DATE',
  integer: 'INTEGER',
  smallint: 'SMALLINT',
  bigint: 'BIGINT',
  boolean: 'BOOLEAN',
  jsonb: 'VARCHAR[]',
};

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** `CREATE TABLE` for a processed model with the contract's columns, empty. */
export function createContractTableSql(model: ProcessedModel, table: string = model): string {
  const columns = PROCESSED_COLUMNS[model].map(
    ([name, type]) => `${quote(name)} ${DUCKDB_TYPES[type] ?? 'VARCHAR'}`,
  );
  return `CREATE OR REPLACE TABLE ${quote(table)} (${columns.join(', ')})`;
}

/**
 * The SELECT list that turns a model table into the loader's CSV columns, in contract
 * order: lists become JSON arrays (the loader stages them as jsonb).
 */
export function loaderSelectList(model: ProcessedModel): string {
  return PROCESSED_COLUMNS[model]
    .map(([name, type]) =>
      type === 'jsonb' ? `to_json(${quote(name)}) AS ${quote(name)}` : quote(name),
    )
    .join(', ');
}

/** Writes a model table as the loader's CSV (header line, contract columns). */
export async function exportLoaderCsv(
  conn: DuckDBConnection,
  model: ProcessedModel,
  table: string,
  path: string,
): Promise<void> {
  await conn.run(
    `COPY (SELECT ${loaderSelectList(model)} FROM ${quote(table)}) TO '${path.replaceAll("'", "''")}' (FORMAT csv, HEADER true)`,
  );
}
