/** The closed set of failures of the live layer. */
export const LIVE_ERROR_CODES = {
  UNKNOWN_WINDOW: { canRetry: false },
  BAD_WINDOW_SPEC: { canRetry: false },
  BAD_SPEED: { canRetry: false },
} as const;

export type LiveErrorCode = keyof typeof LIVE_ERROR_CODES;

export class LiveError extends Error {
  readonly code: LiveErrorCode;
  readonly canRetry: boolean;

  constructor(code: LiveErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'LiveError';
    this.code = code;
    this.canRetry = LIVE_ERROR_CODES[code].canRetry;
  }
}
