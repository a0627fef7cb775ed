/*
 * App-wide budget over a rolling 30-second window of the simulator clock, plus a
 * "quota exhausted" switch. Retry-After is either the configured value (real Spotify
 * has sent hours) or the time until the oldest counted request leaves the window.
 */
import type { SimClock } from '../world/clock.ts';

export const WINDOW_MS = 30_000;

export interface RateLimitSettings {
  requestsPer30s: number | null;
  retryAfterSeconds?: number | undefined;
  quotaExceeded?: boolean | undefined;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number; quota: boolean };

export class RateLimiter {
  readonly #clock: SimClock;
  #settings: RateLimitSettings;
  #hits: number[] = [];

  constructor(clock: SimClock, settings: RateLimitSettings) {
    this.#clock = clock;
    this.#settings = settings;
  }

  configure(settings: RateLimitSettings): void {
    this.#settings = settings;
    this.#hits = [];
  }

  settings(): RateLimitSettings {
    return this.#settings;
  }

  /** Counts the request if it is allowed; refused requests do not use budget. */
  take(): RateDecision {
    const now = this.#clock.now();
    const configured = this.#settings.retryAfterSeconds;
    if (this.#settings.quotaExceeded)
      return { ok: false, retryAfterSeconds: configured ?? 86_400, quota: true };
    const limit = this.#settings.requestsPer30s;
    this.#hits = this.#hits.filter((t) => t > now - WINDOW_MS && t <= now);
    if (limit !== null && this.#hits.length >= limit) {
      const oldest = this.#hits[0] ?? now;
      const untilFree = Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
      return { ok: false, retryAfterSeconds: configured ?? untilFree, quota: false };
    }
    this.#hits.push(now);
    return { ok: true };
  }
}
