import { describe, expect, it } from 'vitest';
import { SpotifyError } from '../errors/spotify-error.ts';
import { InMemoryKeyValueStore } from './token-store.ts';
import { EncryptedTokenStore } from './encrypted-token-store.ts';
import { UserSessions } from './user-sessions.ts';

function setup(
  refresh: (
    token: string,
  ) => Promise<{ access_token: string; expires_in: number; refresh_token?: string }>,
) {
  let now = 1_000_000;
  const calls: string[] = [];
  const store = new EncryptedTokenStore(new InMemoryKeyValueStore(), Buffer.alloc(32, 9));
  const sessions = new UserSessions({
    store,
    tokenEndpoint: {
      refresh: async (token) => {
        calls.push(token);
        return refresh(token);
      },
    },
    refreshMarginMs: 60_000,
    now: () => now,
  });
  return { sessions, store, calls, advance: (ms: number) => (now += ms), now: () => now };
}

describe('UserSessions', () => {
  it('uses the stored token until a minute before expiry, then refreshes once for concurrent callers', async () => {
    let n = 1;
    const t = setup(async () => ({
      access_token: `at-${++n}`,
      expires_in: 3600,
      refresh_token: `rt-${n}`,
    }));
    await t.store.save('u', {
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      expiresAt: t.now() + 3_600_000,
    });
    expect(await t.sessions.accessToken('u')).toBe('at-1');
    t.advance(3_600_000 - 59_000);
    const tokens = await Promise.all([t.sessions.accessToken('u'), t.sessions.accessToken('u')]);
    expect(tokens).toEqual(['at-2', 'at-2']);
    expect(t.calls).toEqual(['rt-1']);
    expect(await t.store.get('u')).toMatchObject({
      refreshToken: 'rt-2',
      expiresAt: t.now() + 3_600_000,
    });
  });

  it('after a 401 refreshes unless someone already did', async () => {
    let n = 1;
    const t = setup(async () => ({ access_token: `at-${++n}`, expires_in: 3600 }));
    await t.store.save('u', {
      accessToken: 'at-1',
      refreshToken: 'rt-1',
      expiresAt: t.now() + 3_600_000,
    });
    expect(await t.sessions.accessTokenAfterUnauthorized('u', 'at-1')).toBe('at-2');
    expect(await t.sessions.accessTokenAfterUnauthorized('u', 'at-1')).toBe('at-2');
    expect(t.calls).toEqual(['rt-1']);
  });

  it('remembers NEEDS_RECONNECT and stops calling Spotify for that user', async () => {
    const t = setup(async () => {
      throw new SpotifyError('NEEDS_RECONNECT', 'invalid_grant');
    });
    await t.store.save('u', { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: 0 });
    await expect(t.sessions.accessToken('u')).rejects.toMatchObject({
      code: 'NEEDS_RECONNECT',
      userId: 'u',
    });
    expect(await t.sessions.getStatus('u')).toBe('NEEDS_RECONNECT');
    await expect(t.sessions.accessToken('u')).rejects.toMatchObject({ code: 'NEEDS_RECONNECT' });
    expect(t.calls).toHaveLength(1);
    // Connecting again clears it.
    await t.sessions.connect('u', {
      access_token: 'at-9',
      expires_in: 3600,
      refresh_token: 'rt-9',
    });
    expect(await t.sessions.getStatus('u')).toBe('connected');
    expect(await t.sessions.getStatus('nobody')).toBe('not-connected');
  });
});
