import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveAggregator } from '@spotify-insights/live';
import { createTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  // with every optional part, so their routes are held to the document too
  api = await createTestApi('api_openapi', {
    deps: { live: { aggregator: new LiveAggregator() } },
  });
});
afterAll(async () => api?.close());

describe('OpenAPI document', () => {
  it('lists every route the server has, with its method', async () => {
    const doc = (await api.app.inject({ url: '/docs/json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    const served = api.app.apiRoutes;
    expect(served).toContain('GET /api/health');
    expect(served).toContain('GET /api/top-songs');
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
  });

  it('serves the document as /docs/openapi.json too', async () => {
    const res = await api.app.inject({ url: '/docs/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().info.title).toBe('spotify-insights API');
  });

  it('serves a browsable page at /docs', async () => {
    const page = await api.app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers unknown routes with the JSON error shape', async () => {
    const res = await api.app.inject({ url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'ROUTE_NOT_FOUND', message: 'no route GET /api/nope' },
    });
  });
});
