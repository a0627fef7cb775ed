import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, sqlLiteral, type SqlScalar } from '@spotify-insights/quality';
import { LOAD_ORDER, type ProcessedModel } from '@spotify-insights/warehouse';
import { createContractTableSql } from '../../run/duckdb-contract.ts';

/** A processed row as a test writes it: timestamps and dates as ISO strings. */
export type FixtureRow = Record<string, SqlScalar | null | readonly string[]>;

export type ProcessedFixture = Partial<Record<ProcessedModel, readonly FixtureRow[]>>;

const literal = (value: FixtureRow[string]): string => {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) return `[${value.map((item: string) => sqlLiteral(item)).join(', ')}]`;
  return sqlLiteral(value as SqlScalar);
};

// Rows that name the same columns go in one INSERT (a fixture can hold thousands).
const insertSql = (table: string, rows: readonly FixtureRow[]): string[] => {
  const byColumns = new Map<string, string[]>();
  for (const row of rows) {
    const columns = Object.keys(row).map(quoteIdentifier).join(', ');
    const values = `(${Object.values(row).map(literal).join(', ')})`;
    byColumns.set(columns, [...(byColumns.get(columns) ?? []), values]);
  }
  return [...byColumns].map(
    ([columns, values]) =>
      `INSERT INTO ${quoteIdentifier(table)} (${columns}) VALUES ${values.join(', ')}`,
  );
};

/**
 * Creates every processed table empty, with the contract's columns and DuckDB types (as
 * the transform loads them), then inserts the fixture's rows; a column a row leaves out
 * is NULL.
 */
export async function loadProcessedFixture(
  conn: DuckDBConnection,
  fixture: ProcessedFixture,
): Promise<void> {
  for (const model of LOAD_ORDER) {
    await conn.run(createContractTableSql(model));
    for (const sql of insertSql(model, fixture[model] ?? [])) await conn.run(sql);
  }
}
