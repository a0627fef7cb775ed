import type { DuckDBConnection } from '@duckdb/node-api';
import { columnsOf, type Expectation, type ModelQuality } from './expectations.ts';
import { QualityError } from './quality-error.ts';
import { quoteIdentifier } from './sql-literals.ts';

/** The column the quarantine table adds; a checked table must not have one already. */
export const FAILED_EXPECTATIONS_COLUMN = 'failed_expectations';

const TEMPORAL_TYPE = /^(DATE|TIMESTAMP\b.*)$/;
const NUMERIC_TYPE =
  /^(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\))$/;

/** Column name → DuckDB type of a table; TABLE_MISSING when there is no such table. */
export const readColumnTypes = async (
  conn: DuckDBConnection,
  table: string,
): Promise<Map<string, string>> => {
  try {
    const described = await conn.runAndReadAll(`DESCRIBE ${quoteIdentifier(table)}`);
    return new Map(
      described
        .getRowObjectsJS()
        .map((row) => [String(row['column_name']), String(row['column_type'])]),
    );
  } catch (error) {
    throw new QualityError('TABLE_MISSING', `table ${table} cannot be described`, { table }, error);
  }
};

// The type a column must have for an expectation to mean something: a date bound on a
// number column (or the reverse) would compare nonsense, so it is refused up front.
const typeProblem = (expectation: Expectation, type: string): string | undefined => {
  if (expectation.kind === 'freshness' && !TEMPORAL_TYPE.test(type)) {
    return 'freshness needs a DATE or TIMESTAMP column';
  }
  if (expectation.kind === 'range') {
    const dateBounds = [expectation.min, expectation.max].some((bound) => bound instanceof Date);
    if (dateBounds && !TEMPORAL_TYPE.test(type))
      return 'date bounds need a DATE or TIMESTAMP column';
    if (!dateBounds && !NUMERIC_TYPE.test(type)) return 'number bounds need a numeric column';
  }
  return undefined;
};

/** Refuses, before any SQL runs, a declaration the table cannot answer. */
export const assertColumnsCheckable = (
  model: ModelQuality,
  table: string,
  columnTypes: ReadonlyMap<string, string>,
): void => {
  if (columnTypes.has(FAILED_EXPECTATIONS_COLUMN)) {
    throw new QualityError(
      'COLUMN_INVALID',
      `table ${table} already has a column ${FAILED_EXPECTATIONS_COLUMN}, which the quarantine table adds`,
      { model: model.model, table },
    );
  }
  for (const expectation of model.expectations) {
    for (const column of columnsOf(expectation)) {
      const type = columnTypes.get(column);
      const problem = type === undefined ? 'no such column' : typeProblem(expectation, type);
      if (problem !== undefined) {
        throw new QualityError(
          'COLUMN_INVALID',
          `model ${model.model}, expectation ${expectation.name}: column ${column} of ${table}: ${problem}${type === undefined ? '' : ` (it is ${type})`}`,
          { model: model.model, table, expectation: expectation.name, column, type },
        );
      }
    }
  }
};
