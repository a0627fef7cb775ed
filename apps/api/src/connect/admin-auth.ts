import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { parseCookies } from './cookies.ts';
import { DashboardError } from './dashboard-error.ts';

/*
 * Admin routes (disconnecting a member, deleting their data) need ADMIN_TOKEN: as
 * `Authorization: Bearer <token>` (scripts), or the session cookie the login page sets.
 * The cookie holds an HMAC of the token, never the token itself, and is HttpOnly.
 * Without ADMIN_TOKEN the routes are closed (ADMIN_DISABLED), never open.
 */

export const ADMIN_COOKIE = 'si_admin';
export const ADMIN_SESSION_SECONDS = 8 * 3600;

export function adminSessionValue(adminToken: string): string {
  return createHmac('sha256', adminToken)
    .update('spotify-insights admin session v1')
    .digest('base64url');
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Whether the request carries the admin token (bearer) or a valid admin session cookie. */
export function isAdmin(request: FastifyRequest, adminToken: string | undefined): boolean {
  if (!adminToken) return false;
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ') && same(authorization.slice(7).trim(), adminToken))
    return true;
  const cookie = parseCookies(request.headers.cookie).get(ADMIN_COOKIE);
  return cookie !== undefined && same(cookie, adminSessionValue(adminToken));
}

/** Whether the request authenticated with the bearer header (no cookie: no CSRF risk). */
export function usesBearer(request: FastifyRequest): boolean {
  return request.headers.authorization?.startsWith('Bearer ') ?? false;
}

export function requireAdmin(request: FastifyRequest, adminToken: string | undefined): void {
  if (!adminToken)
    throw new DashboardError('ADMIN_DISABLED', 'admin routes are off: set ADMIN_TOKEN to use them');
  if (!isAdmin(request, adminToken))
    throw new DashboardError(
      'ADMIN_AUTH_REQUIRED',
      'admin only: send Authorization: Bearer <ADMIN_TOKEN> or log in at /admin/login',
    );
}

/** Compares a login form's token with ADMIN_TOKEN in constant time. */
export function isAdminToken(candidate: string, adminToken: string | undefined): boolean {
  return adminToken !== undefined && same(candidate, adminToken);
}
