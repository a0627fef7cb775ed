import type { FastifyInstance } from 'fastify';
import {
  chartArtistShare,
  chartDate,
  chartEntries,
  chartLongest,
  chartRankHistory,
  listCharts,
  listPlaylists,
  playlistPositionHistory,
  type PageRequest,
} from '@spotify-insights/warehouse';
import { sendCached } from '../cache/send-cached.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors/api-error.ts';
import { MAX_PAGE_SIZE, errorResponse, pageOf, pageQuery } from '../params/schemas.ts';

const int = { type: 'integer' };
const num = { type: 'number' };
const str = { type: 'string' };
const nullableString = { type: ['string', 'null'] };
const nullableInt = { type: ['integer', 'null'] };
const obj = (properties: Record<string, object>) => ({ type: 'object', properties });
const errors = { 400: errorResponse, 404: errorResponse };

const chartParams = {
  type: 'object',
  required: ['chart'],
  additionalProperties: false,
  properties: {
    chart: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'chart name, e.g. regional-global-daily',
    },
  },
} as const;
const dateQuery = {
  date: {
    type: 'string',
    format: 'date',
    description: 'a chart date (YYYY-MM-DD); default: the latest',
  },
} as const;
const query = (properties: Record<string, object>) => ({
  type: 'object',
  additionalProperties: false,
  properties,
});
const track = { spotifyTrackId: str, trackName: str, artistNames: nullableString };
const series = {
  type: 'array',
  items: obj({
    ...track,
    points: { type: 'array', items: obj({ date: str, rank: int }) },
  }),
};
const entry = obj({
  ...track,
  rank: int,
  previousRank: nullableInt,
  change: { type: ['integer', 'null'], description: 'previous rank - rank (positive: climbed)' },
  isDebut: { type: 'boolean', description: 'never on this chart before' },
  streams: nullableInt,
});
const entriesPage = {
  ...pageOf(entry),
  properties: {
    ...(pageOf(entry) as { properties: object }).properties,
    date: str,
    previousDate: nullableString,
  },
};

type ChartRequest<Q> = { Params: { chart: string }; Querystring: Q };

