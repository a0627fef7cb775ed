import type { Logger } from '@spotify-insights/logging';
import pLimit, { type LimitFunction } from 'p-limit';
import type { z } from 'zod';
import { errorBodyOf, errorFromResponse } from '../errors/error-from-response.ts';
import { isSpotifyError } from '../errors/spotify-error.ts';
import type { AppRateLimiter } from '../rate-limit/app-rate-limiter.ts';
import { TooManyRequestsSignal } from '../rate-limit/rate-limit-signal.ts';
import { parseRetryAfterMs } from '../rate-limit/retry-after.ts';
import type { RetryOptions } from '../retry/retry-defaults.ts';
import { withRetry } from '../retry/with-retry.ts';
import type { AppToken } from '../tokens/app-token.ts';
import type { UserSessions } from '../tokens/user-sessions.ts';
import { fetchWithTimeout, readText, type FetchFunction } from './fetch-with-timeout.ts';
import { checkedNextUrl } from './next-url.ts';
import { endpointLabel, fillPath, isWithheldFromNewApps, type Operation } from './operations.ts';
import { parseResponseBody } from './parse-response.ts';

export type Query = Record<string, string | number | undefined>;

export interface ApiRequest {
  /** Whose token to use; omitted for catalogue (app token) operations. */
  userId?: string | undefined;
  pathParams?: Record<string, string>;
  query?: Query;
  /** A `next` link from a previous page of the same operation, used as is. */
  nextUrl?: string | undefined;
}

export interface ApiRequesterOptions {
  apiBaseUrl: string;
  fetch: FetchFunction;
  limiter: AppRateLimiter;
  retry: RetryOptions;
  requestTimeoutMs: number;
  userSessions: Pick<UserSessions, 'accessToken' | 'accessTokenAfterUnauthorized'>;
  appToken: Pick<AppToken, 'get' | 'afterUnauthorized'>;
  perUserConcurrency: number;
  appConcurrency: number;
  now: () => number;
  logger?: Logger | undefined;
}

/**
 * One Web API GET, politely: per-user concurrency (p-limit) outside, then retries with
 * backoff on 5xx/network, then a token (refreshed once on 401), then the app-wide
 * rate limiter around each single HTTP exchange, then validation of the body.
 */
export class ApiRequester {
  readonly #options: ApiRequesterOptions;
  readonly #limits = new Map<string, LimitFunction>();

  constructor(options: ApiRequesterOptions) {
    this.#options = options;
  }

  async get<Schema extends z.ZodType>(
    operation: Operation<Schema>,
    request: ApiRequest,
  ): Promise<z.infer<Schema>> {
    const endpoint = endpointLabel(operation);
    const url = this.#urlFor(operation, request, endpoint);
    const concretePath = new URL(url).pathname.slice(
      new URL(this.#options.apiBaseUrl).pathname.length,
    );
    const userId = operation.auth === 'user' ? request.userId : undefined;
    if (operation.auth === 'user' && !userId) throw new Error(`${endpoint} needs a userId`);
    const exchange = { url, endpoint, concretePath, userId, schema: operation.schema };
    return this.#limitFor(userId)(() =>
      withRetry(
        () => this.#withToken(exchange),
        this.#options.retry,
        (error, attempt, delayMs) =>
          this.#options.logger?.info('retrying Spotify request', {
            endpoint,
            userId,
            attempt: attempt + 1,
            delayMs,
            code: isSpotifyError(error) ? error.code : undefined,
          }),
      ),
    );
  }

  #limitFor(userId: string | undefined): LimitFunction {
    const key = userId === undefined ? '\u0000app' : `user:${userId}`;
    let limit = this.#limits.get(key);
    if (!limit) {
      limit = pLimit(
        userId === undefined ? this.#options.appConcurrency : this.#options.perUserConcurrency,
      );
      this.#limits.set(key, limit);
    }
    return limit;
  }

  #urlFor(operation: Operation, request: ApiRequest, endpoint: string): string {
    const { apiBaseUrl } = this.#options;
    if (request.nextUrl !== undefined) return checkedNextUrl(request.nextUrl, apiBaseUrl, endpoint);
    const url = new URL(`${apiBaseUrl}${fillPath(operation.path, request.pathParams)}`);
    for (const [name, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value));
    return url.toString();
  }

  async #withToken<Schema extends z.ZodType>(exchange: Exchange<Schema>): Promise<z.infer<Schema>> {
    const { userSessions, appToken, limiter } = this.#options;
    const { userId, endpoint } = exchange;
    // No token refresh either while the app is told to stay away.
    limiter.failIfLongPause(endpoint);
    const token =
      userId === undefined ? await appToken.get() : await userSessions.accessToken(userId);
    try {
      return await limiter.run(() => this.#sendOnce(exchange, token), endpoint);
    } catch (error) {
      if (!isSpotifyError(error, 'UNAUTHORIZED')) throw error;
    }
    // 401: the token may have been revoked or expired early. Refresh once; a second
    // 401 is final for this call.
    this.#options.logger?.info('Spotify answered 401; refreshing the token once', {
      endpoint,
      userId,
    });
    const fresh =
      userId === undefined
        ? await appToken.afterUnauthorized(token)
        : await userSessions.accessTokenAfterUnauthorized(userId, token);
    return limiter.run(() => this.#sendOnce(exchange, fresh), endpoint);
  }

  async #sendOnce<Schema extends z.ZodType>(
    exchange: Exchange<Schema>,
    token: string,
  ): Promise<z.infer<Schema>> {
    const { fetch, requestTimeoutMs, now, limiter } = this.#options;
    const { url, endpoint, userId } = exchange;
    const { response, arrivedAt } = await fetchWithTimeout(
      fetch,
      url,
      { method: 'GET', headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } },
      endpoint,
      requestTimeoutMs,
      now,
    );
    if (response.status === 429) {
      const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), arrivedAt);
      // Pause everyone now, before reading the body, so nothing slips out meanwhile.
      limiter.pause({ retryAfterMs, arrivedAt, reason: 'RATE_LIMITED', endpoint });
      const body = await readText(response, endpoint).catch(() => '');
      const reason =
        errorBodyOf(body).reason === 'QUOTA_EXCEEDED' ? 'QUOTA_EXCEEDED' : 'RATE_LIMITED';
      throw new TooManyRequestsSignal(retryAfterMs, arrivedAt, reason, endpoint);
    }
    const text = await readText(response, endpoint);
    if (response.ok) return parseResponseBody(text, exchange.schema, endpoint, response.status);
    throw errorFromResponse({
      status: response.status,
      endpoint,
      concretePath: exchange.concretePath,
      withheldFromNewApps: isWithheldFromNewApps(exchange.concretePath),
      body: text,
      userId,
    });
  }
}

interface Exchange<Schema extends z.ZodType> {
  url: string;
  endpoint: string;
  concretePath: string;
  userId: string | undefined;
  schema: Schema;
}
