import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SpotifyError } from '../errors/spotify-error.ts';
import type { KeyValueStore, StoredTokens, TokenStore } from './token-store.ts';

const FORMAT = 'v1';
const IV_BYTES = 12; // the size GCM is designed for
const KEY_BYTES = 32;

const storedTokensSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresAt: z.number(),
  scope: z.string().optional(),
  status: z.enum(['ok', 'NEEDS_RECONNECT']).optional(),
});

/**
 * Tokens at rest are AES-256-GCM ciphertext: `v1.<iv>.<tag>.<ciphertext>` (base64url).
 * A fresh random IV per write means the same tokens never encrypt the same way twice;
 * the auth tag, bound to the user id as associated data, makes any change to a stored
 * value — or moving it to another user — fail to decrypt instead of yielding garbage.
 */
export class EncryptedTokenStore implements TokenStore {
  readonly #backing: KeyValueStore;
  readonly #key: Buffer;

  constructor(backing: KeyValueStore, key: Buffer | undefined) {
    if (!key || key.length !== KEY_BYTES)
      throw new SpotifyError(
        'MISCONFIGURED',
        'token encryption needs a 32-byte key (TOKEN_ENCRYPTION_KEY, base64: `openssl rand -base64 32`)',
      );
    this.#backing = backing;
    this.#key = Buffer.from(key);
  }

  withUserLock<T>(userId: string, fn: () => Promise<T>): Promise<T> {
    return this.#backing.withLock ? this.#backing.withLock(userId, fn) : fn();
  }

  async save(userId: string, tokens: StoredTokens): Promise<void> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(userId));
    const ciphertext = Buffer.concat([
      cipher.update(JSON.stringify(tokens), 'utf8'),
      cipher.final(),
    ]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
    await this.#backing.set(userId, [FORMAT, ...parts].join('.'));
  }

  async get(userId: string): Promise<StoredTokens | undefined> {
    const stored = await this.#backing.get(userId);
    if (stored === undefined) return undefined;
    try {
      const [format, iv, tag, ciphertext] = stored.split('.');
      if (format !== FORMAT || !iv || !tag || ciphertext === undefined)
        throw new Error('unknown format');
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(userId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
      return storedTokensSchema.parse(JSON.parse(plain));
    } catch {
      // No `cause`: a parse error of decrypted text could quote a token.
      throw new SpotifyError(
        'TOKEN_UNREADABLE',
        'stored Spotify tokens could not be decrypted (wrong key or altered value)',
        { userId },
      );
    }
  }
}
