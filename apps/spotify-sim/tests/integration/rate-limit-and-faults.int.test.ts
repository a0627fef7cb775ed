/*
 * The rolling 30-second rate limit, quota exhaustion, and each injected fault kind,
 * plus the request log that lets tests see what a client did.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contractProblems, startHarness, type Harness, type Tokens } from './support/sim-client.ts';

let h: Harness;
let tokens: Tokens;
beforeAll(async () => {
  h = await startHarness();
  tokens = await h.login('ayaka.sim');
});
beforeEach(async () => {
  await h.admin('PUT', '/_sim/rate-limit', { requestsPer30s: null });
  await h.admin('DELETE', '/_sim/faults');
});
afterAll(async () => {
  await h.close();
});

describe('rate limit', () => {
  it('answers a burst over budget with 429 + Retry-After, and passes again after the window', async () => {
    await h.admin('PUT', '/_sim/rate-limit', { requestsPer30s: 5 });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<Harness['api']>> | undefined;
    for (let i = 0; i < 8; i++) {
      const res = await h.api(tokens.access_token, '/me');
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited?.body).toEqual({ error: { status: 429, message: 'API rate limit exceeded' } });

    h.sim.clock.advance(30_001);
    expect((await h.api(tokens.access_token, '/me')).status).toBe(200);
  });

  it('uses a configured (long) Retry-After and a quota-exceeded mode', async () => {
    await h.admin('PUT', '/_sim/rate-limit', { requestsPer30s: 1, retryAfterSeconds: 7293 });
    await h.api(tokens.access_token, '/me');
    const limited = await h.api(tokens.access_token, '/me');
    expect(limited.headers.get('retry-after')).toBe('7293');

    await h.admin('PUT', '/_sim/rate-limit', {
      requestsPer30s: null,
      quotaExceeded: true,
      retryAfterSeconds: 85771,
    });
    const quota = await h.api(tokens.access_token, '/me');
    expect(quota.status).toBe(429);
    expect(quota.headers.get('retry-after')).toBe('85771');
    expect(quota.body.error).toMatchObject({ status: 429, reason: 'QUOTA_EXCEEDED' });
  });

  it('answers one forced 429 with the given Retry-After mid-run, then carries on', async () => {
    await h.admin('PUT', '/_sim/rate-limit/forced-429', {
      afterRequests: 2,
      retryAfterSeconds: 11,
    });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<Harness['api']>> | undefined;
    for (let i = 0; i < 4; i++) {
      const res = await h.api(tokens.access_token, '/me');
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses).toEqual([200, 200, 429, 200]);
    expect(limited?.headers.get('retry-after')).toBe('11');
    expect((await h.admin('GET', '/_sim/rate-limit/forced-429')).body).toEqual({
      forced429: null,
    });
    expect(
      (await h.admin('PUT', '/_sim/rate-limit/forced-429', { retryAfterSeconds: -1 })).status,
    ).toBe(400);
  });

  it('never limits the accounts service or the admin API', async () => {
    await h.admin('PUT', '/_sim/rate-limit', { requestsPer30s: 1 });
    for (let i = 0; i < 3; i++) expect((await h.admin('GET', '/_sim/clock')).status).toBe(200);
  });
});

describe('faults', () => {
  it('status500 and status503 hit the next n matching requests only', async () => {
    await h.admin('PUT', '/_sim/faults', {
      route: 'GET /v1/me/top/tracks',
      kind: 'status500',
      times: 2,
    });
    await h.admin('PUT', '/_sim/faults', { route: 'GET /v1/me', kind: 'status503' });
    expect((await h.api(tokens.access_token, '/me/top/tracks')).status).toBe(500);
    expect((await h.api(tokens.access_token, '/me/top/tracks?limit=5')).status).toBe(500);
    expect((await h.api(tokens.access_token, '/me/top/tracks')).status).toBe(200);
    const unavailable = await h.api(tokens.access_token, '/me');
    expect(unavailable.status).toBe(503);
    expect(unavailable.body.error.status).toBe(503);
    expect((await h.api(tokens.access_token, '/me')).status).toBe(200);
  });

  it('matches route patterns too', async () => {
    await h.admin('PUT', '/_sim/faults', { route: 'GET /v1/artists/:id', kind: 'status503' });
    const artist = (await h.api(tokens.access_token, '/me/top/artists?limit=1')).body.items[0];
    expect((await h.api(tokens.access_token, `/artists/${artist.id}`)).status).toBe(503);
  });

  it('slow delays the answer by delayMs', async () => {
    await h.admin('PUT', '/_sim/faults', { route: 'GET /v1/me', kind: 'slow', delayMs: 300 });
    const started = Date.now();
    expect((await h.api(tokens.access_token, '/me')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it('truncated keeps status and content-type but cuts the JSON', async () => {
    await h.admin('PUT', '/_sim/faults', { route: 'GET /v1/me/top/artists', kind: 'truncated' });
    const res = await fetch(`${h.url}/v1/me/top/artists`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const text = await res.text();
    expect(text.length).toBeGreaterThan(10);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('reset destroys the socket without any response', async () => {
    await h.admin('PUT', '/_sim/faults', { route: 'GET /v1/me', kind: 'reset' });
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(
        `${h.url}/v1/me`,
        { headers: { authorization: `Bearer ${tokens.access_token}` } },
        (res) => resolve(`response ${res.statusCode}`),
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end();
    });
    expect(outcome).toMatch(/ECONNRESET|socket hang up/);
    expect((await h.api(tokens.access_token, '/me')).status).toBe(200);
  });

  it('applies to the accounts service as well', async () => {
    await h.admin('PUT', '/_sim/faults', { route: 'POST /api/token', kind: 'status503' });
    const res = await fetch(`${h.url}/api/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token',
    });
    expect(res.status).toBe(503);
  });
});

describe('clock', () => {
  it('switches between simulated and real time', async () => {
    expect((await h.admin('PUT', '/_sim/clock', { now: '2026-01-02T03:04:05Z' })).body).toEqual({
      now: '2026-01-02T03:04:05.000Z',
      simulated: true,
    });
    expect((await h.admin('POST', '/_sim/clock/advance', { ms: 1000 })).body.now).toBe(
      '2026-01-02T03:04:06.000Z',
    );
    expect((await h.admin('GET', '/_sim/clock')).body.now).toBe('2026-01-02T03:04:06.000Z');
    const real = (await h.admin('DELETE', '/_sim/clock')).body as {
      now: string;
      simulated: boolean;
    };
    expect(real.simulated).toBe(false);
    expect(Math.abs(Date.parse(real.now) - Date.now())).toBeLessThan(5000);
    expect((await h.admin('PUT', '/_sim/clock', { now: 'yesterday' })).status).toBe(400);
  });
});

describe('request log', () => {
  it('records method, host, path, query, status and user, and can be cleared', async () => {
    // The clock test above may have moved time past this file's token: log in again.
    tokens = await h.login('ayaka.sim');
    await h.admin('DELETE', '/_sim/requests');
    const since = Date.now();
    await h.api(tokens.access_token, '/me/top/tracks?time_range=short_term&limit=3');
    await fetch(`${h.url}/api/token`, { method: 'POST' });
    const log = (await h.admin('GET', `/_sim/requests?since=${since}`)).body as Array<
      Record<string, unknown>
    >;
    expect(log[0]).toMatchObject({
      method: 'GET',
      host: 'api',
      path: '/v1/me/top/tracks',
      query: { time_range: 'short_term', limit: '3' },
      status: 200,
      userId: 'ayaka.sim',
    });
    expect(log[0]?.time).toBeGreaterThanOrEqual(since);
    expect(log[0]?.receivedAt).toBeGreaterThanOrEqual(since);
    expect(log[0]?.receivedAt).toBeLessThanOrEqual(log[0]?.time as number);
    expect(log[1]).toMatchObject({
      method: 'POST',
      host: 'accounts',
      path: '/api/token',
      status: 400,
    });
    expect(log.every((e) => !String(e.path).startsWith('/_sim'))).toBe(true);
    await h.admin('DELETE', '/_sim/requests');
    expect((await h.admin('GET', '/_sim/requests')).body).toEqual([]);
  });

  it('received only contract-valid bodies', () => {
    expect(contractProblems).toEqual([]);
  });
});
