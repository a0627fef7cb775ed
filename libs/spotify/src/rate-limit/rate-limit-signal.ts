/**
 * Thrown by a request attempt that got a 429, caught by the app rate limiter, which
 * pauses the whole queue and schedules the attempt again. Never escapes the client.
 */
export class TooManyRequestsSignal extends Error {
  readonly retryAfterMs: number;
  readonly arrivedAt: number;
  readonly reason: 'RATE_LIMITED' | 'QUOTA_EXCEEDED';
  readonly endpoint: string;

  constructor(
    retryAfterMs: number,
    arrivedAt: number,
    reason: 'RATE_LIMITED' | 'QUOTA_EXCEEDED',
    endpoint: string,
  ) {
    super(`${endpoint} answered 429 (${reason})`);
    this.name = 'TooManyRequestsSignal';
    this.retryAfterMs = retryAfterMs;
    this.arrivedAt = arrivedAt;
    this.reason = reason;
    this.endpoint = endpoint;
  }
}
