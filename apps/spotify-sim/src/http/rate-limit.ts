/*
 * App-wide budget over a rolling 30-second window of the simulator clock, plus a
 * "quota exhausted" switch. Retry-After is either the configured value (real Spotify
 * has sent hours) or the time until the oldest counted request leaves the window.
 * A one-shot 429 can also be scheduled N requests ahead, so a test can make Spotify
 * say "stop" in the middle of a run without the limit staying on afterwards.
 */
import type { SimClock } from '../world/clock.ts';

export const WINDOW_MS = 30_000;

export interface RateLimitSettings {
  requestsPer30s: number | null;
  retryAfterSeconds?: number | undefined;
  quotaExceeded?: boolean | undefined;
}

export interface Forced429 {
  /** Web API requests still let through before the 429. */
  afterRequests: number;
  retryAfterSeconds: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number; quota: boolean };

export class RateLimiter {
  readonly #clock: SimClock;
  #settings: RateLimitSettings;
  #hits: number[] = [];
  #forced: Forced429 | undefined;

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

  /** Lets `afterRequests` more requests through, then answers exactly one with 429. */
  force429(forced: Forced429): void {
    this.#forced = { ...forced };
  }

  /** The scheduled one-shot 429, if it has not been answered yet. */
  pendingForced429(): Forced429 | undefined {
    return this.#forced && { ...this.#forced };
  }

  /** Counts the request if it is allowed; refused requests do not use budget. */
  take(): RateDecision {
    if (this.#forced?.afterRequests === 0) {
      const { retryAfterSeconds } = this.#forced;
      this.#forced = undefined;
      return { ok: false, retryAfterSeconds, quota: false };
    }
    const decision = this.#takeFromWindow();
    if (decision.ok && this.#forced) this.#forced.afterRequests--;
    return decision;
  }

  #takeFromWindow(): RateDecision {
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
