/*
 * Assembles one fastify app playing both Spotify hosts: accounts at the root and the
 * Web API under /v1, plus the /_sim admin API. Errors from any route are rendered in
 * the host's own error shape.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAccountsRoutes } from './accounts/routes.ts';
import { registerAdminRoutes } from './admin/routes.ts';
import { registerCatalogueRoutes } from './api/catalogue-routes.ts';
import { registerMeRoutes } from './api/me-routes.ts';
import { registerPlaylistRoutes } from './api/playlist-routes.ts';
import { registerRemovedRoutes } from './api/removed-routes.ts';
import { registerSearchRoutes } from './api/search-routes.ts';
import { ApiError, OAuthError } from './http/errors.ts';
import { registerHooks } from './http/hooks.ts';
import type { SimState } from './state.ts';

export function buildApp(state: SimState): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true });

  // OAuth forms are application/x-www-form-urlencoded; fastify only parses JSON by default.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  registerHooks(app, state);
  registerAccountsRoutes(app, state);
  registerMeRoutes(app, state);
  registerPlaylistRoutes(app, state);
  registerCatalogueRoutes(app, state);
  registerSearchRoutes(app, state);
  registerRemovedRoutes(app, state);
  registerAdminRoutes(app, state);

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) {
      if (error.status === 401) reply.header('www-authenticate', 'Bearer realm="spotify"');
      return reply.code(error.status).send(error.body());
    }
    if (error instanceof OAuthError) return reply.code(error.status).send(error.body());
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500) {
      // fastify's own 4xx (bad JSON, unsupported content type): keep the status, use our shape.
      const message = (error as Error).message;
      if (request.url.startsWith('/v1'))
        return reply.code(status).send({ error: { status, message } });
      return reply.code(status).send({ error: 'invalid_request', error_description: message });
    }
    return reply.code(500).send(new ApiError('server_error').body());
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/v1'))
      return reply.code(404).send(new ApiError('service_not_found').body());
    return reply.code(404).send({
      error: 'not_found',
      error_description: `No route ${request.method} ${request.url.split('?')[0]}`,
    });
  });

  return app;
}
