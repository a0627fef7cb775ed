import type { FastifyInstance } from 'fastify';
import type { Logger } from '@spotify-insights/logging';
import { toApiError } from '../errors/error-handler.ts';
import { DashboardError } from './dashboard-error.ts';

/**
 * The error handler of the dashboard's scopes: its own codes (CSRF_REJECTED,
 * GROUP_FULL, ...) and everything else as the API renders it, in the same JSON shape.
 */
export function handleDashboardErrors(scope: FastifyInstance, logger: Logger): void {
  scope.setErrorHandler((error, request, reply) => {
    if (error instanceof DashboardError) return reply.code(error.status).send(error.body());
    const apiError = toApiError(error);
    if (apiError.status >= 500)
      logger.error('request failed', {
        method: request.method,
        url: request.url,
        code: apiError.code,
        error: apiError.cause ?? error,
      });
    return reply.code(apiError.status).send(apiError.body());
  });
}
