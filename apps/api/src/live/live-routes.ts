import type { FastifyInstance } from 'fastify';
import { LiveUpdateHub, type LiveAggregator } from '@spotify-insights/live';
import { errorResponse } from '../params/schemas.ts';
import {
  streamQuerySchema,
  topArtistsResponse,
  topQuerySchema,
  topSongsResponse,
} from './live-schemas.ts';

export interface LiveRouteDeps {
  aggregator: LiveAggregator;
  /** How often a stream may get an update (ms); default 150. */
  streamIntervalMs?: number;
}

interface TopQuery {
  window: string;
  limit: number;
  user?: string;
}

const ranked = <T>(items: T[]) => items.map((item, i) => ({ rank: i + 1, ...item }));

/**
 * The live top-N from the stream aggregator (libs/live): `GET /api/top-songs`,
 * `GET /api/top-artists` and the server-sent events of `GET /api/live/stream`. The
 * aggregator is fed by its Kafka consumer, started by whoever builds the server.
 */
export function registerLiveRoutes(app: FastifyInstance, deps: LiveRouteDeps): void {
  const { aggregator } = deps;
  const windows = aggregator.windowNames;
  const hub = new LiveUpdateHub(aggregator, { intervalMs: deps.streamIntervalMs ?? 150 });
  // Streams never end on their own: end them before the server waits for its connections.
  app.addHook('preClose', (done) => {
    hub.close();
    done();
  });

  const snapshotOf = (query: TopQuery) =>
    aggregator.snapshot({ window: query.window, limit: query.limit, userId: query.user });

  app.get<{ Querystring: TopQuery }>(
    '/api/top-songs',
    {
      schema: {
        tags: ['live'],
        summary: 'Live top songs over a sliding event-time window (or all), everyone or one user',
        querystring: topQuerySchema(windows),
        response: { 200: topSongsResponse, 400: errorResponse },
      },
    },
    async (request) => {
      const { artists: _, songs, ...state } = snapshotOf(request.query);
      return { ...state, songs: ranked(songs) };
    },
  );

  app.get<{ Querystring: TopQuery }>(
    '/api/top-artists',
    {
      schema: {
        tags: ['live'],
        summary: 'Live top artists over a sliding event-time window (or all), everyone or one user',
        querystring: topQuerySchema(windows),
        response: { 200: topArtistsResponse, 400: errorResponse },
      },
    },
    async (request) => {
      const { songs: _, artists, ...state } = snapshotOf(request.query);
      return { ...state, artists: ranked(artists) };
    },
  );

  app.get<{ Querystring: TopQuery & { plays: boolean } }>(
    '/api/live/stream',
    {
      schema: {
        tags: ['live'],
        summary:
          'Server-sent events: `top` (the window’s songs and artists) at once, then at most every 150 ms when it changed; with plays=true a `play` event per play counted',
        querystring: streamQuerySchema(windows),
        response: { 400: errorResponse },
      },
    },
    (request, reply) => {
      // The response is written by the hub from here on, not by fastify.
      reply.hijack();
      const { window, limit, user, plays } = request.query;
      hub.open(reply.raw, { window, limit, userId: user, plays });
    },
  );
}
