/** The closed set of failures the streaming layer reports. */
export const STREAMING_ERROR_CODES = {
  SCHEMA_INCOMPATIBLE: { canRetry: false },
  SCHEMA_INVALID: { canRetry: false },
  SCHEMA_REGISTRY_UNAVAILABLE: { canRetry: true },
  RECORD_INVALID: { canRetry: false },
  TOPIC_MISCONFIGURED: { canRetry: false },
} as const;

export type StreamingErrorCode = keyof typeof STREAMING_ERROR_CODES;

export class StreamingError extends Error {
  readonly code: StreamingErrorCode;
  readonly canRetry: boolean;
  readonly details: Record<string, unknown>;

  constructor(
    code: StreamingErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'StreamingError';
    this.code = code;
    this.canRetry = STREAMING_ERROR_CODES[code].canRetry;
    this.details = details;
  }
}
