import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseCookies, serializeCookie } from './cookies.ts';
import { DashboardError } from './dashboard-error.ts';

/*
 * CSRF protection of every state-changing dashboard route: a double-submit token. Each
 * page sets a random token in a SameSite=Strict cookie; the page's script sends it back
 * in the `x-csrf-token` header (fetch) or the `_csrf` form field. Another site can make
 * the browser send the cookie (not even that, with SameSite=Strict) but cannot read it,
 * so it cannot put the same value in the request.
 */

export const CSRF_COOKIE = 'si_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

const TOKEN = /^[A-Za-z0-9_-]{32,64}$/;

/** The request's CSRF token, setting a fresh cookie when it has none (or a malformed one). */
export function ensureCsrfCookie(request: FastifyRequest, reply: FastifyReply): string {
  const existing = parseCookies(request.headers.cookie).get(CSRF_COOKIE);
  if (existing && TOKEN.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  reply.header('set-cookie', serializeCookie(CSRF_COOKIE, token, { httpOnly: false }));
  return token;
}

/** Throws CSRF_REJECTED unless the cookie and the header/form field carry the same token. */
export function verifyCsrf(request: FastifyRequest): void {
  const cookie = parseCookies(request.headers.cookie).get(CSRF_COOKIE);
  const header = request.headers[CSRF_HEADER];
  const body = request.body as Record<string, unknown> | undefined;
  const sent =
    typeof header === 'string'
      ? header
      : typeof body?.[CSRF_FIELD] === 'string'
        ? (body[CSRF_FIELD] as string)
        : undefined;
  if (!cookie || !sent || !sameToken(cookie, sent))
    throw new DashboardError(
      'CSRF_REJECTED',
      'missing or wrong CSRF token: reload the page and try again',
    );
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
