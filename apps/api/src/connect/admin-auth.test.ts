import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { adminSessionValue, isAdmin, isAdminToken, requireAdmin } from './admin-auth.ts';

const TOKEN = 'a-long-enough-admin-token';
const request = (headers: Record<string, string>) => ({ headers }) as unknown as FastifyRequest;

describe('admin auth', () => {
  it('accepts the bearer token or the session cookie, nothing else', () => {
    expect(isAdmin(request({ authorization: `Bearer ${TOKEN}` }), TOKEN)).toBe(true);
    expect(isAdmin(request({ cookie: `si_admin=${adminSessionValue(TOKEN)}` }), TOKEN)).toBe(true);
    expect(isAdmin(request({ authorization: 'Bearer nope' }), TOKEN)).toBe(false);
    // the cookie holds an HMAC, so the token itself in the cookie is no session
    expect(isAdmin(request({ cookie: `si_admin=${TOKEN}` }), TOKEN)).toBe(false);
    expect(isAdmin(request({}), TOKEN)).toBe(false);
  });

  it('is closed, not open, without ADMIN_TOKEN', () => {
    expect(isAdmin(request({ authorization: 'Bearer ' }), undefined)).toBe(false);
    expect(isAdminToken('', undefined)).toBe(false);
    expect(() => requireAdmin(request({}), undefined)).toThrow(
      expect.objectContaining({ code: 'ADMIN_DISABLED' }),
    );
    expect(() => requireAdmin(request({}), TOKEN)).toThrow(
      expect.objectContaining({ code: 'ADMIN_AUTH_REQUIRED' }),
    );
  });
});
