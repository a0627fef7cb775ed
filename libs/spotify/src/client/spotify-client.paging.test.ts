import { afterEach, describe, expect, it } from 'vitest';
import {
  artistJson,
  offsetPageJson,
  playHistoryJson,
  playlistItemJson,
  savedTrackJson,
  trackJson,
} from '../test-support/spotify-fixtures.ts';
import { sendJson, startStubServer, type StubServer } from '../test-support/stub-server.ts';
import { logsContainTokens, testClient } from '../test-support/test-client.ts';

let server: StubServer | undefined;
const logs: string[][] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const lines of logs.splice(0)) expect(logsContainTokens(lines)).toBe(false);
});

const apiRequests = (s: StubServer) => s.requests.filter((r) => r.pathname.startsWith('/v1/'));

/** 120 saved tracks, newest first: t0 added today, each next one a day earlier. */
const SAVED = Array.from({ length: 120 }, (_, i) =>
  savedTrackJson(`t${i}`, new Date(Date.UTC(2026, 5, 30) - i * 86_400_000).toISOString()),
);

async function savedTracksServer() {
  server = await startStubServer((req, res) => {
    const offset = Number(req.query.get('offset') ?? 0);
    const limit = Number(req.query.get('limit') ?? 20);
    const next =
      offset + limit < SAVED.length
        ? `${server!.url}/v1/me/tracks?offset=${offset + limit}&limit=${limit}`
        : null;
    sendJson(
      res,
      200,
      offsetPageJson(SAVED.slice(offset, offset + limit), { next, offset, total: SAVED.length }),
    );
  });
  const client = await testClient(server, { alice: {} });
  logs.push(client.logLines);
  return client;
}

describe('offset paging', () => {
  it('collects every page, 50 at a time', async () => {
    const { client } = await savedTracksServer();
    const items = await client.getSavedTracks('alice');
    expect(items.map((i) => i.track.id)).toEqual(SAVED.map((s) => s.track.id));
    expect(apiRequests(server!).map((r) => r.query.get('offset') ?? '0')).toEqual([
      '0',
      '50',
      '100',
    ]);
    expect(apiRequests(server!)[0]!.query.get('limit')).toBe('50');
  });

  it('stops at maxItems and at `since` without fetching more pages', async () => {
    const { client } = await savedTracksServer();
    expect(await client.getSavedTracks('alice', { maxItems: 60 })).toHaveLength(60);
    const since = new Date(SAVED[9]!.added_at);
    const recent = await client.getSavedTracks('alice', { since });
    expect(recent.map((i) => i.track.id)).toEqual(SAVED.slice(0, 10).map((s) => s.track.id));
    expect(apiRequests(server!)).toHaveLength(3); // 2 for maxItems 60, 1 for since
  });

  it('refuses a next link on another origin', async () => {
    server = await startStubServer((_req, res) =>
      sendJson(
        res,
        200,
        offsetPageJson([playlistItemJson('t1')], {
          next: 'http://evil.example/v1/playlists/p1/items?offset=1',
          total: 2,
        }),
      ),
    );
    const { client, logLines } = await testClient(server, { alice: {} });
    logs.push(logLines);
    await expect(client.getPlaylistItems('alice', 'p1')).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      path: 'next',
    });
    expect(apiRequests(server)).toHaveLength(1);
  });

  it('reads 2026 playlist items (under `item`), tracks and episodes alike', async () => {
    const episode = {
      ...playlistItemJson('x'),
      item: { type: 'episode', id: 'e1', name: 'Ep', uri: 'spotify:episode:e1' },
    };
    server = await startStubServer((req, res) => {
      expect(req.pathname).toBe('/v1/playlists/p1/items');
      sendJson(
        res,
        200,
        offsetPageJson([
          playlistItemJson('t1'),
          episode,
          { ...playlistItemJson('t2'), item: null },
        ]),
      );
    });
    const { client, logLines } = await testClient(server, { alice: {} });
    logs.push(logLines);
    const items = await client.getPlaylistItems('alice', 'p1');
    expect(items.map((i) => i.item?.type ?? null)).toEqual(['track', 'episode', null]);
  });
});

