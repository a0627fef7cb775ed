import { describe, expect, it } from 'vitest';
import type { TokenResponse } from '../auth/token-endpoint.ts';
import type { StoredTokens, TokenStore } from './token-store.ts';
import { UserSessions } from './user-sessions.ts';

/** A store shared by several "processes", with a lock like the database's. */
function sharedStore(initial: StoredTokens): TokenStore {
  let record = initial;
  let tail: Promise<unknown> = Promise.resolve();
  return {
    get: async () => record,
    save: async (_userId, tokens) => {
      record = tokens;
    },
    withUserLock: <T>(_userId: string, fn: () => Promise<T>): Promise<T> => {
      const run = tail.then(fn, fn);
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

describe('UserSessions across processes', () => {
  it('refreshes a single-use refresh token once, however many processes need it at the same time', async () => {
    const now = 1_000_000;
    const store = sharedStore({
      accessToken: 'old-access',
      refreshToken: 'rt-1',
      expiresAt: now - 1,
      status: 'ok',
    });
    const used: string[] = [];
    const tokenEndpoint = {
      refresh: async (refreshToken: string): Promise<TokenResponse> => {
        used.push(refreshToken);
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (refreshToken !== 'rt-1') throw new Error('a refresh token was used twice');
        return {
          access_token: 'new-access',
          token_type: 'Bearer',
          expires_in: 3600,
          refresh_token: 'rt-2',
        } as TokenResponse;
      },
    };
    // Three producers, each with its own sessions object (its own process in production).
    const processes = [1, 2, 3].map(
      () => new UserSessions({ store, tokenEndpoint, now: () => now }),
    );
    const tokens = await Promise.all(processes.map((p) => p.accessToken('ayaka')));
    expect(tokens).toEqual(['new-access', 'new-access', 'new-access']);
    expect(used).toEqual(['rt-1']);
    expect((await store.get('ayaka'))?.refreshToken).toBe('rt-2');
  });
});
