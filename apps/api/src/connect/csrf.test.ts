import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ensureCsrfCookie, verifyCsrf } from './csrf.ts';
import { DashboardError } from './dashboard-error.ts';

async function server() {
  const app = Fastify();
  app.get('/page', async (request, reply) => ({ token: ensureCsrfCookie(request, reply) }));
  app.post('/change', async (request) => {
    verifyCsrf(request);
    return { ok: true };
  });
  app.setErrorHandler((error, _request, reply) =>
    error instanceof DashboardError
      ? reply.code(error.status).send(error.body())
      : reply.code(500).send(error),
  );
  return app;
}

describe('double-submit CSRF token', () => {
  it('sets a token cookie once and keeps a valid one', async () => {
    const app = await server();
    const first = await app.inject({ url: '/page' });
    const token = (first.json() as { token: string }).token;
    expect(first.headers['set-cookie']).toMatch(
      new RegExp(`^si_csrf=${token}; Path=/; SameSite=Strict$`),
    );
    const again = await app.inject({ url: '/page', headers: { cookie: `si_csrf=${token}` } });
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((again.json() as { token: string }).token).toBe(token);
  });

  it('accepts the cookie’s token in the header or the form field, refuses anything else', async () => {
    const app = await server();
    const token = 'A'.repeat(43);
    const cookie = `si_csrf=${token}`;
    const post = (headers: Record<string, string>, payload?: object) =>
      app.inject({ method: 'POST', url: '/change', headers, ...(payload ? { payload } : {}) });
    expect((await post({ cookie, 'x-csrf-token': token })).statusCode).toBe(200);
    expect((await post({ cookie }, { _csrf: token })).statusCode).toBe(200);
    const refused = [
      await post({ cookie }),
      await post({ cookie, 'x-csrf-token': 'B'.repeat(43) }),
      await post({ 'x-csrf-token': token }),
      await post({ cookie, 'x-csrf-token': token.slice(1) }),
    ];
    for (const response of refused) {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: { code: 'CSRF_REJECTED' } });
    }
  });
});
