import { SpotifyError, type SpotifyErrorCode } from './spotify-error.ts';

export interface ErrorResponse {
  status: number;
  endpoint: string;
  /** The path actually requested (ids filled in), to recognise withheld resources. */
  concretePath: string;
  withheldFromNewApps: boolean;
  body: string;
  userId?: string | undefined;
}

/** Spotify's error body: `{"error":{"status":..,"message":"..", "reason"?: ".."}}`. */
export function errorBodyOf(body: string): { message?: string; reason?: string } {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; reason?: unknown };
    const error = typeof parsed.error === 'object' && parsed.error !== null ? parsed.error : {};
    const { message, reason } = error as { message?: unknown; reason?: unknown };
    return {
      message: typeof message === 'string' ? message.slice(0, 200) : undefined,
      reason:
        typeof reason === 'string'
          ? reason
          : typeof parsed.reason === 'string'
            ? parsed.reason
            : undefined,
    };
  } catch {
    return {};
  }
}

function codeFor(status: number, withheld: boolean): SpotifyErrorCode {
  if ((status === 403 || status === 404) && withheld) return 'NOT_AVAILABLE_FOR_APP';
  if (status === 400) return 'BAD_REQUEST';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status >= 500) return 'SERVER_ERROR';
  return 'BAD_REQUEST';
}

/**
 * Maps a non-2xx answer (other than 429, which the rate limiter handles) to an error.
 * Spotify's own message is included — it describes the request, never carries a token.
 */
export function errorFromResponse(response: ErrorResponse): SpotifyError {
  const code = codeFor(response.status, response.withheldFromNewApps);
  const { message } = errorBodyOf(response.body);
  return new SpotifyError(
    code,
    `${response.endpoint} answered ${response.status}${message ? `: ${message}` : ''}`,
    { status: response.status, endpoint: response.endpoint, userId: response.userId },
  );
}