describe('cursor paging', () => {
  const PLAYS = Array.from({ length: 8 }, (_, i) =>
    playHistoryJson(`t${i}`, new Date(Date.UTC(2026, 10, 1, 12) - i * 300_000).toISOString()),
  );

  it('follows recently-played `before` cursors to the end', async () => {
    server = await startStubServer((req, res) => {
      const before = Number(req.query.get('before') ?? Infinity);
      const page = PLAYS.filter((p) => Date.parse(p.played_at) < before).slice(0, 3);
      const oldest = page.at(-1);
      const cursor = oldest ? String(Date.parse(oldest.played_at)) : null;
      sendJson(res, 200, {
        href: 'x',
        items: page,
        limit: 3,
        next:
          page.length === 3
            ? `${server!.url}/v1/me/player/recently-played?before=${cursor}&limit=3`
            : null,
        cursors: cursor ? { before: cursor, after: String(Date.parse(page[0]!.played_at)) } : null,
      });
    });
    const { client, logLines } = await testClient(server, { alice: {} });
    logs.push(logLines);
    const plays = await client.getRecentlyPlayed('alice');
    expect(plays.map((p) => p.track.id)).toEqual(PLAYS.map((p) => p.track.id));
  });

  it('with `after`, keeps only newer plays and sends never both cursors', async () => {
    server = await startStubServer((req, res) => {
      expect(req.query.has('after') && req.query.has('before')).toBe(false);
      sendJson(res, 200, {
        href: 'x',
        items: PLAYS.slice(0, 5),
        limit: 50,
        next: null,
        cursors: null,
      });
    });
    const { client, logLines } = await testClient(server, { alice: {} });
    logs.push(logLines);
    const after = Date.parse(PLAYS[3]!.played_at);
    const plays = await client.getRecentlyPlayed('alice', { after });
    expect(plays.map((p) => p.track.id)).toEqual(['t0', 't1', 't2']);
    expect(apiRequests(server)[0]!.query.get('after')).toBe(String(after));
    await expect(
      client.getRecentlyPlayed('alice', { after: 1, before: 2 } as never),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('follows /me/following with after = the last artist id', async () => {
    const ARTISTS = Array.from({ length: 7 }, (_, i) => artistJson(`a${i}`));
    server = await startStubServer((req, res) => {
      expect(req.query.get('type')).toBe('artist');
      const after = req.query.get('after');
      const start = after ? ARTISTS.findIndex((a) => a.id === after) + 1 : 0;
      const items = ARTISTS.slice(start, start + 3);
      sendJson(res, 200, {
        artists: {
          href: 'x',
          items,
          limit: 3,
          next: null,
          total: ARTISTS.length,
          cursors: { after: items.at(-1)?.id ?? null },
        },
      });
    });
    const { client, logLines } = await testClient(server, { alice: {} });
    logs.push(logLines);
    const artists = await client.getFollowedArtists('alice');
    expect(artists.map((a) => a.id)).toEqual(ARTISTS.map((a) => a.id));
    expect(apiRequests(server).map((r) => r.query.get('after'))).toEqual([null, 'a2', 'a5']);
  });
});

describe('search', () => {
  it('asks for the types given, 10 per page, and validates each result list', async () => {
    server = await startStubServer((req, res) => {
      if (req.pathname === '/api/token')
        return sendJson(res, 200, { access_token: 'sekrit-app', expires_in: 3600 });
      sendJson(res, 200, {
        tracks: offsetPageJson([trackJson('t1')]),
        artists: offsetPageJson([artistJson('a1')]),
      });
    });
    const { client, logLines } = await testClient(server);
    logs.push(logLines);
    const result = await client.search('daft punk', ['track', 'artist']);
    expect(result.tracks?.items[0]?.id).toBe('t1');
    const request = apiRequests(server)[0]!;
    expect(request.pathname).toBe('/v1/search');
    expect(Object.fromEntries(request.query)).toEqual({
      q: 'daft punk',
      type: 'track,artist',
      limit: '10',
    });
  });
});
