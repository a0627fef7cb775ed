/** Declarative data-quality expectations evaluated in DuckDB, and their report. */
export {
  acceptedValues,
  columnsOf,
  DEFAULT_MAX_FAILING_SHARE,
  defineModelQuality,
  expression,
  freshness,
  isRowLevel,
  matchesRegex,
  notNull,
  range,
  rowCount,
  ROW_LEVEL_KINDS,
  TABLE_LEVEL_KINDS,
  unique,
  type AcceptedValuesExpectation,
  type AllOrNothingOptions,
  type Expectation,
  type ExpectationKind,
  type ExpectationOptions,
  type ExpressionExpectation,
  type FreshnessExpectation,
  type MatchesRegexExpectation,
  type ModelQuality,
  type NotNullExpectation,
  type RangeBound,
  type RangeExpectation,
  type RowCountExpectation,
  type RowLevelExpectation,
  type RowLevelKind,
  type Severity,
  type TableLevelExpectation,
  type TableLevelKind,
  type UniqueExpectation,
} from './expectations.ts';
export {
  checkTable,
  qualityTableNames,
  type CheckTableInput,
  type ModelQualityResult,
} from './evaluate.ts';
export { type ExpectationResult } from './judge.ts';
export { FAILED_EXPECTATIONS_COLUMN } from './table-columns.ts';
export {
  buildQualityReport,
  qualityReportKeys,
  renderQualityReportJson,
  type BlockedExpectation,
  type QualityReport,
  type QualityReportTotals,
} from './report.ts';
export { renderQualityReportHtml } from './report-html.ts';
export { escapeHtml } from './html-escape.ts';
export { quoteIdentifier, quoteString, sqlLiteral, type SqlScalar } from './sql-literals.ts';
export { QUALITY_ERROR_CODES, QualityError, type QualityErrorCode } from './quality-error.ts';
