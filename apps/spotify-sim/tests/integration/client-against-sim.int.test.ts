import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '@spotify-insights/config';
import {
  createSpotifyClient,
  EncryptedTokenStore,
  InMemoryKeyValueStore,
  isSpotifyError,
  type SpotifyClient,
} from '@spotify-insights/spotify';
import { createSimulator, type LoggedRequest, type Simulator } from '../../src/index.ts';
import { SPEC_PATH } from './support/contract.ts';

/*
 * The real client (libs/spotify) against the simulator, over HTTP: the OAuth flow, token
 * rotation, reconnects, the app-wide 429 pause, paging and faults. Every request the
 * client sends must be a non-deprecated operation of the contract.
 */
const CLIENT_ID = 'spotify-insights-local';
const CLIENT_SECRET = 'spotify-insights-local-secret';
const REDIRECT = 'http://127.0.0.1:3000/auth/callback';

interface Setup {
  sim: Simulator;
  url: string;
  client: SpotifyClient;
  tokens: EncryptedTokenStore;
}

async function setup(options: { requestsPer30s?: number; now?: number } = {}): Promise<Setup> {
  const sim = createSimulator({ clients: { [CLIENT_ID]: CLIENT_SECRET }, ...options });
  const url = await sim.listen(0);
  const config = loadConfig({
    SPOTIFY_API_BASE_URL: `${url}/v1`,
    SPOTIFY_ACCOUNTS_BASE_URL: url,
    SPOTIFY_CLIENT_ID: CLIENT_ID,
    SPOTIFY_CLIENT_SECRET: CLIENT_SECRET,
    SPOTIFY_REDIRECT_URI: REDIRECT,
    SPOTIFY_RATE_LIMIT_PER_30S: '1000',
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  });
  const tokens = new EncryptedTokenStore(
    new InMemoryKeyValueStore(),
    config.spotify.tokenEncryptionKey,
  );
  const client = createSpotifyClient({
    config,
    tokenStore: tokens,
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
  });
  return { sim, url, client, tokens };
}

async function admin(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}/_sim${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return (response.status === 204 ? undefined : await response.json()) as never;
}

/** The consent step a person does in the browser, done through the simulator's shortcut. */
async function consent(s: Setup, userId: string, authorizeUrl: string): Promise<URL> {
  const params = new URL(authorizeUrl).searchParams;
  const { redirect } = await admin(s.url, 'POST', `/users/${userId}/authorize`, {
    client_id: params.get('client_id'),
    redirect_uri: params.get('redirect_uri'),
    code_challenge: params.get('code_challenge'),
    state: params.get('state'),
    scope: params.get('scope'),
  });
  return new URL(redirect as string);
}

async function connect(s: Setup, userId: string): Promise<void> {
  const { url } = s.client.startAuthorization(userId);
  const callback = await consent(s, userId, url);
  await s.client.completeAuthorization({
    state: callback.searchParams.get('state'),
    code: callback.searchParams.get('code')!,
  });
}

const requests = (s: Setup): Promise<LoggedRequest[]> => admin(s.url, 'GET', '/requests');