/** Chart and playlist trends: rank history, new entries, movers, longest on chart, artist share. */
export function registerChartRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const dateOrNotFound = async (chart: string, date: string | undefined) => {
    const at = await chartDate(deps.reader, chart, date);
    if (!at)
      throw new ApiError(
        'NOT_FOUND',
        date
          ? `chart ${JSON.stringify(chart)} has no entries on ${date}`
          : `no chart ${JSON.stringify(chart)}`,
      );
    return at;
  };

  app.get(
    '/api/charts',
    {
      schema: {
        tags: ['charts'],
        summary: 'The charts in the warehouse, with their date span',
        response: {
          200: obj({
            items: {
              type: 'array',
              items: obj({
                chartName: str,
                dates: int,
                firstDate: str,
                lastDate: str,
                tracks: int,
                sources: { type: 'array', items: str },
              }),
            },
          }),
        },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, async () => ({ items: await listCharts(deps.reader) })),
  );

  app.get<ChartRequest<{ trackId?: string; limit: number }>>(
    '/api/charts/:chart/rank-history',
    {
      schema: {
        tags: ['charts'],
        summary: 'Rank over time of one track (trackId), or of the top tracks of the latest date',
        params: chartParams,
        querystring: query({
          trackId: {
            type: 'string',
            minLength: 1,
            maxLength: 64,
            description: 'a Spotify track id',
          },
          limit: {
            ...pageQuery.limit,
            description: `tracks from the latest top (at most ${MAX_PAGE_SIZE})`,
          },
        }),
        response: { 200: obj({ chartName: str, tracks: series }), ...errors },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, async () => {
        const { chart } = request.params;
        await dateOrNotFound(chart, undefined);
        const tracks = await chartRankHistory(deps.reader, chart, {
          spotifyTrackId: request.query.trackId,
          limit: request.query.limit,
        });
        if (request.query.trackId && tracks.length === 0)
          throw new ApiError(
            'NOT_FOUND',
            `track ${JSON.stringify(request.query.trackId)} was never on ${JSON.stringify(chart)}`,
          );
        return { chartName: chart, tracks };
      }),
  );

  const entryRoutes = [
    {
      path: 'new-entries',
      filter: 'new',
      summary: 'Entries not on the chart’s previous date (isDebut: never before)',
    },
    {
      path: 'movers',
      filter: 'movers',
      summary: 'Biggest movers since the previous date: direction=up (climbers) or down',
    },
  ] as const;
  for (const route of entryRoutes) {
    app.get<ChartRequest<{ date?: string; direction?: 'up' | 'down' } & PageRequest>>(
      `/api/charts/:chart/${route.path}`,
      {
        schema: {
          tags: ['charts'],
          summary: route.summary,
          params: chartParams,
          querystring: query({
            ...dateQuery,
            ...(route.filter === 'movers'
              ? { direction: { type: 'string', enum: ['up', 'down'], default: 'up' } }
              : {}),
            ...pageQuery,
          }),
          response: { 200: entriesPage, ...errors },
        },
      },
      (request, reply) =>
        sendCached(deps, request, reply, async () => {
          const { chart } = request.params;
          const at = await dateOrNotFound(chart, request.query.date);
          const filter = route.filter === 'new' ? 'new' : (request.query.direction ?? 'up');
          const { limit, offset } = request.query;
          return chartEntries(deps.reader, chart, at, filter, { limit, offset });
        }),
    );
  }

  app.get<ChartRequest<PageRequest>>(
    '/api/charts/:chart/longest',
    {
      schema: {
        tags: ['charts'],
        summary: 'Longest on the chart: tracks by dates on it, then peak rank',
        params: chartParams,
        querystring: query({ ...pageQuery }),
        response: {
          200: pageOf(
            obj({ ...track, rank: int, dates: int, peakRank: int, firstDate: str, lastDate: str }),
          ),
          ...errors,
        },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, async () => {
        const { chart } = request.params;
        await dateOrNotFound(chart, undefined);
        const { limit, offset } = request.query;
        return chartLongest(deps.reader, chart, { limit, offset });
      }),
  );

  app.get<ChartRequest<{ date?: string } & PageRequest>>(
    '/api/charts/:chart/artist-share',
    {
      schema: {
        tags: ['charts'],
        summary:
          'Each artist’s share of the chart’s positions (and streams), on a date or over all dates',
        params: chartParams,
        querystring: query({
          date: {
            type: 'string',
            format: 'date',
            description: 'one chart date; default: all dates',
          },
          ...pageQuery,
        }),
        response: {
          200: pageOf(
            obj({
              rank: int,
              spotifyArtistId: str,
              artistName: str,
              entries: int,
              share: num,
              streamShare: { type: ['number', 'null'] },
            }),
          ),
          ...errors,
        },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, async () => {
        const { chart } = request.params;
        const at = await dateOrNotFound(chart, request.query.date);
        const { limit, offset } = request.query;
        return chartArtistShare(deps.reader, chart, request.query.date ? at.dateKey : null, {
          limit,
          offset,
        });
      }),
  );

  app.get<{ Querystring: PageRequest }>(
    '/api/playlists',
    {
      schema: {
        tags: ['charts'],
        summary: 'Tracked playlists and how many daily snapshots the warehouse has of each',
        querystring: query({ ...pageQuery }),
        response: {
          200: pageOf(
            obj({
              spotifyPlaylistId: str,
              playlistName: str,
              ownerName: nullableString,
              snapshots: int,
              lastSnapshotDate: nullableString,
              itemsTotal: nullableInt,
            }),
          ),
          ...errors,
        },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, () =>
        listPlaylists(deps.reader, { limit: request.query.limit, offset: request.query.offset }),
      ),
  );

  app.get<{ Params: { playlistId: string }; Querystring: { limit: number } }>(
    '/api/playlists/:playlistId/rank-history',
    {
      schema: {
        tags: ['charts'],
        summary:
          'Positions (1 = first) over the daily snapshots, for the first tracks of the latest one',
        params: {
          type: 'object',
          required: ['playlistId'],
          additionalProperties: false,
          properties: { playlistId: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        querystring: query({ limit: pageQuery.limit }),
        response: { 200: obj({ spotifyPlaylistId: str, tracks: series }), ...errors },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, async () => {
        const tracks = await playlistPositionHistory(
          deps.reader,
          request.params.playlistId,
          request.query.limit,
        );
        if (!tracks)
          throw new ApiError(
            'NOT_FOUND',
            `no playlist ${JSON.stringify(request.params.playlistId)}`,
          );
        return { spotifyPlaylistId: request.params.playlistId, tracks };
      }),
  );
}
