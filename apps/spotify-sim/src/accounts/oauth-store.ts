/*
 * The accounts service's memory: authorisation codes, access tokens and refresh
 * tokens, following Spotify's 2026 rules — codes are single-use and live 10 minutes,
 * access tokens 3600 s, PKCE refresh tokens are single-use (rotated on every refresh)
 * and die 6 months after the user authorised, however often they were refreshed.
 */
import { OAuthError } from '../http/errors.ts';
import type { SimClock } from '../world/clock.ts';
import { base62Id } from '../world/prng.ts';
import { isValidVerifier, s256 } from './pkce.ts';

export const CODE_TTL_MS = 10 * 60_000;
export const ACCESS_TTL_S = 3600;
/** Development Mode: at most five users may authorise one app. */
export const MAX_USERS_PER_CLIENT = 5;

export interface AuthRequest {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
}

interface CodeGrant extends AuthRequest {
  userId: string;
  expiresAt: number;
  used: boolean;
}

export interface AccessGrant {
  clientId: string;
  userId: string | undefined;
  scopes: Set<string>;
  expiresAt: number;
}

interface RefreshGrant {
  clientId: string;
  userId: string;
  scope: string;
  authorisedAt: number;
  valid: boolean;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  refresh_token?: string;
}

export type AccessLookup =
  { ok: true; grant: AccessGrant } | { ok: false; reason: 'token_invalid' | 'token_expired' };

export function refreshExpiry(authorisedAt: number): number {
  const d = new Date(authorisedAt);
  d.setUTCMonth(d.getUTCMonth() + 6);
  return d.getTime();
}

export class OAuthStore {
  readonly #clock: SimClock;
  readonly #seed: number;
  readonly #clients: Map<string, string>;
  readonly #codes = new Map<string, CodeGrant>();
  readonly #access = new Map<string, AccessGrant>();
  readonly #refresh = new Map<string, RefreshGrant>();
  readonly #authorisedUsers = new Map<string, Set<string>>();
  #counter = 0;

  constructor(clock: SimClock, seed: number, clients: ReadonlyMap<string, string>) {
    this.#clock = clock;
    this.#seed = seed;
    this.#clients = new Map(clients);
  }

  isClient(clientId: string): boolean {
    return this.#clients.has(clientId);
  }

  checkSecret(clientId: string, secret: string): boolean {
    return this.#clients.get(clientId) === secret;
  }

  #token(prefix: string): string {
    // Deterministic per seed and issue order, like everything else in the simulator.
    const n = ++this.#counter;
    return `${prefix}${base62Id(this.#seed, prefix, n)}${base62Id(this.#seed, prefix, n, 'b')}`;
  }

  /** The consent step: returns a fresh code, or refuses a sixth user of one app. */
  issueCode(request: AuthRequest, userId: string): string | undefined {
    const users = this.#authorisedUsers.get(request.clientId) ?? new Set<string>();
    if (!users.has(userId) && users.size >= MAX_USERS_PER_CLIENT) return undefined;
    users.add(userId);
    this.#authorisedUsers.set(request.clientId, users);
    const code = this.#token('AQC');
    this.#codes.set(code, {
      ...request,
      userId,
      expiresAt: this.#clock.now() + CODE_TTL_MS,
      used: false,
    });
    return code;
  }

  exchangeCode(
    code: string,
    clientId: string,
    redirectUri: string,
    verifier: string,
  ): TokenResponse {
    const grant = this.#codes.get(code);
    if (!grant) throw new OAuthError('invalid_grant', 'Invalid authorization code');
    if (grant.used) throw new OAuthError('invalid_grant', 'Authorization code already used');
    if (grant.expiresAt <= this.#clock.now())
      throw new OAuthError('invalid_grant', 'Authorization code expired');
    if (grant.clientId !== clientId)
      throw new OAuthError('invalid_grant', 'Authorization code was issued to another client');
    if (grant.redirectUri !== redirectUri)
      throw new OAuthError('invalid_grant', 'Invalid redirect URI');
    if (!isValidVerifier(verifier))
      throw new OAuthError(
        'invalid_grant',
        'code_verifier must be 43-128 characters of [A-Za-z0-9-._~]',
      );
    if (s256(verifier) !== grant.codeChallenge)
      throw new OAuthError('invalid_grant', 'code_verifier was incorrect');
    grant.used = true;
    return this.#issue(grant.clientId, grant.userId, grant.scope, this.#clock.now());
  }

  refresh(refreshToken: string, clientId: string): TokenResponse {
    const grant = this.#refresh.get(refreshToken);
    if (!grant || !grant.valid) throw new OAuthError('invalid_grant', 'Invalid refresh token');
    if (grant.clientId !== clientId) throw new OAuthError('invalid_grant', 'Invalid refresh token');
    if (refreshExpiry(grant.authorisedAt) <= this.#clock.now()) {
      grant.valid = false;
      throw new OAuthError('invalid_grant', 'Refresh token expired');
    }
    // Single use: the presented token dies, the replacement keeps the original authorisation time.
    grant.valid = false;
    return this.#issue(grant.clientId, grant.userId, grant.scope, grant.authorisedAt);
  }

  clientCredentials(clientId: string): TokenResponse {
    const token = this.#token('BQA');
    this.#access.set(token, {
      clientId,
      userId: undefined,
      scopes: new Set(),
      expiresAt: this.#clock.now() + ACCESS_TTL_S * 1000,
    });
    return { access_token: token, token_type: 'Bearer', scope: '', expires_in: ACCESS_TTL_S };
  }

  lookupAccess(token: string): AccessLookup {
    const grant = this.#access.get(token);
    if (!grant) return { ok: false, reason: 'token_invalid' };
    if (grant.expiresAt <= this.#clock.now()) return { ok: false, reason: 'token_expired' };
    return { ok: true, grant };
  }

  expireAccessTokens(userId: string): number {
    let n = 0;
    for (const grant of this.#access.values()) {
      if (grant.userId === userId && grant.expiresAt > this.#clock.now()) {
        grant.expiresAt = this.#clock.now();
        n++;
      }
    }
    return n;
  }

  /** The user removed the app: refresh tokens fail with invalid_grant, access tokens with 401. */
  revoke(userId: string): number {
    let n = 0;
    for (const grant of this.#refresh.values()) {
      if (grant.userId === userId && grant.valid) {
        grant.valid = false;
        n++;
      }
    }
    for (const [token, grant] of this.#access)
      if (grant.userId === userId) this.#access.delete(token);
    for (const users of this.#authorisedUsers.values()) users.delete(userId);
    return n;
  }

  #issue(clientId: string, userId: string, scope: string, authorisedAt: number): TokenResponse {
    const access = this.#token('BQD');
    const refresh = this.#token('AQD');
    const scopes = new Set(scope.split(' ').filter(Boolean));
    this.#access.set(access, {
      clientId,
      userId,
      scopes,
      expiresAt: this.#clock.now() + ACCESS_TTL_S * 1000,
    });
    this.#refresh.set(refresh, { clientId, userId, scope, authorisedAt, valid: true });
    return {
      access_token: access,
      token_type: 'Bearer',
      scope,
      expires_in: ACCESS_TTL_S,
      refresh_token: refresh,
    };
  }
}
