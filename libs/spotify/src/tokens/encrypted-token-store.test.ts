import { describe, expect, it } from 'vitest';
import { isSpotifyError } from '../errors/spotify-error.ts';
import { EncryptedTokenStore } from './encrypted-token-store.ts';
import { InMemoryKeyValueStore, type StoredTokens } from './token-store.ts';

const key = Buffer.alloc(32, 3);
const tokens: StoredTokens = {
  accessToken: 'sekrit-access',
  refreshToken: 'sekrit-refresh',
  expiresAt: 1_800_000_000_000,
  status: 'ok',
};

describe('EncryptedTokenStore', () => {
  it('round-trips tokens and keeps no plaintext in the backing store', async () => {
    const backing = new InMemoryKeyValueStore();
    const store = new EncryptedTokenStore(backing, key);
    await store.save('alice', tokens);
    expect(await store.get('alice')).toEqual(tokens);
    expect(await store.get('nobody')).toBeUndefined();
    const raw = [...backing.entries.values()].join('\n');
    expect(raw).not.toContain('sekrit');
    expect(raw).not.toContain(Buffer.from('sekrit').toString('base64'));
  });

  it('encrypts the same tokens differently on every write (random IV)', async () => {
    const backing = new InMemoryKeyValueStore();
    const store = new EncryptedTokenStore(backing, key);
    await store.save('alice', tokens);
    const first = [...backing.entries.values()][0];
    await store.save('alice', tokens);
    const second = [...backing.entries.values()][0];
    expect(second).not.toBe(first);
  });

  it('detects tampering, a wrong key and a value moved to another user', async () => {
    const backing = new InMemoryKeyValueStore();
    const store = new EncryptedTokenStore(backing, key);
    await store.save('alice', tokens);
    const [storageKey, value] = [...backing.entries.entries()][0]!;

    const parts = value.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    backing.entries.set(storageKey, [...parts.slice(0, 3), body.toString('base64url')].join('.'));
    await expect(store.get('alice')).rejects.toSatisfy((e) =>
      isSpotifyError(e, 'TOKEN_UNREADABLE'),
    );

    backing.entries.set(storageKey, value);
    const otherKey = new EncryptedTokenStore(backing, Buffer.alloc(32, 4));
    await expect(otherKey.get('alice')).rejects.toSatisfy((e) =>
      isSpotifyError(e, 'TOKEN_UNREADABLE'),
    );

    backing.entries.set(storageKey.replace('alice', 'mallory'), value);
    await expect(store.get('mallory')).rejects.toSatisfy((e) =>
      isSpotifyError(e, 'TOKEN_UNREADABLE'),
    );
  });

  it('refuses to exist without a 32-byte key', () => {
    const backing = new InMemoryKeyValueStore();
    for (const bad of [undefined, Buffer.alloc(16), Buffer.alloc(33)])
      expect(() => new EncryptedTokenStore(backing, bad)).toThrow(/32-byte key/);
  });
});