/** OpenAPI path templates → regexps, with their deprecation flag. */
const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as {
  paths: Record<string, Record<string, { deprecated?: boolean }>>;
};
const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    pattern: new RegExp(`^/v1${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    deprecated: op.deprecated === true,
    path,
  })),
);

function assertContractOperations(log: LoggedRequest[]): void {
  for (const request of log.filter((r) => r.host === 'api')) {
    const match = operations.find(
      (o) => o.method === request.method && o.pattern.test(request.path),
    );
    expect(match, `${request.method} ${request.path} is not in the contract`).toBeDefined();
    expect(match!.deprecated, `${request.method} ${match!.path} is deprecated`).toBe(false);
  }
}

describe('the Spotify client against the simulator', () => {
  let s: Setup;
  const users = ['ayaka.sim', 'boris.sim', 'chloe.sim'];

  beforeAll(async () => {
    s = await setup();
  });
  afterAll(async () => {
    await s.sim.close();
  });

  it('connects users through PKCE with a checked state; a wrong or replayed state is refused', async () => {
    for (const user of users) await connect(s, user);
    expect(await s.client.getUserStatus('ayaka.sim')).toBe('connected');
    expect((await s.client.getMe('ayaka.sim')).id).toBe('ayaka.sim');

    const { url } = s.client.startAuthorization('dana.sim');
    const callback = await consent(s, 'dana.sim', url);
    const code = callback.searchParams.get('code')!;
    await expect(s.client.completeAuthorization({ state: 'forged', code })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    await s.client.completeAuthorization({ state: callback.searchParams.get('state'), code });
    await expect(
      s.client.completeAuthorization({ state: callback.searchParams.get('state'), code }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('refreshes an expired access token and stores the rotated refresh token', async () => {
    const before = await s.tokens.get('boris.sim');
    await admin(s.url, 'POST', '/users/boris.sim/expire-access-tokens');
    expect((await s.client.getMe('boris.sim')).id).toBe('boris.sim');
    const after = await s.tokens.get('boris.sim');
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
    expect(after!.accessToken).not.toBe(before!.accessToken);
  });

  it('marks only the revoked user NEEDS_RECONNECT; the others go on', async () => {
    await admin(s.url, 'POST', '/users/chloe.sim/revoke');
    const failure = await s.client.getMe('chloe.sim').catch((e: unknown) => e);
    expect(isSpotifyError(failure, 'NEEDS_RECONNECT')).toBe(true);
    expect(await s.client.getUserStatus('chloe.sim')).toBe('NEEDS_RECONNECT');
    expect((await s.client.getMe('ayaka.sim')).id).toBe('ayaka.sim');
  });

  it('collects offset and cursor pages completely', async () => {
    const raw = async (path: string) =>
      (await (
        await fetch(`${s.url}/v1${path}`, {
          headers: { authorization: `Bearer ${(await s.tokens.get('ayaka.sim'))!.accessToken}` },
        })
      ).json()) as { total?: number; artists?: { total: number } };

    const saved = await s.client.getSavedTracks('ayaka.sim', { maxItems: 10_000 });
    const savedTotal = (await raw('/me/tracks?limit=1')).total!;
    expect(savedTotal).toBeGreaterThan(50); // more than one page of 50
    expect(saved.length).toBe(savedTotal);
    expect(new Set(saved.map((t) => t.track.id)).size).toBe(saved.length);

    const followed = await s.client.getFollowedArtists('ayaka.sim', { maxItems: 10_000 });
    expect(followed.length).toBe((await raw('/me/following?type=artist&limit=1')).artists!.total);
    expect(new Set(followed.map((a) => a.id)).size).toBe(followed.length);
  });

  it('retries 5xx and connection resets, and reports truncated JSON as BAD_RESPONSE', async () => {
    await admin(s.url, 'PUT', '/faults', {
      route: 'GET /v1/me/top/tracks',
      kind: 'status503',
      times: 2,
    });
    expect((await s.client.getTopTracks('ayaka.sim', 'short_term')).length).toBeGreaterThan(0);
    await admin(s.url, 'PUT', '/faults', {
      route: 'GET /v1/me/top/artists',
      kind: 'reset',
      times: 1,
    });
    expect((await s.client.getTopArtists('ayaka.sim', 'short_term')).length).toBeGreaterThan(0);
    await admin(s.url, 'PUT', '/faults', {
      route: 'GET /v1/me/playlists',
      kind: 'truncated',
      times: 1,
    });
    const failure = await s.client.getPlaylists('ayaka.sim').catch((e: unknown) => e);
    expect(isSpotifyError(failure, 'BAD_RESPONSE')).toBe(true);
  });

  it('only ever calls non-deprecated operations of the contract', async () => {
    await s.client.getRecentlyPlayed('ayaka.sim');
    const playlists = await s.client.getPlaylists('ayaka.sim');
    const own = playlists.find((p) => p.owner.id === 'ayaka.sim')!;
    await s.client.getPlaylistItems('ayaka.sim', own.id);
    await s.client.getSavedAlbums('ayaka.sim', { maxItems: 20 });
    const track = (await s.client.getTopTracks('ayaka.sim', 'long_term'))[0]!;
    await s.client.getTrack(track.id);
    await s.client.getArtist(track.artists[0]!.id);
    await s.client.getAlbum(track.album.id);
    await s.client.search('a', ['track']);
    assertContractOperations(await requests(s));
  });
});

describe('recently played with a cursor (simulated clock)', () => {
  it('returns only plays newer than the cursor once time has passed', async () => {
    const s = await setup({ now: Date.parse('2026-06-01T12:00:00Z') });
    try {
      await connect(s, 'emre.sim');
      const first = await s.client.getRecentlyPlayed('emre.sim');
      const newest = Math.max(...first.map((p) => Date.parse(p.played_at)));
      await admin(s.url, 'POST', '/clock/advance', { ms: 3 * 3600_000 });
      const newer = await s.client.getRecentlyPlayed('emre.sim', { after: newest });
      expect(newer.length).toBeGreaterThan(0);
      expect(newer.every((p) => Date.parse(p.played_at) > newest)).toBe(true);
    } finally {
      await s.sim.close();
    }
  });
});

describe('rate limit (real clock)', () => {
  it('pauses the whole app for exactly Retry-After after a 429, then completes every request', async () => {
    const s = await setup();
    try {
      await connect(s, 'ayaka.sim');
      await admin(s.url, 'DELETE', '/requests');
      await admin(s.url, 'PUT', '/rate-limit', { requestsPer30s: 4 });
      const results = await Promise.all(
        ['short_term', 'medium_term', 'long_term'].flatMap((range) => [
          s.client.getTopTracks('ayaka.sim', range as 'short_term', { maxItems: 5 }),
          s.client.getTopArtists('ayaka.sim', range as 'short_term', { maxItems: 5 }),
        ]),
      );
      expect(results.every((r) => r.length > 0)).toBe(true);

      const log = (await requests(s))
        .filter((r) => r.host === 'api')
        .sort((a, b) => a.time - b.time);
      const limited = log.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      const firstOk = log.find((r) => r.status === 200)!;
      const first429 = limited[0]!;
      // The simulator's Retry-After: until the oldest counted request leaves its 30 s window.
      const retryAfterMs =
        Math.max(1, Math.ceil((firstOk.time + 30_000 - first429.time) / 1000)) * 1000;
      const sentDuringPause = log.filter(
        (r) => r.time > first429.time && r.time < first429.time + retryAfterMs,
      );
      expect(sentDuringPause).toEqual([]);
      expect(log.filter((r) => r.status === 200)).toHaveLength(6);
    } finally {
      await s.sim.close();
    }
  }, 90_000);
});
