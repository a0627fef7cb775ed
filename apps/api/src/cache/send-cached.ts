import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiDeps } from '../deps.ts';

/**
 * The cache key of a request: its route, path parameters and validated query (defaults
 * filled in, keys sorted), so `?range=4w`, `?limit=10&range=4w` and `?range=4w&limit=10`
 * share one entry.
 */
export function cacheKey(request: FastifyRequest, extra = ''): string {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const sorted = Object.keys(query)
    .sort()
    .map((k) => [k, query[k]]);
  return `${request.routeOptions.url}|${JSON.stringify(request.params)}|${JSON.stringify(sorted)}|${extra}`;
}

/**
 * Answers a warehouse GET through the response cache, as JSON text. Text skips fastify's
 * serializer, so the answer's shape is the query's result as is.
 */
export async function sendCached(
  deps: ApiDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  compute: () => Promise<unknown>,
  /** what else the answer depends on besides the request (e.g. the group's members) */
  keyExtra = '',
): Promise<FastifyReply> {
  const json = deps.cache
    ? await deps.cache.json(cacheKey(request, keyExtra), compute)
    : JSON.stringify(await compute());
  return reply.type('application/json; charset=utf-8').send(json);
}
