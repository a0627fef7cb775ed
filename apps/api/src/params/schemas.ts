/*
 * The JSON schemas the routes share. fastify validates every request against them (ajv)
 * and @fastify/swagger turns them into the OpenAPI document, so what is documented is
 * what is enforced.
 */
import { RANGES } from '@spotify-insights/warehouse';

export const MAX_PAGE_SIZE = 50;
export const MAX_OFFSET = 10_000;

export const userParams = {
  type: 'object',
  required: ['userId'],
  additionalProperties: false,
  properties: {
    userId: { type: 'string', minLength: 1, maxLength: 128, description: 'Spotify user id' },
  },
} as const;

export const pageQuery = {
  limit: {
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: 10,
    description: `page size (at most ${MAX_PAGE_SIZE})`,
  },
  offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
} as const;

export const tzQuery = {
  tz: {
    type: 'string',
    minLength: 1,
    maxLength: 64,
    description:
      'IANA time zone for local days and hours (e.g. Europe/Berlin); default: the user’s zone in the warehouse (UTC unless set)',
  },
} as const;

export const rangeQuery = {
  range: {
    type: 'string',
    enum: [...RANGES],
    default: 'all',
    description:
      '4w: last 28 days; 6m: last 6 months; year: this calendar year (local); all: all time; custom: from..to (local days, inclusive)',
  },
  from: { type: 'string', format: 'date', description: 'custom range: first day (YYYY-MM-DD)' },
  to: { type: 'string', format: 'date', description: 'custom range: last day, inclusive' },
  ...tzQuery,
} as const;

export const periodQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...rangeQuery },
} as const;

export const pagedPeriodQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...rangeQuery, ...pageQuery },
} as const;

export const pageOnlyQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...pageQuery },
} as const;

export const tzOnlyQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { ...tzQuery },
} as const;

/** The envelope of every paged answer; `item` is the schema of one row. */
export function pageOf(item: object): object {
  return {
    type: 'object',
    required: ['items', 'total', 'limit', 'offset'],
    properties: {
      items: { type: 'array', items: item },
      total: { type: 'integer', description: 'rows in all pages' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
    },
  };
}

export const errorResponse = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
} as const;

export const dateTime = { type: ['string', 'null'], format: 'date-time' } as const;
