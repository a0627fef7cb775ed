import type { AppConfig } from '@spotify-insights/config';
import { z } from 'zod';
import { SpotifyError } from '../errors/spotify-error.ts';
import { fetchWithTimeout, readText, type FetchFunction } from '../http/fetch-with-timeout.ts';
import { parseResponseBody } from '../http/parse-response.ts';
import { parseRetryAfterMs } from '../rate-limit/retry-after.ts';
import { RETRY_DEFAULTS, type RetryOptions } from '../retry/retry-defaults.ts';
import { withRetry } from '../retry/with-retry.ts';

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export interface TokenEndpointOptions {
  spotify: AppConfig['spotify'];
  fetch: FetchFunction;
  retry: RetryOptions;
  requestTimeoutMs?: number;
  now?: () => number;
}

const ENDPOINT = 'POST /api/token';

/**
 * Spotify's accounts service: code exchange and refresh for users (PKCE: `client_id`
 * in the form, no secret) and client credentials (HTTP Basic) for catalogue calls.
 * Retried only on 5xx/network. Token values never appear in errors.
 */
export class TokenEndpoint {
  readonly #options: TokenEndpointOptions;

  constructor(options: TokenEndpointOptions) {
    this.#options = options;
  }

  exchangeCode(code: string, verifier: string, redirectUri?: string): Promise<TokenResponse> {
    const { spotify } = this.#options;
    return this.#post(
      new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri ?? spotify.redirectUri,
        client_id: spotify.clientId,
        code_verifier: verifier,
      }),
      'exchange',
    );
  }

  /** May return a new refresh token (PKCE ones rotate): the caller must store it. */
  refresh(refreshToken: string): Promise<TokenResponse> {
    return this.#post(
      new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: this.#options.spotify.clientId,
      }),
      'refresh',
    );
  }

  clientCredentials(): Promise<TokenResponse> {
    const { clientId, clientSecret } = this.#options.spotify;
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    return this.#post(
      new URLSearchParams({ grant_type: 'client_credentials' }),
      'client-credentials',
      { Authorization: `Basic ${basic}` },
    );
  }

  async #post(
    form: URLSearchParams,
    purpose: 'exchange' | 'refresh' | 'client-credentials',
    headers: Record<string, string> = {},
  ): Promise<TokenResponse> {
    const { spotify, fetch, retry } = this.#options;
    const now = this.#options.now ?? Date.now;
    const timeoutMs = this.#options.requestTimeoutMs ?? RETRY_DEFAULTS.requestTimeoutMs;
    return withRetry(async () => {
      const { response } = await fetchWithTimeout(
        fetch,
        `${spotify.accountsBaseUrl}/api/token`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
          body: form.toString(),
        },
        ENDPOINT,
        timeoutMs,
        now,
      );
      const text = await readText(response, ENDPOINT);
      if (response.ok)
        return parseResponseBody(text, tokenResponseSchema, ENDPOINT, response.status);
      if (response.status === 429) {
        const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), now());
        throw new SpotifyError('RATE_LIMITED', `${ENDPOINT} (${purpose}) answered 429`, {
          status: 429,
          endpoint: ENDPOINT,
          retryAt: new Date(now() + retryAfterMs),
        });
      }
      throw tokenError(response.status, text, purpose);
    }, retry);
  }
}

function oauthErrorOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : undefined;
  } catch {
    return undefined;
  }
}

function tokenError(status: number, text: string, purpose: string): SpotifyError {
  const details = { status, endpoint: ENDPOINT };
  if (status >= 500)
    return new SpotifyError('SERVER_ERROR', `${ENDPOINT} (${purpose}) answered ${status}`, details);
  const oauthError = oauthErrorOf(text);
  // invalid_grant on refresh: revoked, expired (6 months after authorising) or an old,
  // already-rotated refresh token. Only the user authorising again helps.
  if (oauthError === 'invalid_grant' && purpose === 'refresh')
    return new SpotifyError(
      'NEEDS_RECONNECT',
      'Spotify refused the refresh token (invalid_grant)',
      details,
    );
  if (oauthError === 'invalid_client' || status === 401)
    return new SpotifyError(
      'MISCONFIGURED',
      `Spotify refused the client id/secret (${purpose})`,
      details,
    );
  return new SpotifyError(
    'BAD_REQUEST',
    `${ENDPOINT} (${purpose}) answered ${status}${oauthError ? ` (${oauthError})` : ''}`,
    details,
  );
}
