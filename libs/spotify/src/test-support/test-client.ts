import { createLogger } from '@spotify-insights/logging';
import { createSpotifyClient, type SpotifyClientOptions } from '../client/spotify-client.ts';
import { EncryptedTokenStore } from '../tokens/encrypted-token-store.ts';
import { InMemoryKeyValueStore, type StoredTokens } from '../tokens/token-store.ts';
import type { StubServer } from './stub-server.ts';

export const TEST_KEY = Buffer.alloc(32, 7);

/** Every token handed out in tests contains this, so logs can be searched for leaks. */
export const TOKEN_MARKER = 'sekrit';

export function spotifyConfig(server: StubServer, rateLimitPer30s = 1000) {
  return {
    spotify: {
      apiBaseUrl: `${server.url}/v1`,
      accountsBaseUrl: server.url,
      clientId: 'test-client',
      clientSecret: 'test-secret',
      redirectUri: 'http://127.0.0.1:3999/auth/callback',
      rateLimitPer30s,
      catalogueCallsPerCycle: 0,
      tokenEncryptionKey: TEST_KEY,
    },
  };
}

/**
 * A client against a stub server with users already connected, no backoff waits, and
 * a logger whose lines the test can inspect.
 */
export async function testClient(
  server: StubServer,
  users: Record<string, Partial<StoredTokens>> = {},
  overrides: Partial<SpotifyClientOptions> = {},
) {
  const backing = new InMemoryKeyValueStore();
  const tokenStore = new EncryptedTokenStore(backing, TEST_KEY);
  for (const [userId, tokens] of Object.entries(users))
    await tokenStore.save(userId, {
      accessToken: `sekrit-at-${userId}-1`,
      refreshToken: `sekrit-rt-${userId}-1`,
      expiresAt: Date.now() + 3_600_000,
      ...tokens,
    });
  const logLines: string[] = [];
  const logger = createLogger('spotify-test', {
    level: 'debug',
    write: (line) => logLines.push(line),
  });
  const client = createSpotifyClient({
    config: spotifyConfig(server),
    tokenStore,
    logger,
    retry: { sleep: async () => {}, random: () => 0.5 },
    ...overrides,
  });
  return { client, tokenStore, backing, logLines };
}

/** True if any log line contains something that looks like a test token. */
export function logsContainTokens(lines: readonly string[]): boolean {
  return lines.some((line) => line.includes(TOKEN_MARKER));
}
