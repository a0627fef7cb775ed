import type { FastifyInstance } from 'fastify';
import {
  findUserPeriod,
  userOverview,
  userTopAlbums,
  userTopArtists,
  userTopTracks,
  type PageRequest,
  type UserPeriod,
} from '@spotify-insights/warehouse';
import { sendCached } from '../cache/send-cached.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError } from '../errors/api-error.ts';
import { periodRequest, type PeriodQuery } from '../params/period-params.ts';
import {
  dateTime,
  errorResponse,
  pageOf,
  pagedPeriodQuery,
  periodQuery,
  userParams,
} from '../params/schemas.ts';

type UserRequest<Q> = { Params: { userId: string }; Querystring: Q };

const counts = {
  rank: { type: 'integer' },
  plays: { type: 'integer' },
  streams: { type: 'integer', description: 'plays of at least 30 s' },
  minutes: { type: 'number' },
};
const topItem = (properties: Record<string, object>) => ({
  type: 'object',
  properties: { ...counts, ...properties },
});
const nullableString = { type: ['string', 'null'] };

const errors = { 400: errorResponse, 404: errorResponse };

/** The user and their period, or USER_NOT_FOUND. */
export async function resolveUserPeriod(
  deps: ApiDeps,
  userId: string,
  query: PeriodQuery,
): Promise<UserPeriod> {
  const period = await findUserPeriod(
    deps.reader,
    userId,
    periodRequest(query, deps.now?.() ?? new Date()),
  );
  if (!period)
    throw new ApiError('USER_NOT_FOUND', `no user ${JSON.stringify(userId)} in the warehouse`);
  return period;
}

/** Overview and top lists of one listener over a range. */
export function registerUserRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<UserRequest<PeriodQuery>>(
    '/api/users/:userId/overview',
    {
      schema: {
        tags: ['user'],
        summary: 'Minutes, plays, streams and distinct tracks/artists/albums over a range',
        params: userParams,
        querystring: periodQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              userId: { type: 'string' },
              range: { type: 'string' },
              from: dateTime,
              to: dateTime,
              timeZone: { type: 'string' },
              plays: { type: 'integer' },
              streams: { type: 'integer' },
              minutes: { type: 'number' },
              distinctTracks: { type: 'integer' },
              distinctArtists: { type: 'integer' },
              distinctAlbums: { type: 'integer' },
              podcastPlays: { type: 'integer' },
              podcastMinutes: { type: 'number' },
              firstPlayedAt: dateTime,
              lastPlayedAt: dateTime,
            },
          },
          ...errors,
        },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, async () => {
        const period = await resolveUserPeriod(deps, request.params.userId, request.query);
        return {
          ...periodEcho(period, request.query),
          ...(await userOverview(deps.reader, period)),
        };
      }),
  );

  const tops = [
    {
      kind: 'tracks',
      query: userTopTracks,
      item: topItem({
        spotifyTrackId: { type: 'string' },
        trackName: { type: 'string' },
        artistNames: nullableString,
        albumName: nullableString,
      }),
    },
    {
      kind: 'artists',
      query: userTopArtists,
      item: topItem({ spotifyArtistId: { type: 'string' }, artistName: { type: 'string' } }),
    },
    {
      kind: 'albums',
      query: userTopAlbums,
      item: topItem({
        spotifyAlbumId: { type: 'string' },
        albumName: { type: 'string' },
        artistNames: nullableString,
      }),
    },
  ] as const;
  for (const top of tops) {
    app.get<UserRequest<PeriodQuery & PageRequest>>(
      `/api/users/:userId/top/${top.kind}`,
      {
        schema: {
          tags: ['user'],
          summary: `Top ${top.kind} over a range, ranked by streams then minutes`,
          params: userParams,
          querystring: pagedPeriodQuery,
          response: { 200: pageOf(top.item), ...errors },
        },
      },
      (request, reply) =>
        sendCached(deps, request, reply, async () => {
          const period = await resolveUserPeriod(deps, request.params.userId, request.query);
          const { limit, offset } = request.query;
          return top.query(deps.reader, period, { limit, offset });
        }),
    );
  }
}

function periodEcho(period: UserPeriod, query: PeriodQuery) {
  return {
    userId: period.spotifyUserId,
    range: query.range ?? 'all',
    from: period.fromTs,
    to: period.toTs,
    timeZone: period.timeZone,
  };
}
