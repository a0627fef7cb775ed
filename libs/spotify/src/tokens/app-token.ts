import type { TokenEndpoint } from '../auth/token-endpoint.ts';

/**
 * The app's client-credentials token for catalogue calls (artists, albums, tracks,
 * search): fetched on first use, shared, renewed a minute before expiry or after a 401.
 */
export class AppToken {
  readonly #endpoint: Pick<TokenEndpoint, 'clientCredentials'>;
  readonly #now: () => number;
  #current: { token: string; expiresAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(endpoint: Pick<TokenEndpoint, 'clientCredentials'>, now: () => number = Date.now) {
    this.#endpoint = endpoint;
    this.#now = now;
  }

  get(): Promise<string> {
    if (this.#current && this.#current.expiresAt - 60_000 > this.#now())
      return Promise.resolve(this.#current.token);
    return this.#renew();
  }

  afterUnauthorized(rejected: string): Promise<string> {
    if (this.#current && this.#current.token !== rejected)
      return Promise.resolve(this.#current.token);
    this.#current = undefined;
    return this.#renew();
  }

  #renew(): Promise<string> {
    this.#pending ??= this.#endpoint
      .clientCredentials()
      .then((answer) => {
        this.#current = {
          token: answer.access_token,
          expiresAt: this.#now() + answer.expires_in * 1000,
        };
        return answer.access_token;
      })
      .finally(() => (this.#pending = undefined));
    return this.#pending;
  }
}
