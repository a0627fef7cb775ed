import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveAggregator, type LivePlay } from '@spotify-insights/live';
import { createLogger } from '@spotify-insights/logging';
import { registerErrorHandling } from '../errors/error-handler.ts';
import { registerLiveRoutes } from './live-routes.ts';
import { createApiFastify } from '../server.ts';

const T0 = Date.parse('2024-03-01T12:00:00Z');
const MINUTE = 60_000;

const play = (minutes: number, trackId: string, user = 'ana'): LivePlay => ({
  userId: user,
  playedAt: T0 + minutes * MINUTE,
  trackId,
  trackName: `Song ${trackId}`,
  artists: [{ name: `Artist ${trackId}`, id: null }],
});

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The live routes on a fastify like the API's (same ajv options, same error handling). */
async function liveApp(aggregator: LiveAggregator, streamIntervalMs = 50) {
  const server = createApiFastify();
  registerErrorHandling(
    server,
    createLogger('live-routes-test', { level: 'error', write: () => {} }),
  );
  registerLiveRoutes(server, { aggregator, streamIntervalMs });
  await server.ready();
  app = server;
  return server;
}

describe('GET /api/top-songs and /api/top-artists', () => {
  it('answer the window’s ranking, everyone or one user', async () => {
    const aggregator = new LiveAggregator();
    for (const p of [play(0, 'a'), play(1, 'a'), play(2, 'b', 'ben'), play(9, 'c')])
      aggregator.add(p);
    const server = await liveApp(aggregator);

    const all = await server.inject({ url: '/api/top-songs?window=all&limit=2' });
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({
      window: 'all',
      userId: null,
      watermark: '2024-03-01T12:09:00.000Z',
      windowStart: null,
      plays: 4,
      songs: [
        { rank: 1, trackId: 'a', trackName: 'Song a', artists: ['Artist a'], plays: 2 },
        { rank: 2, trackId: 'b', trackName: 'Song b', artists: ['Artist b'], plays: 1 },
      ],
    });

    const recent = await server.inject({ url: '/api/top-songs?window=5m' });
    expect(recent.json()).toMatchObject({
      window: '5m',
      windowStart: '2024-03-01T12:04:00.000Z',
      plays: 1,
      songs: [{ rank: 1, trackId: 'c' }],
    });

    const ben = await server.inject({ url: '/api/top-artists?window=1h&user=ben' });
    expect(ben.json()).toEqual({
      window: '1h',
      userId: 'ben',
      watermark: '2024-03-01T12:02:00.000Z',
      windowStart: '2024-03-01T11:02:00.000Z',
      plays: 1,
      artists: [{ rank: 1, name: 'Artist b', artistId: null, plays: 1 }],
    });

    const nobody = await server.inject({ url: '/api/top-artists?user=nobody' });
    expect(nobody.json()).toMatchObject({ window: '5m', watermark: null, plays: 0, artists: [] });
  });

  it('refuse bad parameters with the API’s error shape', async () => {
    const server = await liveApp(new LiveAggregator());
    for (const url of [
      '/api/top-songs?window=2m',
      '/api/top-songs?limit=0',
      '/api/top-songs?limit=51',
      '/api/top-artists?limit=ten',
      '/api/top-artists?user=',
      '/api/top-songs?colour=blue',
      '/api/live/stream?window=week',
    ]) {
      const res = await server.inject({ url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toEqual({
        error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^querystring/) },
      });
    }
  });
});

/** Reads server-sent events from a real connection. */
function openStream(url: string) {
  const events: Array<{ event: string; data: unknown; at: number }> = [];
  let response: IncomingMessage | undefined;
  const waiters: Array<() => void> = [];
  const ready = new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest(url, (res) => {
      response = res;
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data), at: Date.now() });
        }
        for (const w of waiters.splice(0)) w();
      });
      resolve(res);
    });
    req.on('error', reject);
    req.end();
  });
  const waitFor = async (predicate: () => boolean, ms = 5_000) => {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for events');
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  return { events, ready, waitFor, close: () => response?.destroy() };
}

describe('GET /api/live/stream', () => {
  it('sends the ranking at once, then throttled updates only when it changed, with each play', async () => {
    const aggregator = new LiveAggregator();
    aggregator.add(play(0, 'a'));
    const server = await liveApp(aggregator, 100);
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    const stream = openStream(`${address}/api/live/stream?window=5m&limit=3&plays=true`);
    const res = await stream.ready;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);

    await stream.waitFor(() => stream.events.length >= 1);
    expect(stream.events[0]).toMatchObject({
      event: 'top',
      data: { window: '5m', plays: 1, songs: [{ trackId: 'a', plays: 1 }], grains: [] },
    });

    // A burst of plays: one update carries them all, after their `play` events.
    const burst = [play(1, 'b'), play(2, 'b'), play(3, 'c')];
    for (const p of burst) aggregator.add(p);
    await stream.waitFor(() => stream.events.filter((e) => e.event === 'top').length >= 2);
    const kinds = stream.events.map((e) => e.event);
    expect(kinds).toEqual(['top', 'play', 'play', 'play', 'top']);
    const update = stream.events[4]!.data as { songs: unknown[]; grains: string[]; plays: number };
    expect(update.plays).toBe(4);
    expect(update.songs).toEqual([
      { trackId: 'b', trackName: 'Song b', artists: ['Artist b'], plays: 2 },
      { trackId: 'a', trackName: 'Song a', artists: ['Artist a'], plays: 1 },
      { trackId: 'c', trackName: 'Song c', artists: ['Artist c'], plays: 1 },
    ]);
    expect(update.grains).toHaveLength(3);
    expect(stream.events[1]!.data).toMatchObject({
      userId: 'ana',
      trackId: 'b',
      playedAt: '2024-03-01T12:01:00.000Z',
      grain: update.grains[0],
    });

    // A duplicate changes nothing: no event at all.
    aggregator.add(play(3, 'c'));
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(stream.events).toHaveLength(5);
    stream.close();
  });

  it('follows one user only, and the server closes open streams when it stops', async () => {
    const aggregator = new LiveAggregator();
    const server = await liveApp(aggregator, 50);
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    const stream = openStream(`${address}/api/live/stream?window=all&user=ben&plays=true`);
    const res = await stream.ready;
    await stream.waitFor(() => stream.events.length >= 1);
    expect(stream.events[0]!.data).toMatchObject({ userId: 'ben', plays: 0, songs: [] });

    aggregator.add(play(0, 'x', 'ana'));
    aggregator.add(play(1, 'y', 'ben'));
    await stream.waitFor(() => stream.events.filter((e) => e.event === 'top').length >= 2);
    expect(stream.events.filter((e) => e.event === 'play').map((e) => e.data)).toEqual([
      expect.objectContaining({ userId: 'ben', trackId: 'y' }),
    ]);

    const ended = new Promise<void>((resolve) => res.on('end', resolve));
    await server.close();
    app = undefined;
    await ended;
  });
});
