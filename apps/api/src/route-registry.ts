import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route under /api as "METHOD /path/{param}", the OpenAPI spelling (tests check the doc). */
    apiRoutes: string[];
  }
}

/** Records each /api route as it is registered, so a test can hold the OpenAPI doc to it. */
export function recordApiRoutes(app: FastifyInstance): void {
  app.decorate('apiRoutes', [] as string[]);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    for (const method of methods) if (method !== 'HEAD') app.apiRoutes.push(`${method} ${path}`);
  });
}
