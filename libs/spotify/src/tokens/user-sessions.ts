import type { Logger } from '@spotify-insights/logging';
import type { TokenEndpoint, TokenResponse } from '../auth/token-endpoint.ts';
import { SpotifyError, isSpotifyError } from '../errors/spotify-error.ts';
import type { StoredTokens, TokenStore } from './token-store.ts';

export type UserConnectionStatus = 'connected' | 'NEEDS_RECONNECT' | 'not-connected';

export interface UserSessionsOptions {
  store: TokenStore;
  tokenEndpoint: Pick<TokenEndpoint, 'refresh'>;
  /** Refresh this long before the access token expires, so no request races expiry. */
  refreshMarginMs?: number;
  now?: () => number;
  logger?: Logger;
}

/**
 * Each user's access token: refreshed shortly before it expires and once after a 401.
 * Refreshes are single-flight per user — PKCE refresh tokens are single-use, so two
 * concurrent refreshes with the same token would get the user disconnected.
 */
export class UserSessions {
  readonly #store: TokenStore;
  readonly #endpoint: Pick<TokenEndpoint, 'refresh'>;
  readonly #marginMs: number;
  readonly #now: () => number;
  readonly #logger: Logger | undefined;
  readonly #refreshing = new Map<string, Promise<string>>();

  constructor(options: UserSessionsOptions) {
    this.#store = options.store;
    this.#endpoint = options.tokenEndpoint;
    this.#marginMs = options.refreshMarginMs ?? 60_000;
    this.#now = options.now ?? Date.now;
    this.#logger = options.logger;
  }

  /** Stores the tokens from a completed authorisation (also clears NEEDS_RECONNECT). */
  async connect(userId: string, tokens: TokenResponse): Promise<void> {
    if (!tokens.refresh_token)
      throw new SpotifyError('BAD_RESPONSE', 'the code exchange returned no refresh token', {
        userId,
      });
    await this.#store.save(userId, this.#toStored(tokens, tokens.refresh_token));
    this.#logger?.info('Spotify account connected', { userId });
  }

  async getStatus(userId: string): Promise<UserConnectionStatus> {
    const stored = await this.#store.get(userId);
    if (!stored) return 'not-connected';
    return stored.status === 'NEEDS_RECONNECT' ? 'NEEDS_RECONNECT' : 'connected';
  }

  async accessToken(userId: string): Promise<string> {
    const stored = await this.#load(userId);
    if (stored.expiresAt - this.#marginMs > this.#now()) return stored.accessToken;
    return this.#refreshOnce(userId);
  }

  /**
   * After a 401. If another request already refreshed since `rejected` was handed
   * out, its token is used instead of refreshing a second time.
   */
  async accessTokenAfterUnauthorized(userId: string, rejected: string): Promise<string> {
    const stored = await this.#load(userId);
    if (stored.accessToken !== rejected && stored.expiresAt - this.#marginMs > this.#now())
      return stored.accessToken;
    return this.#refreshOnce(userId, rejected);
  }

  async #load(userId: string): Promise<StoredTokens> {
    const stored = await this.#store.get(userId);
    if (!stored)
      throw new SpotifyError('NEEDS_RECONNECT', `user ${userId} has not connected Spotify`, {
        userId,
      });
    if (stored.status === 'NEEDS_RECONNECT') throw needsReconnect(userId);
    return stored;
  }

  #refreshOnce(userId: string, rejected?: string): Promise<string> {
    const running = this.#refreshing.get(userId);
    if (running) return running;
    const refresh = this.#refreshLocked(userId, rejected).finally(() =>
      this.#refreshing.delete(userId),
    );
    this.#refreshing.set(userId, refresh);
    return refresh;
  }

  /** Single-flight across processes too, when the store can lock. */
  #refreshLocked(userId: string, rejected: string | undefined): Promise<string> {
    const run = () => this.#refresh(userId, rejected);
    return this.#store.withUserLock ? this.#store.withUserLock(userId, run) : run();
  }

  async #refresh(userId: string, rejected: string | undefined): Promise<string> {
    const stored = await this.#load(userId);
    // Another process may have refreshed while this one waited for the lock.
    if (stored.accessToken !== rejected && stored.expiresAt - this.#marginMs > this.#now())
      return stored.accessToken;
    let answer: TokenResponse;
    try {
      answer = await this.#endpoint.refresh(stored.refreshToken);
    } catch (error) {
      if (isSpotifyError(error, 'NEEDS_RECONNECT')) {
        await this.#store.save(userId, { ...stored, status: 'NEEDS_RECONNECT' });
        this.#logger?.warn('Spotify refused the refresh token; the user must reconnect', {
          userId,
        });
        throw needsReconnect(userId);
      }
      throw error;
    }
    // Spotify may or may not rotate; when it sends a new one the old one is already dead.
    const next = this.#toStored(answer, answer.refresh_token ?? stored.refreshToken);
    await this.#store.save(userId, next);
    this.#logger?.debug('Spotify access token refreshed', {
      userId,
      rotated: answer.refresh_token !== undefined,
    });
    return next.accessToken;
  }

  #toStored(tokens: TokenResponse, refreshToken: string): StoredTokens {
    return {
      accessToken: tokens.access_token,
      refreshToken,
      expiresAt: this.#now() + tokens.expires_in * 1000,
      ...(tokens.scope === undefined ? {} : { scope: tokens.scope }),
      status: 'ok',
    };
  }
}

function needsReconnect(userId: string): SpotifyError {
  return new SpotifyError('NEEDS_RECONNECT', `user ${userId} must reconnect Spotify`, { userId });
}
