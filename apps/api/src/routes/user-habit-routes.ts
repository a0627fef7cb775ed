import type { FastifyInstance } from 'fastify';
import {
  userDiscoveries,
  userGenres,
  userListeningClock,
  userMonthlyEvolution,
  userPodcasts,
  userSessions,
  userStreaks,
  type PageRequest,
} from '@spotify-insights/warehouse';
import { sendCached } from '../cache/send-cached.ts';
import type { ApiDeps } from '../deps.ts';
import type { PeriodQuery } from '../params/period-params.ts';
import {
  dateTime,
  errorResponse,
  pageOf,
  pageOnlyQuery,
  pagedPeriodQuery,
  periodQuery,
  userParams,
} from '../params/schemas.ts';
import { resolveUserPeriod } from './user-routes.ts';

type UserRequest<Q> = { Params: { userId: string }; Querystring: Q };
const errors = { 400: errorResponse, 404: errorResponse };
const int = { type: 'integer' };
const num = { type: 'number' };
const str = { type: 'string' };
const obj = (properties: Record<string, object>) => ({ type: 'object', properties });

const session = obj({
  startedAt: dateTime,
  endedAt: dateTime,
  durationMinutes: num,
  plays: int,
  musicMinutes: num,
  podcastMinutes: num,
});
const streak = obj({ startedOn: str, endedOn: str, days: int, isCurrent: { type: 'boolean' } });
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });

/** The habits of one listener: clock, months, sessions, streaks, discoveries, podcasts, genres. */
export function registerUserHabitRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<UserRequest<PeriodQuery>>(
    '/api/users/:userId/clock',
    {
      schema: {
        tags: ['user'],
        summary: 'Listening clock: plays per local weekday (1 = Monday) and hour, all 168 cells',
        params: userParams,
        querystring: periodQuery,
        response: {
          200: obj({
            timeZone: str,
            cells: {
              type: 'array',
              items: obj({ weekday: int, hour: int, plays: int, streams: int, minutes: num }),
            },
          }),
          ...errors,
        },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, async () => {
        const period = await resolveUserPeriod(deps, request.params.userId, request.query);
        return { timeZone: period.timeZone, cells: await userListeningClock(deps.reader, period) };
      }),
  );

  app.get<UserRequest<PeriodQuery>>(
    '/api/users/:userId/monthly',
    {
      schema: {
        tags: ['user'],
        summary: 'Monthly evolution: music and podcast listening per local month',
        params: userParams,
        querystring: periodQuery,
        response: {
          200: obj({
            timeZone: str,
            months: {
              type: 'array',
              items: obj({
                month: str,
                plays: int,
                streams: int,
                minutes: num,
                distinctTracks: int,
                podcastMinutes: num,
              }),
            },
          }),
          ...errors,
        },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, async () => {
        const period = await resolveUserPeriod(deps, request.params.userId, request.query);
        return {
          timeZone: period.timeZone,
          months: await userMonthlyEvolution(deps.reader, period),
        };
      }),
  );

  app.get<UserRequest<PeriodQuery & PageRequest>>(
    '/api/users/:userId/sessions',
    {
      schema: {
        tags: ['user'],
        summary: 'Listening sessions (a gap over 10 minutes starts a new one), latest first',
        params: userParams,
        querystring: pagedPeriodQuery,
        response: {
          200: {
            ...pageOf(session),
            properties: {
              ...(pageOf(session) as { properties: object }).properties,
              sessions: int,
              averageMinutes: num,
              longest: nullable(session),
            },
          },
          ...errors,
        },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, async () => {
        const period = await resolveUserPeriod(deps, request.params.userId, request.query);
        const { limit, offset } = request.query;
        return userSessions(deps.reader, period, { limit, offset });
      }),
  );

  app.get<UserRequest<PageRequest>>(
    '/api/users/:userId/streaks',
    {
      schema: {
        tags: ['user'],
        summary: 'Streaks: runs of local days with a stream, longest first, and the current one',
        params: userParams,
        querystring: pageOnlyQuery,
        response: {
          200: {
            ...pageOf(streak),
            properties: {
              ...(pageOf(streak) as { properties: object }).properties,
              longest: nullable(streak),
              current: nullable(streak),
            },
          },
          ...errors,
        },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, async () => {
        const period = await resolveUserPeriod(deps, request.params.userId, {});
        const { limit, offset } = request.query;
        return userStreaks(deps.reader, period.userKey, { limit, offset });
      }),
  );

  const discovery = obj({
    spotifyTrackId: str,
    trackName: str,
    artistNames: { type: ['string', 'null'] },
    firstPlayedAt: dateTime,
    plays: int,
  });
  app.get<UserRequest<PeriodQuery & PageRequest>>(
    '/api/users/:userId/discovery',
    {
      schema: {
        tags: ['user'],
        summary: 'First listens: tracks and artists heard for the first time ever in the range',
        params: userParams,
        querystring: pagedPeriodQuery,
        response: {
          200: {
            ...pageOf(discovery),
            properties: {
              ...(pageOf(discovery) as { properties: object }).properties,
              newTracks: int,
              newArtists: int,
            },
          },
          ...errors,
        },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, async () => {
        const period = await resolveUserPeriod(deps, request.params.userId, request.query);
        const { limit, offset } = request.query;
        return userDiscoveries(deps.reader, period, { limit, offset });
      }),
  );

  app.get<UserRequest<PeriodQuery & PageRequest>>(
    '/api/users/:userId/podcasts',
    {
      schema: {
        tags: ['user'],
        summary: 'Podcast shows, most listened first (counted apart from music)',
        params: userParams,
        querystring: pagedPeriodQuery,
        response: {
          200: pageOf(
            obj({ showName: str, plays: int, episodes: int, minutes: num, lastPlayedAt: dateTime }),
          ),
          ...errors,
        },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, async () => {
        const period = await resolveUserPeriod(deps, request.params.userId, request.query);
        const { limit, offset } = request.query;
        return userPodcasts(deps.reader, period, { limit, offset });
      }),
  );

  const genre = obj({ genre: str, streams: int, share: num });
  app.get<UserRequest<PeriodQuery & PageRequest>>(
    '/api/users/:userId/genres',
    {
      schema: {
        tags: ['user'],
        summary:
          'Genres by streams, where the data has them (available: false when no artist has any)',
        params: userParams,
        querystring: pagedPeriodQuery,
        response: {
          200: {
            ...pageOf(genre),
            properties: {
              ...(pageOf(genre) as { properties: object }).properties,
              available: { type: 'boolean' },
            },
          },
          ...errors,
        },
      },
    },
    (request, reply) =>
      sendCached(deps, request, reply, async () => {
        const period = await resolveUserPeriod(deps, request.params.userId, request.query);
        const { limit, offset } = request.query;
        return userGenres(deps.reader, period, { limit, offset });
      }),
  );
}
