/*
 * Every error the API answers with, as a closed set of codes. Routes throw ApiError and
 * one error handler (error-handler.ts) renders it as `{"error":{"code","message"}}` with
 * the code's HTTP status, so no route invents its own shape and clients can switch on
 * `code` without parsing messages.
 */

export const API_ERROR_CODES = {
  /** A path, query or body parameter failed its JSON schema (the message names it). */
  VALIDATION_FAILED: { status: 400 },
  /** `tz` is not an IANA time zone this server knows. */
  INVALID_TIME_ZONE: { status: 400 },
  /** A date range that cannot be answered: custom without from/to, from after to, ... */
  INVALID_RANGE: { status: 400 },
  /** No route for this method and path. */
  ROUTE_NOT_FOUND: { status: 404 },
  /** The Spotify user id is not in the warehouse. */
  USER_NOT_FOUND: { status: 404 },
  /** The chart, playlist, track or artist asked for is not in the warehouse. */
  NOT_FOUND: { status: 404 },
  /** The request is fine but the API was started without what it needs (e.g. no Kafka admin). */
  NOT_AVAILABLE: { status: 503 },
  /** The warehouse did not answer (down, too many connections, timeout). */
  WAREHOUSE_UNAVAILABLE: { status: 503 },
  /** Anything else: a bug. The message is generic; the log has the details. */
  INTERNAL: { status: 500 },
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_CODES;

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;

  constructor(code: ApiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiError';
    this.code = code;
    this.status = API_ERROR_CODES[code].status;
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}
