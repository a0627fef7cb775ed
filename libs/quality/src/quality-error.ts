/** The closed set of failures the quality lib reports (a failed expectation is not one). */
export const QUALITY_ERROR_CODES = {
  /** An expectation or a model declaration is malformed (caught when it is declared). */
  DECLARATION_INVALID: { canRetry: false },
  /** The table to check does not exist on the connection. */
  TABLE_MISSING: { canRetry: false },
  /** An expectation names a column the table lacks, or one of a type it cannot check. */
  COLUMN_INVALID: { canRetry: false },
  /** DuckDB refused the generated SQL: a bad `expression`, regex or accepted value type. */
  EVALUATION_FAILED: { canRetry: false },
} as const;

export type QualityErrorCode = keyof typeof QUALITY_ERROR_CODES;

export class QualityError extends Error {
  readonly code: QualityErrorCode;
  readonly canRetry: boolean;
  readonly details: Record<string, unknown>;

  constructor(
    code: QualityErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'QualityError';
    this.code = code;
    this.canRetry = QUALITY_ERROR_CODES[code].canRetry;
    this.details = details;
  }
}
