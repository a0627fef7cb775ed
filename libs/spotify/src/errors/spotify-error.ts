/**
 * The closed set of failures the Spotify client reports. `canRetry` tells a caller
 * (a poller, a backfill job) whether the same call may succeed later without a person
 * doing anything; the client itself already retried what it safely could.
 */
export const SPOTIFY_ERROR_CODES = {
  /** Spotify's rolling-window limit answered 429 with a Retry-After too long to wait out. */
  RATE_LIMITED: { canRetry: true },
  /** The account-wide quota is used up (429 with reason QUOTA_EXCEEDED). */
  QUOTA_EXCEEDED: { canRetry: true },
  /** Still 401 after one refresh of the access token. */
  UNAUTHORIZED: { canRetry: false },
  /** The refresh token is dead (invalid_grant): the user must authorise the app again. */
  NEEDS_RECONNECT: { canRetry: false },
  FORBIDDEN: { canRetry: false },
  NOT_FOUND: { canRetry: false },
  /** 403/404 from an endpoint or resource Spotify withholds from apps created after Nov 2024. */
  NOT_AVAILABLE_FOR_APP: { canRetry: false },
  BAD_REQUEST: { canRetry: false },
  /** The body was not JSON, was cut short, or did not have the shape the contract promises. */
  BAD_RESPONSE: { canRetry: false },
  /** 5xx still failing after the retries. */
  SERVER_ERROR: { canRetry: true },
  /** Connection reset, socket hang up, DNS, timeout: still failing after the retries. */
  NETWORK: { canRetry: true },
  /** An OAuth `state` that was never issued, already used or expired. */
  INVALID_STATE: { canRetry: false },
  /** The client was set up wrongly (e.g. no 32-byte token encryption key). */
  MISCONFIGURED: { canRetry: false },
  /** A stored token could not be decrypted: wrong key or the stored value was altered. */
  TOKEN_UNREADABLE: { canRetry: false },
} as const;

export type SpotifyErrorCode = keyof typeof SPOTIFY_ERROR_CODES;

export interface SpotifyErrorDetails {
  /** HTTP status Spotify answered with, when there was an answer. */
  status?: number;
  /** Method and path template, e.g. `GET /playlists/{playlist_id}/items` (never ids or tokens). */
  endpoint?: string;
  /** When a rate-limited or quota-limited call may be tried again. */
  retryAt?: Date;
  /** For BAD_RESPONSE: where in the body the problem is, e.g. `items[3].track.album.id`. */
  path?: string;
  userId?: string;
}

export class SpotifyError extends Error {
  readonly code: SpotifyErrorCode;
  readonly canRetry: boolean;
  readonly status: number | undefined;
  readonly endpoint: string | undefined;
  readonly retryAt: Date | undefined;
  readonly path: string | undefined;
  readonly userId: string | undefined;

  constructor(
    code: SpotifyErrorCode,
    message: string,
    details: SpotifyErrorDetails = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'SpotifyError';
    this.code = code;
    this.canRetry = SPOTIFY_ERROR_CODES[code].canRetry;
    this.status = details.status;
    this.endpoint = details.endpoint;
    this.retryAt = details.retryAt;
    this.path = details.path;
    this.userId = details.userId;
  }
}

export function isSpotifyError(error: unknown, code?: SpotifyErrorCode): error is SpotifyError {
  return error instanceof SpotifyError && (code === undefined || error.code === code);
}
