import { QualityError } from './quality-error.ts';
import type { SqlScalar } from './sql-literals.ts';

/**
 * The closed set of expectation kinds, declared as plain typed objects by the builders
 * below so a model's declaration reads like dbt's YAML tests:
 *
 *   defineModelQuality({ model: 'plays', expectations: [
 *     notNull('track_id'), unique(['user_id', 'played_at']), range('ms_played', { min: 0 }),
 *   ] })
 *
 * Row-level kinds judge each row on its own: a row that fails one is quarantined.
 * Table-level kinds judge the rows that passed, as a whole.
 */
export const ROW_LEVEL_KINDS = [
  'not_null',
  'accepted_values',
  'range',
  'matches_regex',
  'expression',
] as const;
export const TABLE_LEVEL_KINDS = ['unique', 'row_count', 'freshness'] as const;

export type RowLevelKind = (typeof ROW_LEVEL_KINDS)[number];
export type TableLevelKind = (typeof TABLE_LEVEL_KINDS)[number];
export type ExpectationKind = RowLevelKind | TableLevelKind;

/** `critical` may block promotion of the batch; `warn` is only reported. */
export type Severity = 'critical' | 'warn';

/**
 * How much of a batch a critical expectation may fail before it blocks promotion, as a
 * share of the rows it judged (0 = any failure blocks). Row-level failures are
 * quarantined anyway, so a few bad rows should not hold back the rest; a large share
 * means something upstream broke. A table-level failure is a bug in the batch itself.
 */
export const DEFAULT_MAX_FAILING_SHARE = { rowLevel: 0.05, tableLevel: 0 } as const;

interface ExpectationCommon {
  /** Unique within a model; it is what `failed_expectations` and the report name. */
  readonly name: string;
  readonly severity: Severity;
  readonly maxFailingShare: number;
  readonly description?: string;
}

export interface NotNullExpectation extends ExpectationCommon {
  readonly kind: 'not_null';
  readonly column: string;
}

export interface AcceptedValuesExpectation extends ExpectationCommon {
  readonly kind: 'accepted_values';
  readonly column: string;
  readonly values: readonly SqlScalar[];
}

/** A number bound for numeric columns, a Date bound for DATE/TIMESTAMP columns. */
export type RangeBound = number | bigint | Date;

export interface RangeExpectation extends ExpectationCommon {
  readonly kind: 'range';
  readonly column: string;
  readonly min?: RangeBound;
  readonly max?: RangeBound;
}

export interface MatchesRegexExpectation extends ExpectationCommon {
  readonly kind: 'matches_regex';
  readonly column: string;
  /** RE2 syntax (DuckDB's), searched anywhere in the value: anchor with ^…$. */
  readonly pattern: string;
}

export interface ExpressionExpectation extends ExpectationCommon {
  readonly kind: 'expression';
  /** A DuckDB boolean expression over the row's columns, placed in the SQL verbatim. */
  readonly predicate: string;
}

export interface UniqueExpectation extends ExpectationCommon {
  readonly kind: 'unique';
  readonly columns: readonly string[];
}

export interface RowCountExpectation extends ExpectationCommon {
  readonly kind: 'row_count';
  readonly min?: number;
  readonly max?: number;
}

export interface FreshnessExpectation extends ExpectationCommon {
  readonly kind: 'freshness';
  readonly column: string;
  readonly maxAgeHours: number;
}

export type RowLevelExpectation =
  | NotNullExpectation
  | AcceptedValuesExpectation
  | RangeExpectation
  | MatchesRegexExpectation
  | ExpressionExpectation;
export type TableLevelExpectation = UniqueExpectation | RowCountExpectation | FreshnessExpectation;
export type Expectation = RowLevelExpectation | TableLevelExpectation;

/** What every builder accepts besides its own arguments. */
export interface ExpectationOptions {
  /** Defaults to `<kind>(<columns>)`; set it when a model has two of the same. */
  name?: string;
  /** Defaults to `critical`. */
  severity?: Severity;
  description?: string;
  /** See DEFAULT_MAX_FAILING_SHARE. */
  maxFailingShare?: number;
}

/** row_count and freshness either hold or not: there is no share to tolerate. */
export type AllOrNothingOptions = Omit<ExpectationOptions, 'maxFailingShare'>;

/** One model's expectations, declared next to the model's SQL. */
export interface ModelQuality {
  readonly model: string;
  readonly expectations: readonly Expectation[];
}

const invalid = (message: string, details: Record<string, unknown> = {}): QualityError =>
  new QualityError('DECLARATION_INVALID', message, details);

const requireName = (text: string, what: string): string => {
  if (text.trim().length === 0) throw invalid(`${what} cannot be blank`);
  return text;
};

const common = (
  kind: ExpectationKind,
  columns: readonly string[],
  options: ExpectationOptions,
  defaultShare: number,
): ExpectationCommon => {
  const maxFailingShare = options.maxFailingShare ?? defaultShare;
  if (!(maxFailingShare >= 0 && maxFailingShare <= 1)) {
    throw invalid(`maxFailingShare must be between 0 and 1, got ${maxFailingShare}`, { kind });
  }
  const defaultName = columns.length === 0 ? kind : `${kind}(${columns.join(', ')})`;
  return {
    name: requireName(options.name ?? defaultName, 'expectation name'),
    severity: options.severity ?? 'critical',
    maxFailingShare,
    ...(options.description === undefined ? {} : { description: options.description }),
  };
};

const rowLevel = (kind: RowLevelKind, column: string, options: ExpectationOptions) =>
  common(kind, [requireName(column, 'column')], options, DEFAULT_MAX_FAILING_SHARE.rowLevel);

