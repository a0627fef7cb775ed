import type { FastifyError, FastifyInstance } from 'fastify';
import type { Logger } from '@spotify-insights/logging';
import { ApiError } from './api-error.ts';

// node-postgres / pool failures that mean "the warehouse is not there", not "a bug".
const UNAVAILABLE_PG_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '53300']);

/** Turns anything a route throws into the API's one error shape (see api-error.ts). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const fastifyError = error as Partial<FastifyError> & { code?: string; message?: string };
  if (fastifyError.validation) {
    const where = fastifyError.validationContext ?? 'request';
    return new ApiError('VALIDATION_FAILED', `${where}${firstIssue(fastifyError)}`);
  }
  if (fastifyError.code && UNAVAILABLE_PG_CODES.has(fastifyError.code))
    return new ApiError('WAREHOUSE_UNAVAILABLE', 'the warehouse is not reachable', {
      cause: error,
    });
  if (
    typeof fastifyError.message === 'string' &&
    /Knex: Timeout acquiring/.test(fastifyError.message)
  )
    return new ApiError('WAREHOUSE_UNAVAILABLE', 'the warehouse is busy', { cause: error });
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500)
    // fastify's own 4xx (bad JSON, body too large, unsupported media type)
    return new ApiError('VALIDATION_FAILED', fastifyError.message ?? 'bad request');
  return new ApiError('INTERNAL', 'internal error', { cause: error });
}

function firstIssue(error: Partial<FastifyError>): string {
  const issue = error.validation?.[0];
  if (!issue) return ' is invalid';
  const path = issue.instancePath ? issue.instancePath.replace(/^\//, '').replaceAll('/', '.') : '';
  const missing = (issue.params as { missingProperty?: string } | undefined)?.missingProperty;
  const field = missing ?? path;
  return field ? `.${field} ${issue.message ?? 'is invalid'}` : ` ${issue.message ?? 'is invalid'}`;
}

export function registerErrorHandling(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error);
    // answers the API chose (NOT_AVAILABLE) are not failures; anything unexpected is
    if (apiError.status >= 500 && !(error instanceof ApiError))
      logger.error('request failed', {
        method: request.method,
        url: request.url,
        code: apiError.code,
        error: apiError.cause ?? error,
      });
    return reply.code(apiError.status).send(apiError.body());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new ApiError(
      'ROUTE_NOT_FOUND',
      `no route ${request.method} ${request.url.split('?')[0]}`,
    );
    return reply.code(error.status).send(error.body());
  });
}
