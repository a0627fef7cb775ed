/*
 * accounts.spotify.com: GET /authorize (consent page), POST /authorize/consent (the
 * form's target) and POST /api/token (code exchange, refresh, client credentials).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OAuthError } from '../http/errors.ts';
import type { SimState } from '../state.ts';
import { authorizeProblem, consentRedirect, readAuthorizeParams } from './authorize.ts';
import { consentPage, errorPage } from './consent-page.ts';
import type { TokenResponse } from './oauth-store.ts';

type Form = Record<string, string | undefined>;

function basicAuth(request: FastifyRequest): { id: string; secret: string } | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function token(state: SimState, request: FastifyRequest): TokenResponse {
  const form = (request.body ?? {}) as Form;
  const basic = basicAuth(request);
  if (basic && !state.oauth.checkSecret(basic.id, basic.secret))
    throw new OAuthError('invalid_client', 'Invalid client secret');
  const clientId = basic?.id ?? form.client_id ?? '';
  if (!state.oauth.isClient(clientId)) throw new OAuthError('invalid_client', 'Invalid client');

  switch (form.grant_type) {
    case 'authorization_code':
      if (!form.code || !form.redirect_uri)
        throw new OAuthError('invalid_request', 'code and redirect_uri are required');
      if (!form.code_verifier) throw new OAuthError('invalid_request', 'code_verifier required');
      return state.oauth.exchangeCode(form.code, clientId, form.redirect_uri, form.code_verifier);
    case 'refresh_token':
      if (!form.refresh_token)
        throw new OAuthError('invalid_request', 'refresh_token must be supplied');
      return state.oauth.refresh(form.refresh_token, clientId);
    case 'client_credentials':
      if (!basic)
        throw new OAuthError('invalid_client', 'client_credentials requires client authentication');
      return state.oauth.clientCredentials(clientId);
    default:
      throw new OAuthError(
        'unsupported_grant_type',
        `grant_type must be authorization_code, refresh_token or client_credentials`,
      );
  }
}

export function registerAccountsRoutes(app: FastifyInstance, state: SimState): void {
  app.get('/authorize', async (request, reply) => {
    const params = readAuthorizeParams(request.query as Record<string, unknown>);
    const problem = authorizeProblem(state, params);
    reply.header('content-type', 'text/html; charset=utf-8');
    if (problem) return reply.code(400).send(errorPage(problem));
    return reply.send(consentPage(params, state.world.users));
  });

  app.post('/authorize/consent', async (request, reply) => {
    const form = (request.body ?? {}) as Form;
    const params = readAuthorizeParams(form);
    const problem = authorizeProblem(state, params);
    const user = state.world.user(form.user_id ?? '');
    if (problem || !user) {
      return reply
        .code(400)
        .header('content-type', 'text/html; charset=utf-8')
        .send(errorPage(problem ?? 'Unknown user'));
    }
    const perRequest = state.perRequest.get(request.raw);
    if (perRequest) perRequest.userId = user.id;
    return reply.redirect(consentRedirect(state, params, user.id, form.decision === 'agree'), 302);
  });

  app.post('/api/token', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return token(state, request);
  });
}
