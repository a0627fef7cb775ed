import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { offsetPageJson, savedTrackJson, trackJson } from '../test-support/spotify-fixtures.ts';
import {
  sendJson,
  startStubServer,
  type RecordedRequest,
  type StubServer,
} from '../test-support/stub-server.ts';
import { logsContainTokens, testClient } from '../test-support/test-client.ts';

let server: StubServer | undefined;
const logs: string[][] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const lines of logs.splice(0)) expect(logsContainTokens(lines)).toBe(false);
});

/** A stub that answers the token endpoint and hands API requests (numbered from 1) to `api`. */
async function stub(api: (n: number, req: RecordedRequest, res: ServerResponse) => void) {
  let n = 0;
  server = await startStubServer((req, res) => {
    if (req.pathname === '/api/token')
      return sendJson(res, 200, { access_token: 'sekrit-app', expires_in: 3600 });
    api(++n, req, res);
  });
  const client = await testClient(server, { alice: {} });
  logs.push(client.logLines);
  return { ...client, apiCalls: () => n };
}

describe('retries', () => {
  it('retries 5xx, then succeeds', async () => {
    const { client, apiCalls } = await stub((n, _req, res) =>
      n <= 2
        ? sendJson(res, n === 1 ? 502 : 503, { error: { status: 503, message: 'down' } })
        : sendJson(res, 200, trackJson('t1')),
    );
    await expect(client.getTrack('t1')).resolves.toMatchObject({ id: 't1' });
    expect(apiCalls()).toBe(3);
  });

  it('retries a connection reset, then succeeds', async () => {
    const { client, apiCalls } = await stub((n, _req, res) => {
      if (n === 1) return res.socket?.destroy();
      sendJson(res, 200, { id: 'alice' });
    });
    await expect(client.getMe('alice')).resolves.toMatchObject({ id: 'alice' });
    expect(apiCalls()).toBe(2);
  });

  it('retries a request that timed out', async () => {
    server = await startStubServer((req, res) => {
      if (req.pathname === '/api/token')
        return sendJson(res, 200, { access_token: 'sekrit-app', expires_in: 3600 });
      if (server!.requests.filter((r) => r.pathname === '/v1/me').length === 1) return; // never answers
      sendJson(res, 200, { id: 'alice' });
    });
    const { client, logLines } = await testClient(server, { alice: {} }, { requestTimeoutMs: 200 });
    logs.push(logLines);
    await expect(client.getMe('alice')).resolves.toMatchObject({ id: 'alice' });
  });

  it('gives up on 5xx after the configured attempts with SERVER_ERROR', async () => {
    const { client, apiCalls } = await stub((_n, _req, res) =>
      sendJson(res, 500, { error: { status: 500, message: 'x' } }),
    );
    await expect(client.getMe('alice')).rejects.toMatchObject({
      code: 'SERVER_ERROR',
      canRetry: true,
      status: 500,
    });
    expect(apiCalls()).toBe(4);
  });

  it.each([
    [400, 'BAD_REQUEST'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
  ])('never retries a %i (%s)', async (status, code) => {
    const { client, apiCalls } = await stub((_n, _req, res) =>
      sendJson(res, status, { error: { status, message: 'no' } }),
    );
    await expect(client.getPlaylist('alice', 'p1')).rejects.toMatchObject({
      code,
      status,
      canRetry: false,
      endpoint: 'GET /playlists/{playlist_id}',
    });
    expect(apiCalls()).toBe(1);
  });

  it('says NOT_AVAILABLE_FOR_APP for a Spotify editorial playlist', async () => {
    const { client } = await stub((_n, _req, res) =>
      sendJson(res, 404, { error: { status: 404, message: 'x' } }),
    );
    await expect(client.getPlaylist('alice', '37i9dQZEVXbMDoHDwVN2tF')).rejects.toMatchObject({
      code: 'NOT_AVAILABLE_FOR_APP',
    });
  });
});

describe('bad responses', () => {
  it('reports truncated JSON as BAD_RESPONSE without retrying', async () => {
    const { client, apiCalls } = await stub((_n, _req, res) => {
      const text = JSON.stringify(trackJson('t1')).slice(0, 40);
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': String(text.length),
      });
      res.end(text);
    });
    await expect(client.getTrack('t1')).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      endpoint: 'GET /tracks/{id}',
    });
    expect(apiCalls()).toBe(1);
  });

  it('reports a wrong shape as BAD_RESPONSE naming the field', async () => {
    const { client } = await stub((_n, _req, res) => {
      const page = offsetPageJson(
        Array.from({ length: 5 }, (_, i) => savedTrackJson(`t${i}`, '2026-01-01T00:00:00Z')),
      );
      (page.items[3] as { track: { album: { id: unknown } } }).track.album.id = 42;
      sendJson(res, 200, page);
    });
    const error = await client.getSavedTracks('alice').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'BAD_RESPONSE',
      path: 'items[3].track.album.id',
      endpoint: 'GET /me/tracks',
    });
  });
});
