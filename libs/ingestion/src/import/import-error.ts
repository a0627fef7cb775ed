/** The closed set of reasons an export file cannot be imported (one bad record is not one: it is dead-lettered). */
export const IMPORT_ERROR_CODES = {
  FILE_UNREADABLE: { canRetry: true },
  NOT_JSON: { canRetry: false },
  NOT_AN_ARRAY: { canRetry: false },
  WRONG_SHAPE: { canRetry: false },
} as const;

export type ImportErrorCode = keyof typeof IMPORT_ERROR_CODES;

/** Where in a file something went wrong: the element's index in the array and its byte. */
export interface FilePosition {
  file: string;
  element?: number;
  byte?: number;
}

export const describePosition = (p: FilePosition): string =>
  [
    p.file,
    p.element === undefined ? '' : `element ${p.element}`,
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
