/** Used when a 429 has no usable Retry-After: long enough not to hammer, short enough to recover. */
export const MISSING_RETRY_AFTER_MS = 5_000;

/**
 * Retry-After in milliseconds: Spotify sends whole seconds; an HTTP date is accepted
 * too. Rounded up, never down — retrying a moment early just earns another 429.
 */
export function parseRetryAfterMs(header: string | null, now: number): number {
  if (header === null || header.trim() === '') return MISSING_RETRY_AFTER_MS;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(header);
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return MISSING_RETRY_AFTER_MS;
}
