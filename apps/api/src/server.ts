/*
 * Assembles the API: one fastify instance, JSON schema on every route (validated by
 * fastify's ajv, documented by @fastify/swagger at /docs), one error shape. Tests call
 * buildServer with a scratch warehouse and use app.inject; main.ts adds the real
 * connections and listens.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ApiDeps } from './deps.ts';
import { registerErrorHandling } from './errors/error-handler.ts';
import { registerLiveRoutes } from './live/live-routes.ts';
import { recordApiRoutes } from './route-registry.ts';
import { registerChartRoutes } from './routes/chart-routes.ts';
import { registerGroupRoutes } from './routes/group-routes.ts';
import { registerHealthRoutes } from './routes/health-routes.ts';
import { registerPipelineRoutes } from './routes/pipeline-routes.ts';
import { registerUserHabitRoutes } from './routes/user-habit-routes.ts';
import { registerUserRoutes } from './routes/user-routes.ts';
import { connectPlugin } from './connect/connect-plugin.ts';
import { webPlugin } from './web/web-plugin.ts';

export const OPENAPI_INFO = {
  title: 'spotify-insights API',
  version: '0.1.0',
  description:
    'Listening insights from the warehouse: per user, for the friend group, charts and the pipeline. Errors are `{"error":{"code","message"}}`.',
};

/** How every API fastify is made (tests of single route plugins use it too). */
export function createApiFastify(): FastifyInstance {
  return Fastify({
    logger: false,
    forceCloseConnections: true,
    ajv: {
      customOptions: {
        // unknown query parameters are an error, not silently dropped
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: false,
      },
    },
  });
}

export async function buildServer(deps: ApiDeps): Promise<FastifyInstance> {
  const app = createApiFastify();
  registerErrorHandling(app, deps.logger);
  recordApiRoutes(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: OPENAPI_INFO,
      tags: [
        { name: 'meta' },
        { name: 'user', description: 'One listener: overview, tops, clock, habits' },
        { name: 'group', description: 'The friend group (the connected accounts, at most 5)' },
        { name: 'charts', description: 'Charts and tracked playlists' },
        { name: 'pipeline', description: 'Transform runs, consumer lag, data quality' },
        { name: 'live', description: 'Live top-N from the stream aggregator (when it runs)' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // the document under the name tools look for (Swagger UI serves it as /docs/json too)
  app.get('/docs/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerHealthRoutes(app);
  registerUserRoutes(app, deps);
  registerUserHabitRoutes(app, deps);
  registerGroupRoutes(app, deps);
  registerChartRoutes(app, deps);
  registerPipelineRoutes(app, deps);
  if (deps.live) registerLiveRoutes(app, deps.live);
  await app.register(webPlugin, { deps }); // dashboard pages + assets (apps/api/src/web)
  await app.register(connectPlugin, { deps }); // §3 connect/disconnect (apps/api/src/connect)
  return app;
}
