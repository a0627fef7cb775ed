import type { FastifyInstance } from 'fastify';

/**
 * HTML forms post application/x-www-form-urlencoded, which fastify does not parse by
 * itself: a small parser, only in the scope of the dashboard's form routes.
 */
export function acceptFormBodies(scope: FastifyInstance): void {
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 8 * 1024 },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
}
