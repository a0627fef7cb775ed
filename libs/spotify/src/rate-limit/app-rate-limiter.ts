import Bottleneck from 'bottleneck';
import type { Logger } from '@spotify-insights/logging';
import { SpotifyError } from '../errors/spotify-error.ts';
import { realSleep } from '../retry/retry-defaults.ts';
import { TooManyRequestsSignal } from './rate-limit-signal.ts';

export type PauseReason = 'RATE_LIMITED' | 'QUOTA_EXCEEDED';

export interface RateLimitStatus {
  state: 'ok' | 'paused';
  until?: Date;
  reason?: PauseReason;
}

export interface AppRateLimiterOptions {
  /** Requests allowed in any rolling window (config.spotify.rateLimitPer30s). */
  requestsPerWindow: number;
  windowMs?: number;
  /** A 429 pause longer than this is not waited out: calls fail with retryAt instead. */
  longPauseThresholdMs?: number;
  /** Requests in flight at once, app-wide. */
  maxConcurrent?: number;
  /** One request answered 429 this many times in a row gives up, even on short pauses. */
  maxTooManyRequestsPerCall?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  logger?: Logger;
}

export const RATE_LIMIT_DEFAULTS = {
  windowMs: 30_000,
  longPauseThresholdMs: 5 * 60_000,
  maxConcurrent: 8,
  maxTooManyRequestsPerCall: 5,
} as const;

// A retried request goes ahead of new work; bottleneck runs lower numbers first.
const FIRST_ATTEMPT_PRIORITY = 5;
const RETRY_PRIORITY = 3;

/**
 * The one queue every Spotify Web API request of the app goes through.
 *
 * Rolling window: Spotify counts requests over a *rolling* 30 s. Bottleneck's built-in
 * `reservoirRefreshInterval` resets the reservoir on a fixed clock, which lets 2×N
 * requests through around a refresh boundary. Instead each request takes one unit of
 * the reservoir and gives it back exactly one window after it was *sent*: at most N
 * requests can ever be sent in any window, and bottleneck queues the rest in order.
 *
 * 429 pause: the arrival time plus Retry-After becomes `pausedUntil` for the whole app.
 * Every job checks it right before sending, so nothing is sent until it has passed —
 * including requests already dequeued. The 429'd request is scheduled again ahead of
 * new work. A pause beyond the threshold is not waited out: the status says "paused",
 * and the call that hit it, queued calls and new calls fail at once with retryAt.
 */
export class AppRateLimiter {
  readonly #bottleneck: Bottleneck;
  readonly #windowMs: number;
  readonly #longPauseMs: number;
  readonly #maxTooManyRequests: number;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #logger: Logger | undefined;
  #pausedUntil = 0;
  #pauseReason: PauseReason = 'RATE_LIMITED';

  constructor(options: AppRateLimiterOptions) {
    if (!Number.isInteger(options.requestsPerWindow) || options.requestsPerWindow < 1)
      throw new SpotifyError('MISCONFIGURED', 'requestsPerWindow must be a whole number ≥ 1');
    this.#windowMs = options.windowMs ?? RATE_LIMIT_DEFAULTS.windowMs;
    this.#longPauseMs = options.longPauseThresholdMs ?? RATE_LIMIT_DEFAULTS.longPauseThresholdMs;
    this.#maxTooManyRequests =
      options.maxTooManyRequestsPerCall ?? RATE_LIMIT_DEFAULTS.maxTooManyRequestsPerCall;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? realSleep;
    this.#logger = options.logger;
    this.#bottleneck = new Bottleneck({
      reservoir: options.requestsPerWindow,
      maxConcurrent: options.maxConcurrent ?? RATE_LIMIT_DEFAULTS.maxConcurrent,
    });
  }

  getStatus(): RateLimitStatus {
    if (this.#pausedUntil <= this.#now()) return { state: 'ok' };
    return { state: 'paused', until: new Date(this.#pausedUntil), reason: this.#pauseReason };
  }

  /**
   * Runs `send` within the window budget. `send` throws TooManyRequestsSignal on a 429;
   * that pauses everyone and `send` runs again once the pause is over.
   */
  async run<T>(send: () => Promise<T>, endpoint: string): Promise<T> {
    for (let tooMany = 0; ; tooMany++) {
      this.#failIfLongPause(endpoint);
      const priority = tooMany === 0 ? FIRST_ATTEMPT_PRIORITY : RETRY_PRIORITY;
      try {
        return await this.#bottleneck.schedule({ priority }, () =>
          this.#sendInWindow(send, endpoint),
        );
      } catch (error) {
        if (!(error instanceof TooManyRequestsSignal)) throw error;
        this.pause(error);
        if (tooMany + 1 >= this.#maxTooManyRequests) throw this.#pausedError(endpoint);
      }
    }
  }

  async #sendInWindow<T>(send: () => Promise<T>, endpoint: string): Promise<T> {
    try {
      await this.#waitOutPause(endpoint);
    } catch (error) {
      this.#giveBackUnit(0); // nothing was sent: the unit is free again at once
      throw error;
    }
    this.#giveBackUnit(this.#windowMs);
    return send();
  }

  #giveBackUnit(afterMs: number): void {
    const timer = setTimeout(() => void this.#bottleneck.incrementReservoir(1), afterMs);
    // Budget bookkeeping must not keep a finished process alive.
    timer.unref();
  }

  async #waitOutPause(endpoint: string): Promise<void> {
    // A loop, because another 429 may extend the pause while this job sleeps.
    for (
      let wait = this.#pausedUntil - this.#now();
      wait > 0;
      wait = this.#pausedUntil - this.#now()
    ) {
      this.#failIfLongPause(endpoint);
      await this.#sleep(wait);
    }
  }

  /**
   * Pauses the whole queue until `arrivedAt + retryAfterMs`. Called by the request the
   * moment a 429's headers arrive (so no other job slips out meanwhile) and again with
   * the final reason once its body is read; a pause is only ever extended.
   */
  pause(
    signal: Pick<TooManyRequestsSignal, 'retryAfterMs' | 'arrivedAt' | 'reason' | 'endpoint'>,
  ): void {
    const until = signal.arrivedAt + signal.retryAfterMs;
    const later = until > this.#pausedUntil;
    const reasonChanged = until === this.#pausedUntil && signal.reason !== this.#pauseReason;
    if (!later && !reasonChanged) return;
    this.#pausedUntil = until;
    this.#pauseReason = signal.reason;
    const level = signal.retryAfterMs > this.#longPauseMs ? 'warn' : 'info';
    this.#logger?.[level]('Spotify asked the app to pause all requests', {
      reason: signal.reason,
      endpoint: signal.endpoint,
      retryAfterMs: signal.retryAfterMs,
      until: new Date(until).toISOString(),
    });
  }

  /** Throws RATE_LIMITED/QUOTA_EXCEEDED at once while a long pause is on. */
  failIfLongPause(endpoint: string): void {
    this.#failIfLongPause(endpoint);
  }

  #failIfLongPause(endpoint: string): void {
    if (this.#pausedUntil - this.#now() > this.#longPauseMs) throw this.#pausedError(endpoint);
  }

  #pausedError(endpoint: string): SpotifyError {
    const retryAt = new Date(this.#pausedUntil);
    return new SpotifyError(
      this.#pauseReason,
      `Spotify requests are paused until ${retryAt.toISOString()} (${this.#pauseReason})`,
      { status: 429, endpoint, retryAt },
    );
  }
}
