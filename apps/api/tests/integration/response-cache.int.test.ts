import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@spotify-insights/logging';
import { warehouseDataVersion } from '@spotify-insights/warehouse';
import { startCacheWarmer, warmUrls } from '../../src/cache/cache-warmer.ts';
import { ResponseCache } from '../../src/cache/response-cache.ts';
import { NOW, USERS, loadListeningFixture } from '../support/listening-fixture.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

/*
 * The cache as main.ts wires it: keyed on the warehouse's data version (finished
 * transform runs), so a load is seen as soon as its run is recorded, and not before.
 */
let api: TestApi;
let cache: ResponseCache;
beforeAll(async () => {
  // the scratch warehouse exists only once the API is built
  const scratch: { owner?: TestApi['owner'] } = {};
  cache = new ResponseCache({
    maxEntries: 100,
    ttlMs: 60_000,
    versionCheckMs: 0,
    version: () => warehouseDataVersion(scratch.owner!),
  });
  api = await createTestApi('api_response_cache', { now: NOW, deps: { cache } });
  scratch.owner = api.owner;
  await loadListeningFixture(api.owner);
});
afterAll(async () => api?.close());

const plays = async () =>
  (await api.app.inject({ url: `/api/users/${USERS[2].id}/overview` })).json().plays as number;

describe('response cache', () => {
  it('answers from memory until a transform run finishes', async () => {
    const first = await plays();
    const [user] = await api
      .owner('warehouse.dim_user')
      .where({ spotify_user_id: USERS[2].id })
      .select('user_key');
    const [track] = await api.owner('warehouse.dim_track').select('track_key').limit(1);
    await api.owner('warehouse.fct_play').insert({
      user_key: user.user_key,
      track_key: track.track_key,
      played_at: '2026-06-01T00:00:00Z',
      ms_played: 100_000,
      source: 'import',
      load_batch_id: 'cache-test',
    });
    expect(await plays()).toBe(first);
    await api.owner('app.transform_runs').insert({
      run_id: 'cache-test-run',
      trigger: 'manual',
      status: 'succeeded',
      finished_at: new Date(),
    });
    expect(await plays()).toBe(first + 1);
  });
});

describe('cache warmer', () => {
  it('asks the usual questions again after each load, under the requests’ own keys', async () => {
    const ana = USERS[0].id;
    await api.owner('app.spotify_tokens').insert({ user_id: ana, ciphertext: 'x' });
    await api.owner('app.transform_runs').insert({
      run_id: 'warm-test-run',
      trigger: 'manual',
      status: 'succeeded',
      finished_at: new Date(),
    });
    const warmer = startCacheWarmer({
      app: api.app,
      cache,
      owner: api.owner,
      logger: createLogger('warmer-test', { level: 'error' }),
      intervalMs: 50,
    });
    try {
      const expected = warmUrls([ana]).length;
      await expect.poll(() => cache.size, { timeout: 30_000 }).toBe(expected);
      // the same questions in another spelling are the same entries
      for (const url of [
        `/api/users/${ana}/top/tracks?limit=10&range=4w&offset=0`,
        `/api/users/${ana}/overview?range=all`,
      ])
        expect((await api.app.inject({ url })).statusCode).toBe(200);
      expect(cache.size).toBe(expected);
    } finally {
      warmer.stop();
    }
  });
});
