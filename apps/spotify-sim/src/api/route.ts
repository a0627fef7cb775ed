/*
 * The shape shared by every Web API route: bearer-token check, scope check, and a
 * context with the caller, the simulated "now" and a presenter bound to the profile.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessGrant } from '../accounts/oauth-store.ts';
import { ApiError } from '../http/errors.ts';
import type { SimState } from '../state.ts';
import type { SimUser } from '../world/users.ts';
import type { PresentContext } from './present.ts';

export interface ApiContext {
  state: SimState;
  request: FastifyRequest;
  query: Record<string, string>;
  params: Record<string, string>;
  grant: AccessGrant;
  /** Present for user tokens; undefined for client-credentials tokens. */
  user: SimUser | undefined;
  now: number;
  present: PresentContext;
  /** The full URL of this request, for `href`. */
  selfUrl: string;
  /** The URL of this endpoint without query, for building next/previous links. */
  baseUrl: string;
}

export interface RouteOptions {
  /** Any one of these scopes suffices; empty means no scope needed. */
  scopes?: readonly string[];
  /** The endpoint is about "me": a client-credentials token is refused. */
  needsUser?: boolean;
}

export type Handler = (ctx: ApiContext) => unknown;

function authenticate(state: SimState, request: FastifyRequest): AccessGrant {
  const header = request.headers.authorization;
  if (!header) throw new ApiError('no_token');
  if (!header.startsWith('Bearer '))
    throw new ApiError('bad_request', 'Only valid bearer authentication supported');
  const lookup = state.oauth.lookupAccess(header.slice(7).trim());
  if (!lookup.ok) throw new ApiError(lookup.reason);
  return lookup.grant;
}

export function userOf(ctx: ApiContext): SimUser {
  if (!ctx.user) throw new ApiError('user_required');
  return ctx.user;
}

export function apiGet(
  app: FastifyInstance,
  state: SimState,
  path: string,
  options: RouteOptions,
  handler: Handler,
): void {
  app.get(`/v1${path}`, async (request, reply) => {
    const grant = authenticate(state, request);
    const user = grant.userId ? state.world.user(grant.userId) : undefined;
    const perRequest = state.perRequest.get(request.raw);
    if (perRequest && user) perRequest.userId = user.id;
    if (options.needsUser && !user) throw new ApiError('user_required');
    const scopes = options.scopes ?? [];
    if (user && scopes.length > 0 && !scopes.some((s) => grant.scopes.has(s)))
      throw new ApiError('insufficient_scope');

    const host = request.headers.host ?? '127.0.0.1';
    const origin = `${request.protocol}://${host}`;
    const ctx: ApiContext = {
      state,
      request,
      query: request.query as Record<string, string>,
      params: request.params as Record<string, string>,
      grant,
      user,
      now: state.clock.now(),
      present: {
        apiBase: `${origin}/v1`,
        profile: state.profile,
        catalogue: state.world.catalogue,
      },
      selfUrl: `${origin}${request.url}`,
      baseUrl: `${origin}${request.url.split('?')[0]}`,
    };
    const body = await handler(ctx);
    reply.header('cache-control', 'private, max-age=0');
    return body;
  });
}
