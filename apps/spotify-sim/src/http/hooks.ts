/*
 * Cross-cutting behaviour for every Spotify-facing request: fault injection, the rate
 * limit (Web API only, like Spotify), truncated bodies, and the request log. The admin
 * API under /_sim is exempt from all of it so tests can always reach it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimState } from '../state.ts';
import { ApiError } from './errors.ts';

const isAdmin = (url: string) => url.startsWith('/_sim');
const pathOf = (url: string) => url.split('?')[0] ?? url;
const hostOf = (url: string): 'api' | 'accounts' =>
  url.startsWith('/v1/') || url === '/v1' ? 'api' : 'accounts';

function record(state: SimState, request: FastifyRequest, status: number): void {
  const facts = state.perRequest.get(request.raw);
  const time = Date.now();
  const userId = facts?.userId;
  state.requests.add({
    time,
    receivedAt: facts?.receivedAt ?? time,
    method: request.method,
    host: hostOf(request.url),
    path: pathOf(request.url),
    query: Object.fromEntries(new URL(request.url, 'http://sim').searchParams),
    status,
    ...(userId ? { userId } : {}),
  });
}

async function onRequest(state: SimState, request: FastifyRequest, reply: FastifyReply) {
  if (isAdmin(request.url)) return;
  state.perRequest.set(request.raw, { receivedAt: Date.now() });

  if (hostOf(request.url) === 'api') {
    const decision = state.limiter.take();
    if (!decision.ok) {
      const error = new ApiError(decision.quota ? 'quota_exceeded' : 'rate_limited');
      return reply
        .code(429)
        .header('retry-after', String(decision.retryAfterSeconds))
        .send(error.body());
    }
  }

  const fault = state.faults.take(request.method, pathOf(request.url), request.routeOptions.url);
  switch (fault?.kind) {
    case undefined:
      return;
    case 'reset':
      // No response at all: the client sees ECONNRESET / "socket hang up".
      record(state, request, 0);
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    case 'status500':
      return reply.code(500).send(new ApiError('server_error').body());
    case 'status503':
      return reply.code(503).send(new ApiError('service_unavailable').body());
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      return;
    case 'truncated':
      state.perRequest.get(request.raw)!.truncate = true;
      return;
  }
}

export function registerHooks(app: FastifyInstance, state: SimState): void {
  app.addHook('onRequest', (request, reply) => onRequest(state, request, reply));

  app.addHook('onSend', async (request, _reply, payload) => {
    if (!state.perRequest.get(request.raw)?.truncate || typeof payload !== 'string') return payload;
    // Same status and content-type as a good answer, but the JSON stops half-way.
    return payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
  });

  app.addHook('onResponse', async (request, reply) => {
    if (isAdmin(request.url)) return;
    record(state, request, reply.statusCode);
  });
}
