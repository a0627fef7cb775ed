import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, type QueryContext } from './duckdb-query.ts';
import type {
  FreshnessExpectation,
  RowCountExpectation,
  TableLevelExpectation,
  UniqueExpectation,
} from './expectations.ts';
import { countOf } from './format.ts';
import { SAMPLE_SIZE, type Observation } from './judge.ts';
import { quoteIdentifier } from './sql-literals.ts';

/** Where table-level expectations look: the rows that passed the row-level ones. */
export interface PassedRows extends QueryContext {
  passedTable: string;
  passedCount: number;
}

/*
 * Duplicates: the transform dedupes before it checks, so a duplicate key left after that
 * is a bug in the batch, not a bad row. It fails the table (blocking when critical) and
 * names a few keys; no row is quarantined for it, because choosing which copy is "good"
 * is the dedupe step's job. Rows with a NULL in a key column are left out (not_null is
 * what catches those), as in dbt's unique test.
 */
const observeUnique = async (
  conn: DuckDBConnection,
  passed: PassedRows,
  expectation: UniqueExpectation,
): Promise<Observation> => {
  const keys = expectation.columns.map(quoteIdentifier);
  const rows = await queryRows(
    conn,
    `WITH duplicated AS (
       SELECT ${keys.map((key, i) => `CAST(${key} AS VARCHAR) AS k${i}`).join(', ')}, count(*) AS copies
       FROM ${quoteIdentifier(passed.passedTable)}
       WHERE ${keys.map((key) => `${key} IS NOT NULL`).join(' AND ')}
       GROUP BY ${keys.join(', ')} HAVING count(*) > 1)
     SELECT *, sum(copies) OVER () AS failing_rows, count(*) OVER () AS duplicated_keys
     FROM duplicated ORDER BY copies DESC, ${keys.map((_, i) => `k${i}`).join(', ')} LIMIT ${SAMPLE_SIZE}`,
    passed,
  );
  const first = rows[0];
  if (first === undefined) {
    return {
      failed: false,
      failingRows: 0,
      failingShare: 0,
      sample: [],
      detail: `no duplicate keys among ${countOf(passed.passedCount, 'row')}`,
    };
  }
  const failingRows = Number(first['failing_rows']);
  return {
    failed: true,
    failingRows,
    failingShare: failingRows / passed.passedCount,
    sample: rows.map(
      (row) =>
        `${expectation.columns.map((column, i) => `${column}=${String(row[`k${i}`])}`).join(', ')} (${row['copies']} rows)`,
    ),
    detail: `${failingRows} of ${countOf(passed.passedCount, 'row')} share ${countOf(Number(first['duplicated_keys']), 'duplicated key')} of (${expectation.columns.join(', ')})`,
  };
};

const observeRowCount = (passed: PassedRows, expectation: RowCountExpectation): Observation => {
  const { min, max } = expectation;
  const count = passed.passedCount;
  const tooFew = min !== undefined && count < min;
  const tooMany = max !== undefined && count > max;
  const wanted = [
    min === undefined ? undefined : `at least ${min}`,
    max === undefined ? undefined : `at most ${max}`,
  ]
    .filter((text) => text !== undefined)
    .join(' and ');
  const failed = tooFew || tooMany;
  return {
    failed,
    failingRows: 0,
    failingShare: failed ? 1 : 0,
    sample: [],
    detail: `${countOf(count, 'row')} passed; expected ${wanted}`,
  };
};

const HOUR_MS = 3_600_000;

const observeFreshness = async (
  conn: DuckDBConnection,
  passed: PassedRows,
  expectation: FreshnessExpectation,
  now: Date,
): Promise<Observation> => {
  const column = quoteIdentifier(expectation.column);
  const [row] = await queryRows(
    conn,
    `SELECT CAST(max(${column}) AS VARCHAR) AS newest, max(epoch_ms(${column})) AS newest_ms,
            count(*) AS row_count
     FROM ${quoteIdentifier(passed.passedTable)}`,
    passed,
  );
  const allowed = `allowed ${expectation.maxAgeHours} h`;
  // Runs are incremental: a batch without this table's rows (only imported plays, say)
  // says nothing about how fresh the table is. Rows without a value still fail below.
  if (Number(row?.['row_count'] ?? 0) === 0) {
    return {
      failed: false,
      failingRows: 0,
      failingShare: 0,
      sample: [],
      detail: `no rows in this batch: nothing to judge; ${allowed}`,
    };
  }
  if (row?.['newest_ms'] === null || row?.['newest_ms'] === undefined) {
    return {
      failed: true,
      failingRows: 0,
      failingShare: 1,
      sample: [],
      detail: `no passed row has a ${expectation.column}; ${allowed}`,
    };
  }
  const ageHours = (now.getTime() - Number(row['newest_ms'])) / HOUR_MS;
  const failed = ageHours > expectation.maxAgeHours;
  return {
    failed,
    failingRows: 0,
    failingShare: failed ? 1 : 0,
    sample: failed ? [String(row['newest'])] : [],
    detail: `newest ${expectation.column} is ${String(row['newest'])}, ${ageHours.toFixed(1)} h before ${now.toISOString()}; ${allowed}`,
  };
};

/** Evaluates one table-level expectation on the passed rows. */
export const observeTableLevel = (
  conn: DuckDBConnection,
  passed: PassedRows,
  expectation: TableLevelExpectation,
  now: Date,
): Promise<Observation> | Observation => {
  switch (expectation.kind) {
    case 'unique':
      return observeUnique(conn, passed, expectation);
    case 'row_count':
      return observeRowCount(passed, expectation);
    case 'freshness':
      return observeFreshness(conn, passed, expectation, now);
  }
};