/** Fails rows whose column is NULL; the one kind that does. */
export const notNull = (column: string, options: ExpectationOptions = {}): NotNullExpectation => ({
  kind: 'not_null',
  column,
  ...rowLevel('not_null', column, options),
});

/** Fails rows whose (non-NULL) column is not one of `values`. */
export const acceptedValues = (
  column: string,
  values: readonly SqlScalar[],
  options: ExpectationOptions = {},
): AcceptedValuesExpectation => {
  if (values.length === 0) throw invalid(`accepted values of ${column} cannot be empty`);
  if (new Set(values.map((value) => typeof value)).size > 1) {
    throw invalid(`accepted values of ${column} must all be of one type`);
  }
  return {
    kind: 'accepted_values',
    column,
    values,
    ...rowLevel('accepted_values', column, options),
  };
};

/** Fails rows whose (non-NULL) column is below `min` or above `max` (both inclusive). */
export const range = (
  column: string,
  bounds: { min?: RangeBound; max?: RangeBound },
  options: ExpectationOptions = {},
): RangeExpectation => {
  const { min, max } = bounds;
  if (min === undefined && max === undefined) throw invalid(`range of ${column} needs min or max`);
  const present = [min, max].filter((bound) => bound !== undefined);
  const isDate = present.map((bound) => bound instanceof Date);
  if (isDate.includes(true) && isDate.includes(false)) {
    throw invalid(`range of ${column} mixes a date bound and a number bound`);
  }
  if (present.some((bound) => bound instanceof Date && Number.isNaN(bound.getTime()))) {
    throw invalid(`range of ${column} has an invalid date`);
  }
  if (min !== undefined && max !== undefined && Number(min) > Number(max)) {
    throw invalid(`range of ${column} has min above max`);
  }
  return {
    kind: 'range',
    column,
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
    ...rowLevel('range', column, options),
  };
};

/** Fails rows whose (non-NULL) column, as text, does not match the RE2 `pattern`. */
export const matchesRegex = (
  column: string,
  pattern: string,
  options: ExpectationOptions = {},
): MatchesRegexExpectation => {
  if (pattern.length === 0) throw invalid(`pattern of ${column} cannot be empty`);
  return { kind: 'matches_regex', column, pattern, ...rowLevel('matches_regex', column, options) };
};

/**
 * Fails rows where the DuckDB boolean `predicate` is FALSE (NULL counts as holding, as in
 * a SQL CHECK constraint). The predicate is trusted code written next to the model's SQL,
 * never text from users or data.
 */
export const expression = (
  name: string,
  predicate: string,
  options: Omit<ExpectationOptions, 'name'> = {},
): ExpressionExpectation => {
  requireName(predicate, `predicate of ${name}`);
  return {
    kind: 'expression',
    predicate,
    ...common('expression', [], { ...options, name }, DEFAULT_MAX_FAILING_SHARE.rowLevel),
  };
};

/** Fails when two passed rows share the same non-NULL values of `columns`. */
export const unique = (
  columns: readonly string[],
  options: ExpectationOptions = {},
): UniqueExpectation => {
  if (columns.length === 0) throw invalid('unique needs at least one column');
  columns.forEach((column) => requireName(column, 'column'));
  return {
    kind: 'unique',
    columns,
    ...common('unique', columns, options, DEFAULT_MAX_FAILING_SHARE.tableLevel),
  };
};

/** Fails when the number of passed rows is below `min` or above `max` (inclusive). */
export const rowCount = (
  bounds: { min?: number; max?: number },
  options: AllOrNothingOptions = {},
): RowCountExpectation => {
  const { min, max } = bounds;
  if (min === undefined && max === undefined) throw invalid('row_count needs min or max');
  for (const bound of [min, max]) {
    if (bound !== undefined && !(Number.isSafeInteger(bound) && bound >= 0)) {
      throw invalid(`row_count bounds must be whole numbers from 0, got ${bound}`);
    }
  }
  if (min !== undefined && max !== undefined && min > max) {
    throw invalid('row_count has min above max');
  }
  return {
    kind: 'row_count',
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
    ...common('row_count', [], options, DEFAULT_MAX_FAILING_SHARE.tableLevel),
  };
};

/** Fails when the newest passed value of `column` is older than `maxAgeHours` before `now`. */
export const freshness = (
  column: string,
  limit: { maxAgeHours: number },
  options: AllOrNothingOptions = {},
): FreshnessExpectation => {
  if (!(Number.isFinite(limit.maxAgeHours) && limit.maxAgeHours > 0)) {
    throw invalid(`freshness of ${column} needs a positive maxAgeHours`);
  }
  return {
    kind: 'freshness',
    column: requireName(column, 'column'),
    maxAgeHours: limit.maxAgeHours,
    ...common('freshness', [column], options, DEFAULT_MAX_FAILING_SHARE.tableLevel),
  };
};

export const isRowLevel = (expectation: Expectation): expectation is RowLevelExpectation =>
  (ROW_LEVEL_KINDS as readonly string[]).includes(expectation.kind);

/** The columns an expectation reads by name (an expression's are not known). */
export const columnsOf = (expectation: Expectation): readonly string[] => {
  switch (expectation.kind) {
    case 'unique':
      return expectation.columns;
    case 'expression':
    case 'row_count':
      return [];
    default:
      return [expectation.column];
  }
};

/** Checks one model's declaration as a whole: a name, and expectation names unique. */
export const defineModelQuality = (declaration: ModelQuality): ModelQuality => {
  requireName(declaration.model, 'model name');
  const seen = new Set<string>();
  for (const { name } of declaration.expectations) {
    if (seen.has(name)) {
      throw invalid(`model ${declaration.model} declares two expectations named ${name}`, {
        model: declaration.model,
        name,
      });
    }
    seen.add(name);
  }
  return declaration;
};
