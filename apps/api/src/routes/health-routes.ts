import type { FastifyInstance } from 'fastify';

/** The trivial route: no database, the benchmark's baseline and the liveness probe. */
export function registerHealthRoutes(app: FastifyInstance): void {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['meta'],
        summary: 'Liveness: answers without touching the warehouse',
        response: {
          200: {
            type: 'object',
            required: ['status'],
            properties: { status: { type: 'string', enum: ['ok'] } },
          },
        },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
}
