/** What the app keeps per connected user. */
export interface StoredTokens {
  accessToken: string;
  /** PKCE refresh tokens are single-use: this is always the latest one Spotify sent. */
  refreshToken: string;
  /** Unix ms when the access token stops working. */
  expiresAt: number;
  scope?: string;
  /** Set when Spotify answered `invalid_grant`: only a new authorisation helps. */
  status?: 'ok' | 'NEEDS_RECONNECT';
}

export interface TokenStore {
  get(userId: string): Promise<StoredTokens | undefined>;
  /**
   * Runs `fn` while no other process refreshes this user's tokens. Several processes
   * (the eight producers) share one user's single-use refresh token: without this, two
   * of them refreshing at once would get the user disconnected.
   */
  withUserLock?<T>(userId: string, fn: () => Promise<T>): Promise<T>;
  save(userId: string, tokens: StoredTokens): Promise<void>;
}

/** Where encrypted token records are kept, keyed by user id (a database table, memory). */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /** A lock across processes, where the store can offer one (a database's). */
  withLock?<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** For tests and single-process experiments; forgets everything on exit. */
export class InMemoryKeyValueStore implements KeyValueStore {
  readonly entries = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.entries.set(key, value);
  }
}
