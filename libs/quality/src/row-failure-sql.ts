import type { RangeBound, RangeExpectation, RowLevelExpectation } from './expectations.ts';
import { quoteIdentifier, quoteString, sqlLiteral } from './sql-literals.ts';

/*
 * For each row-level expectation, a DuckDB boolean that is TRUE exactly when a row fails
 * it, and never NULL. A NULL value fails only not_null: it is not "out of range", "not
 * accepted" or "not matching" (not_null is the expectation that catches it), and a
 * predicate that yields NULL holds, as in a SQL CHECK constraint.
 */

// Date bounds compare epoch milliseconds: the same instant for DATE, TIMESTAMP (read as
// UTC) and TIMESTAMPTZ, whatever the connection's TimeZone setting.
const boundSql = (bound: RangeBound): string =>
  bound instanceof Date ? sqlLiteral(bound.getTime()) : sqlLiteral(bound);

const outOfRangeSql = (expectation: RangeExpectation, column: string): string => {
  const dated = [expectation.min, expectation.max].some((bound) => bound instanceof Date);
  const value = dated ? `epoch_ms(${column})` : column;
  const tests = [
    expectation.min === undefined ? undefined : `${value} < ${boundSql(expectation.min)}`,
    expectation.max === undefined ? undefined : `${value} > ${boundSql(expectation.max)}`,
  ].filter((test) => test !== undefined);
  return tests.join(' OR ');
};

export const rowFailureSql = (expectation: RowLevelExpectation): string => {
  switch (expectation.kind) {
    case 'not_null':
      return `(${quoteIdentifier(expectation.column)} IS NULL)`;
    case 'accepted_values': {
      const values = expectation.values.map(sqlLiteral).join(', ');
      return `coalesce(${quoteIdentifier(expectation.column)} NOT IN (${values}), FALSE)`;
    }
    case 'range':
      return `coalesce(${outOfRangeSql(expectation, quoteIdentifier(expectation.column))}, FALSE)`;
    case 'matches_regex':
      return `coalesce(NOT regexp_matches(CAST(${quoteIdentifier(expectation.column)} AS VARCHAR), ${quoteString(expectation.pattern)}), FALSE)`;
    case 'expression':
      return `coalesce(NOT (${expectation.predicate}), FALSE)`;
  }
};

/**
 * The `failed_expectations` value of a row: the names of the row-level expectations it
 * fails, in declaration order, as VARCHAR[] (empty when it passes them all).
 */
export const failedExpectationsSql = (expectations: readonly RowLevelExpectation[]): string => {
  if (expectations.length === 0) return '[]::VARCHAR[]';
  const names = expectations.map(
    (expectation) =>
      `CASE WHEN ${rowFailureSql(expectation)} THEN ${quoteString(expectation.name)} END`,
  );
  return `list_filter([${names.join(', ')}], lambda name: name IS NOT NULL)::VARCHAR[]`;
};
