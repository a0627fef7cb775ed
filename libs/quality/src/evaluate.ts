import type { DuckDBConnection } from '@duckdb/node-api';
import { execute, queryRows, type QueryContext } from './duckdb-query.ts';
import {
  columnsOf,
  isRowLevel,
  type ModelQuality,
  type RowLevelExpectation,
} from './expectations.ts';
import { judge, type ExpectationResult } from './judge.ts';
import { observeRowLevel } from './row-level-observations.ts';
import { failedExpectationsSql } from './row-failure-sql.ts';
import { quoteIdentifier, quoteString } from './sql-literals.ts';
import {
  assertColumnsCheckable,
  FAILED_EXPECTATIONS_COLUMN,
  readColumnTypes,
} from './table-columns.ts';
import { observeTableLevel } from './table-level-observations.ts';

/** One model's checked batch: what each expectation found and whether it may be promoted. */
export interface ModelQualityResult {
  model: string;
  table: string;
  /** The `now` the batch was checked against (freshness), ISO 8601. */
  checkedAt: string;
  counts: { in: number; passed: number; quarantined: number };
  expectations: ExpectationResult[];
  /** Some critical expectation failed beyond its allowed share: do not promote. */
  blocking: boolean;
}

export interface CheckTableInput {
  /** A table on the connection (current schema) holding the model's built batch. */
  table: string;
  model: ModelQuality;
  now: Date;
}

/** The tables checkTable creates next to the checked one (replaced on each check). */
export const qualityTableNames = (table: string): { passed: string; quarantine: string } => ({
  passed: `${table}__passed`,
  quarantine: `${table}__quarantine`,
});

/*
 * One pass over the batch: every row-level expectation is evaluated once per row into
 * `failed_expectations`, in a temporary table that both outputs are cut from, so a row
 * is in exactly one of them and passed + quarantined = in.
 */
const splitRows = async (
  conn: DuckDBConnection,
  context: QueryContext,
  rowLevel: readonly RowLevelExpectation[],
  tables: { checking: string; passed: string; quarantine: string },
): Promise<void> => {
  const failed = quoteIdentifier(FAILED_EXPECTATIONS_COLUMN);
  await execute(
    conn,
    `CREATE OR REPLACE TEMP TABLE ${tables.checking} AS
     SELECT *, ${failedExpectationsSql(rowLevel)} AS ${failed} FROM ${quoteIdentifier(context.table)}`,
    context,
  );
  await execute(
    conn,
    `CREATE OR REPLACE TABLE ${quoteIdentifier(tables.passed)} AS
     SELECT * EXCLUDE (${failed}) FROM ${tables.checking} WHERE len(${failed}) = 0`,
    context,
  );
  await execute(
    conn,
    `CREATE OR REPLACE TABLE ${quoteIdentifier(tables.quarantine)} AS
     SELECT * FROM ${tables.checking} WHERE len(${failed}) > 0`,
    context,
  );
};

/** Rows in, rows passed, and how many rows failed each row-level expectation. */
const countRows = async (
  conn: DuckDBConnection,
  context: QueryContext,
  rowLevel: readonly RowLevelExpectation[],
  checking: string,
): Promise<{ rowsIn: number; passed: number; failing: number[] }> => {
  const failed = quoteIdentifier(FAILED_EXPECTATIONS_COLUMN);
  const perExpectation = rowLevel.map(
    (expectation, i) =>
      `count(*) FILTER (WHERE list_contains(${failed}, ${quoteString(expectation.name)})) AS f${i}`,
  );
  const [row = {}] = await queryRows(
    conn,
    `SELECT ${['count(*) AS rows_in', `count(*) FILTER (WHERE len(${failed}) = 0) AS passed`, ...perExpectation].join(', ')}
     FROM ${checking}`,
    context,
  );
  return {
    rowsIn: Number(row['rows_in']),
    passed: Number(row['passed']),
    failing: rowLevel.map((_, i) => Number(row[`f${i}`])),
  };
};

/**
 * Checks a model's batch: creates `<table>__passed` and `<table>__quarantine` (every
 * column plus `failed_expectations VARCHAR[]`), evaluates table-level expectations on
 * the passed rows, and says whether the batch may be promoted.
 */
export const checkTable = async (
  conn: DuckDBConnection,
  { table, model, now }: CheckTableInput,
): Promise<ModelQualityResult> => {
  const context = { model: model.model, table };
  assertColumnsCheckable(model, table, await readColumnTypes(conn, table));
  const names = qualityTableNames(table);
  const checking = `temp.main.${quoteIdentifier(`${table}__checking`)}`;
  const rowLevel = model.expectations.filter(isRowLevel);
  try {
    await splitRows(conn, context, rowLevel, { checking, ...names });
    const counts = await countRows(conn, context, rowLevel, checking);
    const passedRows = { ...context, passedTable: names.passed, passedCount: counts.passed };
    const expectations: ExpectationResult[] = [];
    // One after another: a DuckDB connection runs one statement at a time anyway.
    for (const expectation of model.expectations) {
      const observation = isRowLevel(expectation)
        ? await observeRowLevel(
            conn,
            { ...context, quarantineTable: names.quarantine },
            expectation,
            {
              failingRows: counts.failing[rowLevel.indexOf(expectation)] ?? 0,
              rowsIn: counts.rowsIn,
            },
          )
        : await observeTableLevel(conn, passedRows, expectation, now);
      expectations.push(judge(expectation, columnsOf(expectation), observation));
    }
    return {
      model: model.model,
      table,
      checkedAt: now.toISOString(),
      counts: {
        in: counts.rowsIn,
        passed: counts.passed,
        quarantined: counts.rowsIn - counts.passed,
      },
      expectations,
      blocking: expectations.some((result) => result.blocking),
    };
  } finally {
    // A temporary table dies with the connection anyway; a failed drop must not hide
    // the error that brought us here.
    await conn.run(`DROP TABLE IF EXISTS ${checking}`).catch(() => undefined);
  }
};
