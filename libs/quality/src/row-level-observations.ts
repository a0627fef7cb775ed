import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, type QueryContext } from './duckdb-query.ts';
import type { RowLevelExpectation } from './expectations.ts';
import { countOf, percent } from './format.ts';
import { SAMPLE_SIZE, type Observation } from './judge.ts';
import { FAILED_EXPECTATIONS_COLUMN } from './table-columns.ts';
import { quoteIdentifier, quoteString } from './sql-literals.ts';

/** Longest sample text kept: a row may carry the whole raw item as JSON. */
const SAMPLE_MAX_CHARS = 200;

const truncate = (text: string): string =>
  text.length > SAMPLE_MAX_CHARS ? `${text.slice(0, SAMPLE_MAX_CHARS)}…` : text;

const FAILURE_PHRASE: Record<RowLevelExpectation['kind'], string> = {
  not_null: 'are NULL',
  accepted_values: 'hold a value that is not accepted',
  range: 'are out of range',
  matches_regex: 'do not match the pattern',
  expression: 'break the expression',
};

// Offending values when the column has them; whole rows (as JSON) for not_null, whose
// values are all NULL, and for expressions, which may read any column.
const sampleSql = (expectation: RowLevelExpectation, quarantineTable: string): string => {
  const failedIt = `list_contains(${quoteIdentifier(FAILED_EXPECTATIONS_COLUMN)}, ${quoteString(expectation.name)})`;
  if (expectation.kind === 'not_null' || expectation.kind === 'expression') {
    return `SELECT CAST(to_json(failing) AS VARCHAR) AS sample FROM (
      SELECT * EXCLUDE (${quoteIdentifier(FAILED_EXPECTATIONS_COLUMN)}) FROM ${quoteIdentifier(quarantineTable)}
      WHERE ${failedIt} LIMIT ${SAMPLE_SIZE}) AS failing`;
  }
  const column = quoteIdentifier(expectation.column);
  return `SELECT DISTINCT CAST(${column} AS VARCHAR) AS sample FROM ${quoteIdentifier(quarantineTable)}
    WHERE ${failedIt} ORDER BY sample LIMIT ${SAMPLE_SIZE}`;
};

/** Turns the failing count of a row-level expectation into an observation with samples. */
export const observeRowLevel = async (
  conn: DuckDBConnection,
  context: QueryContext & { quarantineTable: string },
  expectation: RowLevelExpectation,
  counts: { failingRows: number; rowsIn: number },
): Promise<Observation> => {
  const { failingRows, rowsIn } = counts;
  const failingShare = rowsIn === 0 ? 0 : failingRows / rowsIn;
  if (failingRows === 0) {
    return {
      failed: false,
      failingRows,
      failingShare,
      sample: [],
      detail: `all ${countOf(rowsIn, 'row')} pass`,
    };
  }
  const rows = await queryRows(conn, sampleSql(expectation, context.quarantineTable), context);
  return {
    failed: true,
    failingRows,
    failingShare,
    sample: rows.map((row) => truncate(String(row['sample']))),
    detail: `${failingRows} of ${countOf(rowsIn, 'row')} (${percent(failingShare)}) ${FAILURE_PHRASE[expectation.kind]}`,
  };
};
