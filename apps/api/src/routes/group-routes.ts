import type { FastifyInstance } from 'fastify';
import {
  connectedUserIds,
  groupCompatibility,
  groupLeaderboard,
  groupRecommendations,
  groupShared,
  groupTop,
  resolvePeriod,
  type PageRequest,
  type ZonedPeriod,
} from '@spotify-insights/warehouse';
import { sendCached } from '../cache/send-cached.ts';
import type { ApiDeps } from '../deps.ts';
import { periodRequest, type PeriodQuery } from '../params/period-params.ts';
import {
  errorResponse,
  pageOf,
  pagedPeriodQuery,
  periodQuery,
  userParams,
} from '../params/schemas.ts';
import { resolveUserPeriod } from './user-routes.ts';

export const COMPATIBILITY_FORMULA =
  'score(a, b) = Σ_x min(s_a(x), s_b(x)) / Σ_x max(s_a(x), s_b(x)), where s_u(x) is artist x’s share of member u’s streams in the range (a track credits each of its artists): the weighted Jaccard (Ruzicka) similarity of the two artist mixes, 1 = the same artists in the same proportions, 0 = none in common.';

const int = { type: 'integer' };
const num = { type: 'number' };
const str = { type: 'string' };
const nullableString = { type: ['string', 'null'] };
const obj = (properties: Record<string, object>) => ({ type: 'object', properties });
const strings = { type: 'array', items: str };
const errors = { 400: errorResponse };

/** The connected members and the range as instants (UTC days unless tz). */
async function groupContext(deps: ApiDeps, query: PeriodQuery) {
  const [members, period] = await Promise.all([
    connectedUserIds(deps.owner),
    resolvePeriod(deps.reader, periodRequest(query, deps.now?.() ?? new Date())),
  ]);
  return { members, period };
}

const periodEcho = (period: ZonedPeriod) => ({
  from: period.fromTs,
  to: period.toTs,
  timeZone: period.timeZone,
});

/** The friend group: who listened most, what they share, how alike they are, what to try. */
export function registerGroupRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: PeriodQuery }>(
    '/api/group',
    {
      schema: {
        tags: ['group'],
        summary: 'The members (connected accounts, at most 5) and who listened most',
        querystring: periodQuery,
        response: {
          200: obj({
            members: strings,
            timeZone: str,
            leaderboard: {
              type: 'array',
              items: obj({
                rank: int,
                spotifyUserId: str,
                displayName: nullableString,
                minutes: num,
                plays: int,
                streams: int,
                distinctTracks: int,
                distinctArtists: int,
              }),
            },
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { members, period } = await groupContext(deps, request.query);
      return sendCached(
        deps,
        request,
        reply,
        async () => ({
          members,
          ...periodEcho(period),
          leaderboard: await groupLeaderboard(deps.reader, members, period),
        }),
        members.join(','),
      );
    },
  );

  const shared = obj({
    rank: int,
    spotifyId: str,
    name: str,
    artistNames: nullableString,
    listeners: { type: 'integer', description: 'members who streamed it' },
    streams: int,
    byMember: { type: 'array', items: obj({ spotifyUserId: str, streams: int }) },
  });
  const top = obj({
    rank: int,
    spotifyId: str,
    name: str,
    artistNames: nullableString,
    streams: int,
    minutes: num,
    listeners: int,
  });
  for (const kind of ['artists', 'tracks'] as const) {
    app.get<{ Querystring: PeriodQuery & PageRequest }>(
      `/api/group/shared/${kind}`,
      {
        schema: {
          tags: ['group'],
          summary: `${kind === 'artists' ? 'Artists' : 'Tracks'} streamed by at least two members, most shared first`,
          querystring: pagedPeriodQuery,
          response: { 200: pageOf(shared), ...errors },
        },
      },
      async (request, reply) => {
        const { members, period } = await groupContext(deps, request.query);
        const { limit, offset } = request.query;
        return sendCached(
          deps,
          request,
          reply,
          () => groupShared(deps.reader, kind, members, period, { limit, offset }),
          members.join(','),
        );
      },
    );
    app.get<{ Querystring: PeriodQuery & PageRequest }>(
      `/api/group/top/${kind}`,
      {
        schema: {
          tags: ['group'],
          summary: `The group's top ${kind}: all members' streams added up`,
          querystring: pagedPeriodQuery,
          response: { 200: pageOf(top), ...errors },
        },
      },
      async (request, reply) => {
        const { members, period } = await groupContext(deps, request.query);
        const { limit, offset } = request.query;
        return sendCached(
          deps,
          request,
          reply,
          () => groupTop(deps.reader, kind, members, period, { limit, offset }),
          members.join(','),
        );
      },
    );
  }

  app.get<{ Querystring: PeriodQuery }>(
    '/api/group/compatibility',
    {
      schema: {
        tags: ['group'],
        summary: 'Pairwise compatibility of the members’ artist mixes (weighted Jaccard, 0-1)',
        description: COMPATIBILITY_FORMULA,
        querystring: periodQuery,
        response: {
          200: obj({
            formula: str,
            pairs: {
              type: 'array',
              items: obj({
                a: str,
                b: str,
                score: num,
                sharedArtists: int,
                topSharedArtists: strings,
              }),
            },
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { members, period } = await groupContext(deps, request.query);
      return sendCached(
        deps,
        request,
        reply,
        async () => ({
          formula: COMPATIBILITY_FORMULA,
          ...periodEcho(period),
          pairs: await groupCompatibility(deps.reader, members, period),
        }),
        members.join(','),
      );
    },
  );

  app.get<{ Params: { userId: string }; Querystring: PeriodQuery & PageRequest }>(
    '/api/users/:userId/recommendations',
    {
      schema: {
        tags: ['group', 'user'],
        summary:
          'Tracks the other members streamed in the range that this user never played, most friends first',
        params: userParams,
        querystring: pagedPeriodQuery,
        response: {
          200: pageOf(
            obj({
              rank: int,
              spotifyTrackId: str,
              trackName: str,
              artistNames: nullableString,
              friends: int,
              friendStreams: int,
              because: strings,
            }),
          ),
          ...errors,
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const { userId } = request.params;
      const members = await connectedUserIds(deps.owner);
      return sendCached(
        deps,
        request,
        reply,
        async () => {
          // the friends' range in the user's own zone; USER_NOT_FOUND for strangers
          const period = await resolveUserPeriod(deps, userId, request.query);
          const { limit, offset } = request.query;
          return groupRecommendations(deps.reader, userId, members, period, { limit, offset });
        },
        members.join(','),
      );
    },
  );
}
