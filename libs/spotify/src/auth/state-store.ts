import { randomBytes } from 'node:crypto';
import { SpotifyError } from '../errors/spotify-error.ts';

export interface PendingAuthorization {
  /** The PKCE verifier belonging to this attempt; it never leaves the server. */
  verifier: string;
  /** The app's user who is connecting. */
  userId: string;
  /** Only when not the configured one: the code exchange must send the same URI. */
  redirectUri?: string;
}

export interface OAuthStateStoreOptions {
  /** How long a user has to finish on Spotify's page. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * The OAuth `state` check against login CSRF: each state is random, tied to one PKCE
 * verifier, and accepted exactly once before it expires. Process memory is enough —
 * a pending login that does not survive a restart is simply started again.
 */
export class OAuthStateStore {
  readonly #pending = new Map<string, PendingAuthorization & { expiresAt: number }>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: OAuthStateStoreOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 10 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  issue(pending: PendingAuthorization): string {
    this.#dropExpired();
    const state = randomBytes(24).toString('base64url');
    this.#pending.set(state, { ...pending, expiresAt: this.#now() + this.#ttlMs });
    return state;
  }

  /** Returns what was stored with `state` and forgets it; a second call is refused. */
  consume(state: string | undefined | null): PendingAuthorization {
    const entry = state ? this.#pending.get(state) : undefined;
    if (state) this.#pending.delete(state);
    if (!entry)
      throw new SpotifyError(
        'INVALID_STATE',
        'the OAuth state is unknown or was already used; start connecting again',
      );
    if (entry.expiresAt <= this.#now())
      throw new SpotifyError(
        'INVALID_STATE',
        'the OAuth state has expired; start connecting again',
      );
    const { expiresAt: _expiresAt, ...pending } = entry;
    return pending;
  }

  #dropExpired(): void {
    const now = this.#now();
    for (const [state, entry] of this.#pending)
      if (entry.expiresAt <= now) this.#pending.delete(state);
  }
}
