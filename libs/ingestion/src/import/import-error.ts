/** The closed set of reasons an export file cannot be imported (one bad record is not one: it is dead-lettered). */
export const IMPORT_ERROR_CODES = {
  FILE_UNREADABLE: { canRetry: true },
  // stopped on purpose (a signal) after a chunk was recorded: running it again resumes
  INTERRUPTED: { canRetry: true },
  NOT_JSON: { canRetry: false },
  NOT_AN_ARRAY: { canRetry: false },
  NOT_CSV: { canRetry: false },
  WRONG_SHAPE: { canRetry: false },
} as const;

export type ImportErrorCode = keyof typeof IMPORT_ERROR_CODES;

/**
 * Where in a file something went wrong: the element's index in the array (or the data
 * row's index in a CSV), its line (CSV, 1-based, the header being line 1) and its byte.
 */
export interface FilePosition {
  file: string;
  element?: number;
  line?: number;
  byte?: number;
}

export const describePosition = (p: FilePosition): string =>
  [
    p.file,
    p.element === undefined ? '' : `element ${p.element}`,
    p.line === undefined ? '' : `line ${p.line}`,
    p.byte === undefined ? '' : `byte ${p.byte}`,
  ]
    .filter(Boolean)
    .join(', ');

export class ImportError extends Error {
  readonly code: ImportErrorCode;
  readonly canRetry: boolean;
  readonly position: FilePosition;

  constructor(code: ImportErrorCode, message: string, position: FilePosition, cause?: unknown) {
    super(`${describePosition(position)}: ${message}`, cause === undefined ? undefined : { cause });
    this.name = 'ImportError';
    this.code = code;
    this.canRetry = IMPORT_ERROR_CODES[code].canRetry;
    this.position = position;
  }
}
