/*
 * JSON schemas of the live routes: fastify validates the query with them (a bad window
 * or limit is VALIDATION_FAILED in the API's error shape) and @fastify/swagger documents
 * them. The window names come from the aggregator, so the enum is what it can answer.
 */

export const MAX_LIVE_LIMIT = 50;

const nullableString = { type: ['string', 'null'] } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;

export function topQuerySchema(windows: readonly string[]) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      window: {
        type: 'string',
        enum: [...windows],
        default: windows[0],
        description:
          'sliding window of event time ending at the latest play seen (e.g. 5m, 1h), or all: every play since the aggregator started',
      },
      limit: {
        type: 'integer',
        minimum: 1,
        maximum: MAX_LIVE_LIMIT,
        default: 10,
        description: `how many (at most ${MAX_LIVE_LIMIT})`,
      },
      user: {
        type: 'string',
        minLength: 1,
        maxLength: 128,
        description: 'one Spotify user id; everyone when absent',
      },
    },
  } as const;
}

export function streamQuerySchema(windows: readonly string[]) {
  const top = topQuerySchema(windows);
  return {
    ...top,
    properties: {
      ...top.properties,
      plays: {
        type: 'boolean',
        default: false,
        description:
          'also send a `play` event per play counted, and in each `top` event the grains it is the first to include (latency measurements)',
      },
    },
  } as const;
}

const windowState = {
  window: { type: 'string' },
  userId: nullableString,
  watermark: { ...nullableDateTime, description: 'latest event time (played_at) seen' },
  windowStart: { ...nullableDateTime, description: 'the window holds plays after this' },
  plays: { type: 'integer', description: 'plays in the window' },
} as const;

export const topSongsResponse = {
  type: 'object',
  properties: {
    ...windowState,
    songs: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          rank: { type: 'integer' },
          trackId: { type: 'string' },
          trackName: nullableString,
          artists: { type: 'array', items: { type: 'string' } },
          plays: { type: 'integer' },
        },
      },
    },
  },
} as const;

export const topArtistsResponse = {
  type: 'object',
  properties: {
    ...windowState,
    artists: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          rank: { type: 'integer' },
          name: { type: 'string' },
          artistId: { ...nullableString, description: 'known once an API play named it' },
          plays: { type: 'integer' },
        },
      },
    },
  },
} as const;
