import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHART, loadChartFixture } from '../support/chart-fixture.ts';
import { NOW, USERS, loadListeningFixture } from '../support/listening-fixture.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

/*
 * Hostile strings in every kind of parameter: they are data (bound parameters, never SQL
 * text), so they either fail validation or find nothing, and the warehouse is untouched.
 */
const HOSTILE = [
  "' or '1'='1",
  "'; drop table warehouse.dim_user; --",
  "x'); delete from warehouse.fct_play; --",
  '$1',
  ':userKey',
  '?',
  '\\',
  '"; select pg_sleep(5); --',
  '%27%20or%201%3D1',
];

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi('api_sql_injection', { now: NOW });
  await loadListeningFixture(api.owner);
  await loadChartFixture(api.owner);
});
afterAll(async () => api?.close());

async function counts() {
  const tables = ['dim_user', 'dim_track', 'fct_play', 'fct_chart_entry'];
  return Object.fromEntries(
    await Promise.all(
      tables.map(async (t) => [
        t,
        Number((await api.owner(`warehouse.${t}`).count({ n: '*' }))[0]!.n),
      ]),
    ),
  );
}

describe('SQL injection', () => {
  it('treats hostile path and query values as data', async () => {
    const before = await counts();
    const e = encodeURIComponent;
    for (const s of HOSTILE) {
      const urls = [
        `/api/users/${e(s)}/overview`,
        `/api/users/${e(s)}/top/tracks?range=all`,
        `/api/users/${e(s)}/recommendations`,
        `/api/users/${e(USERS[0].id)}/overview?tz=${e(s)}`,
        `/api/users/${e(USERS[0].id)}/clock?range=${e(s)}`,
        `/api/users/${e(USERS[0].id)}/overview?range=custom&from=${e(s)}&to=2026-01-01`,
        `/api/users/${e(USERS[0].id)}/top/artists?limit=${e(s)}`,
        `/api/charts/${e(s)}/movers`,
        `/api/charts/${e(CHART)}/rank-history?trackId=${e(s)}`,
        `/api/charts/${e(CHART)}/movers?direction=${e(s)}`,
        `/api/playlists/${e(s)}/rank-history`,
      ];
      for (const url of urls) {
        const res = await api.app.inject({ url });
        expect([400, 404], `${url} → ${res.statusCode} ${res.body}`).toContain(res.statusCode);
        expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('serves a user whose id is an injection string like any other', async () => {
    const dee = USERS[3];
    const res = await api.app.inject({ url: `/api/users/${encodeURIComponent(dee.id)}/overview` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ userId: dee.id, plays: 0 });
  });

  it('queries as bi_reader, which can neither write nor read app tables', async () => {
    await expect(api.reader.raw('delete from warehouse.fct_play')).rejects.toThrow(
      /permission denied/,
    );
    await expect(api.reader.raw('select * from app.spotify_tokens')).rejects.toThrow(
      /permission denied/,
    );
  });
});
