import { isSpotifyError } from '../errors/spotify-error.ts';
import type { RetryOptions } from './retry-defaults.ts';

/**
 * Only failures that another identical attempt can fix are retried here: 5xx and
 * network errors. 4xx never (the request itself is wrong), 401 and 429 are handled by
 * the token session and the rate limiter, which know how long to wait.
 */
export function isTransient(error: unknown): boolean {
  return isSpotifyError(error, 'SERVER_ERROR') || isSpotifyError(error, 'NETWORK');
}

/** "Full jitter": a random delay in [0, min(cap, base·2^attempt)) spreads retries apart. */
export function backoffDelay(attempt: number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(options.random() * ceiling);
}

export async function withRetry<T>(
  attemptOnce: (attempt: number) => Promise<T>,
  options: RetryOptions,
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce(attempt);
    } catch (error) {
      if (!isTransient(error) || attempt + 1 >= options.maxAttempts) throw error;
      const delay = backoffDelay(attempt, options);
      onRetry?.(error, attempt, delay);
      await options.sleep(delay);
    }
  }
}
