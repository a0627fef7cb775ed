/**
 * How hard the client tries before giving up on 5xx and network failures. Four
 * attempts with full jitter from 500 ms, capped at 8 s, ride out a restarting server
 * or a dropped connection without piling on load if Spotify is struggling.
 */
export const RETRY_DEFAULTS = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  /** Per-attempt limit on one HTTP request; a hung socket counts as a network error. */
  requestTimeoutMs: 15_000,
} as const;

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1); injectable so tests can pin the jitter. */
  random: () => number;
}

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
