import { afterEach, describe, expect, it } from 'vitest';
import { artistJson } from '../test-support/spotify-fixtures.ts';
import { sendJson, startStubServer, type StubServer } from '../test-support/stub-server.ts';
import { logsContainTokens, testClient } from '../test-support/test-client.ts';

let server: StubServer | undefined;
const logs: string[][] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const lines of logs.splice(0)) expect(logsContainTokens(lines)).toBe(false);
});

const isApi = (pathname: string) => pathname.startsWith('/v1/');

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('429 handling', () => {
  it('pauses the whole app for exactly Retry-After, then completes every call', async () => {
    let tooManyAt: number | undefined;
    server = await startStubServer((req, res) => {
      if (req.pathname === '/api/token')
        return sendJson(res, 200, { access_token: 'sekrit-app', expires_in: 3600 });
      if (tooManyAt === undefined) {
        tooManyAt = Date.now();
        return sendJson(
          res,
          429,
          { error: { status: 429, message: 'API rate limit exceeded' } },
          { 'Retry-After': '1' },
        );
      }
      if (req.pathname === '/v1/me') return sendJson(res, 200, { id: 'bob' });
      sendJson(res, 200, artistJson(req.pathname.split('/').pop()!));
    });
    const { client, logLines } = await testClient(server, { alice: {}, bob: {} });
    logs.push(logLines);

    const first = client.getMe('alice');
    await until(() => client.getStatus().state === 'paused');
    expect(client.getStatus()).toMatchObject({ state: 'paused', reason: 'RATE_LIMITED' });
    // Other users and catalogue calls wait too: the limit is the app's, not one user's.
    const others = [
      client.getMe('bob'),
      client.getArtist('a1'),
      client.getArtist('a2'),
      client.getMe('bob'),
    ];
    const results = await Promise.all([first, ...others]);
    expect(results).toHaveLength(5);

    const apiRequests = server.requests.filter((r) => isApi(r.pathname));
    expect(apiRequests).toHaveLength(6); // the 429'd one is sent again
    for (const request of apiRequests.slice(1))
      expect(request.at - tooManyAt!).toBeGreaterThanOrEqual(1000);
    expect(client.getStatus()).toEqual({ state: 'ok' });
  });

  it('does not wait out a long Retry-After: status paused, calls fail fast with RATE_LIMITED + retryAt', async () => {
    server = await startStubServer((_req, res) =>
      sendJson(
        res,
        429,
        { error: { status: 429, message: 'API rate limit exceeded' } },
        { 'Retry-After': '3600' },
      ),
    );
    const { client, logLines } = await testClient(server, { alice: {}, bob: {} });
    logs.push(logLines);
    const started = Date.now();
    const error = await client.getMe('alice').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'RATE_LIMITED',
      canRetry: true,
      status: 429,
      endpoint: 'GET /me',
    });
    const retryAt = (error as { retryAt: Date }).retryAt.getTime();
    expect(retryAt).toBeGreaterThanOrEqual(started + 3_600_000);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 3_600_000);

    const status = client.getStatus();
    expect(status).toMatchObject({ state: 'paused', reason: 'RATE_LIMITED' });
    expect(status.until?.getTime()).toBe(retryAt);

    await expect(client.getSavedTracks('bob')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAt: new Date(retryAt),
    });
    await expect(client.getTrack('t1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(server.requests.filter((r) => isApi(r.pathname))).toHaveLength(1);
    expect(logLines.some((l) => l.includes('"level":"warn"') && l.includes('pause'))).toBe(true);
  });

  it('treats a 429 with reason QUOTA_EXCEEDED as a quota pause', async () => {
    server = await startStubServer((_req, res) =>
      sendJson(
        res,
        429,
        { error: { status: 429, message: 'Quota exceeded', reason: 'QUOTA_EXCEEDED' } },
        { 'Retry-After': '85771' },
      ),
    );
    const { client, logLines } = await testClient(server, { alice: {} });
    logs.push(logLines);
    await expect(client.getTopTracks('alice', 'short_term')).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
      canRetry: true,
    });
    expect(client.getStatus()).toMatchObject({
      state: 'paused',
      reason: 'QUOTA_EXCEEDED',
    });
    await expect(client.getMe('alice')).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
  });

  it('honours the configured long-pause threshold', async () => {
    let calls = 0;
    server = await startStubServer((_req, res) => {
      calls++;
      sendJson(res, 429, { error: { status: 429, message: 'x' } }, { 'Retry-After': '2' });
    });
    const { client, logLines } = await testClient(
      server,
      { alice: {} },
      { rateLimit: { longPauseThresholdMs: 1_000 } },
    );
    logs.push(logLines);
    await expect(client.getMe('alice')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(calls).toBe(1);
  });
});
