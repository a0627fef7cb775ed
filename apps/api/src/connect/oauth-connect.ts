import type { AppConfig } from '@spotify-insights/config';
import {
  buildAuthorizeUrl,
  createPkcePair,
  OAuthStateStore,
  RETRY_DEFAULTS,
  TokenEndpoint,
  type StoredTokens,
} from '@spotify-insights/spotify';
import { DashboardError } from './dashboard-error.ts';

// Not a user yet: whoever consents on Spotify's page becomes the member; their id comes
// from GET /me after the code exchange.
const PENDING = '(pending)';

export interface ConnectedAccount {
  userId: string;
  displayName: string | null;
  tokens: StoredTokens;
}

/**
 * A friend connecting their Spotify: Authorization Code with PKCE (no client secret),
 * the state accepted once (login CSRF), the verifier never leaving the server. Unlike
 * the CLI's flow, who connects is not known in advance: the account Spotify answers for
 * in GET /me after the exchange is the member.
 */
export class OAuthConnect {
  readonly #spotify: AppConfig['spotify'];
  readonly #states = new OAuthStateStore();
  readonly #tokens: TokenEndpoint;
  readonly #fetch: typeof fetch;

  constructor(spotify: AppConfig['spotify'], fetchImpl: typeof fetch = globalThis.fetch) {
    this.#spotify = spotify;
    this.#fetch = fetchImpl;
    this.#tokens = new TokenEndpoint({
      spotify,
      fetch: fetchImpl,
      retry: {
        ...RETRY_DEFAULTS,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        random: Math.random,
      },
    });
  }

  /** Spotify's consent URL for a new attempt; `redirectUri` is where it comes back. */
  start(redirectUri: string): string {
    const pair = createPkcePair();
    const state = this.#states.issue({ verifier: pair.verifier, userId: PENDING, redirectUri });
    return buildAuthorizeUrl(this.#spotify, { state, challenge: pair.challenge, redirectUri });
  }

  /** The callback's code and state, exchanged for tokens and the account they belong to. */
  async complete(input: { code: string; state: string }): Promise<ConnectedAccount> {
    let pending;
    try {
      pending = this.#states.consume(input.state);
    } catch (error) {
      throw new DashboardError('CONNECT_FAILED', (error as Error).message, { cause: error });
    }
    let answer;
    try {
      answer = await this.#tokens.exchangeCode(input.code, pending.verifier, pending.redirectUri);
    } catch (error) {
      throw new DashboardError(
        'CONNECT_FAILED',
        `Spotify refused the code: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    if (!answer.refresh_token)
      throw new DashboardError('CONNECT_FAILED', 'Spotify returned no refresh token');
    const me = await this.#me(answer.access_token);
    return {
      userId: me.id,
      displayName: me.display_name ?? null,
      tokens: {
        accessToken: answer.access_token,
        refreshToken: answer.refresh_token,
        expiresAt: Date.now() + answer.expires_in * 1000,
        ...(answer.scope === undefined ? {} : { scope: answer.scope }),
        status: 'ok',
      },
    };
  }

  async #me(accessToken: string): Promise<{ id: string; display_name?: string | null }> {
    const response = await this.#fetch(`${this.#spotify.apiBaseUrl}/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
      signal: AbortSignal.timeout(RETRY_DEFAULTS.requestTimeoutMs),
    });
    const body = (await response.json().catch(() => undefined)) as
      { id?: unknown; display_name?: string | null } | undefined;
    if (!response.ok || typeof body?.id !== 'string' || body.id === '')
      throw new DashboardError(
        'CONNECT_FAILED',
        `GET /me answered ${response.status} without a user id`,
      );
    return { id: body.id, display_name: body.display_name ?? null };
  }
}
