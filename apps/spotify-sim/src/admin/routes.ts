/*
 * /_sim: the simulator's own control surface for tests and demos (not Spotify's):
 * request log, faults, rate limit (and a one-shot 429), clock, users, profile, and a
 * headless consent.
 * Bodies are validated with zod; a bad body is a 400 with the problems listed.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { authorizeProblem, consentRedirect, readAuthorizeParams } from '../accounts/authorize.ts';
import { PROFILES } from '../api/profile.ts';
import { FAULT_KINDS } from '../http/faults.ts';
import type { SimState } from '../state.ts';

const FaultBody = z.object({
  route: z.string().min(3),
  kind: z.enum(FAULT_KINDS),
  times: z.number().int().min(1).optional(),
  delayMs: z.number().int().min(0).optional(),
});
const RateLimitBody = z.object({
  requestsPer30s: z.number().int().min(1).nullable(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  quotaExceeded: z.boolean().optional(),
});
const Forced429Body = z.object({
  afterRequests: z.number().int().min(0).default(0),
  retryAfterSeconds: z.number().int().min(0),
});
const ClockBody = z.object({ now: z.iso.datetime({ offset: true }) });
const AdvanceBody = z.object({ ms: z.number().int().min(0) });
const ProfileBody = z.object({ profile: z.enum(PROFILES) });
const AuthorizeBody = z.object({
  client_id: z.string(),
  redirect_uri: z.string(),
  code_challenge: z.string(),
  state: z.string().optional(),
  scope: z.string().optional(),
});

function parse<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | undefined {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  void reply.code(400).send({
    error: 'invalid_body',
    problems: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
  });
  return undefined;
}

export function registerAdminRoutes(app: FastifyInstance, state: SimState): void {
  const clockView = () => ({
    now: new Date(state.clock.now()).toISOString(),
    simulated: state.clock.isSimulated(),
  });
  const knownUser = (id: string, reply: FastifyReply) => {
    const user = state.world.user(id);
    if (!user) void reply.code(404).send({ error: 'unknown_user' });
    return user;
  };

  app.get('/_sim/requests', async (request) => {
    const since = Number((request.query as { since?: string }).since ?? 0);
    return state.requests.since(Number.isFinite(since) ? since : 0);
  });
  app.delete('/_sim/requests', async (_request, reply) => {
    state.requests.clear();
    return reply.code(204).send();
  });

  app.put('/_sim/faults', async (request, reply) => {
    const body = parse(FaultBody, request.body, reply);
    if (!body) return reply;
    state.faults.add(body.route, body.kind, body.times, body.delayMs);
    return { faults: state.faults.list() };
  });
  app.get('/_sim/faults', async () => ({ faults: state.faults.list() }));
  app.delete('/_sim/faults', async (_request, reply) => {
    state.faults.clear();
    return reply.code(204).send();
  });

  app.put('/_sim/rate-limit', async (request, reply) => {
    const body = parse(RateLimitBody, request.body, reply);
    if (!body) return reply;
    state.limiter.configure(body);
    return state.limiter.settings();
  });
  app.get('/_sim/rate-limit', async () => state.limiter.settings());
  // One 429 with this Retry-After after `afterRequests` more Web API requests, then
  // business as usual: a pause in the middle of a run, at a point the test chooses.
  app.put('/_sim/rate-limit/forced-429', async (request, reply) => {
    const body = parse(Forced429Body, request.body, reply);
    if (!body) return reply;
    state.limiter.force429(body);
    return { forced429: state.limiter.pendingForced429() ?? null };
  });
  app.get('/_sim/rate-limit/forced-429', async () => ({
    forced429: state.limiter.pendingForced429() ?? null,
  }));

  app.get('/_sim/clock', async () => clockView());
  app.put('/_sim/clock', async (request, reply) => {
    const body = parse(ClockBody, request.body, reply);
    if (!body) return reply;
    state.clock.set(Date.parse(body.now));
    return clockView();
  });
  app.delete('/_sim/clock', async () => {
    state.clock.useRealTime();
    return clockView();
  });
  app.post('/_sim/clock/advance', async (request, reply) => {
    const body = parse(AdvanceBody, request.body, reply);
    if (!body) return reply;
    state.clock.advance(body.ms);
    return clockView();
  });

  app.get('/_sim/users', async () =>
    state.world.users.map((u) => ({ id: u.id, displayName: u.displayName })),
  );
  app.post('/_sim/users/:id/expire-access-tokens', async (request, reply) => {
    const user = knownUser((request.params as { id: string }).id, reply);
    if (!user) return reply;
    return { expired: state.oauth.expireAccessTokens(user.id) };
  });
  app.post('/_sim/users/:id/revoke', async (request, reply) => {
    const user = knownUser((request.params as { id: string }).id, reply);
    if (!user) return reply;
    return { revoked: state.oauth.revoke(user.id) };
  });
  app.post('/_sim/users/:id/authorize', async (request, reply) => {
    const user = knownUser((request.params as { id: string }).id, reply);
    if (!user) return reply;
    const body = parse(AuthorizeBody, request.body, reply);
    if (!body) return reply;
    const params = readAuthorizeParams({
      ...body,
      response_type: 'code',
      code_challenge_method: 'S256',
    });
    const problem = authorizeProblem(state, params);
    if (problem)
      return reply.code(400).send({ error: 'invalid_request', error_description: problem });
    return { redirect: consentRedirect(state, params, user.id, true) };
  });

  app.get('/_sim/profile', async () => ({ profile: state.profile }));
  app.put('/_sim/profile', async (request, reply) => {
    const body = parse(ProfileBody, request.body, reply);
    if (!body) return reply;
    state.profile = body.profile;
    return { profile: state.profile };
  });
}
