import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectedOverview,
  expectedTopAlbums,
  expectedTopArtists,
  expectedTopRecordings,
  playsOf,
} from '../support/expected.ts';
import { ALBUMS, ARTISTS, NOW, USERS, loadListeningFixture } from '../support/listening-fixture.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi('api_user_insights', { now: NOW });
  await loadListeningFixture(api.owner);
});
afterAll(async () => api?.close());

const ana = USERS[0].id;
const ben = USERS[1].id;
const DAY = 86_400_000;
const get = async (url: string) => {
  const res = await api.app.inject({ url });
  return { status: res.statusCode, body: res.json() };
};

describe('GET /api/users/:userId/overview', () => {
  it('sums all time, incognito left out, one ISRC one track', async () => {
    const { status, body } = await get(`/api/users/${ana}/overview?range=all`);
    expect(status).toBe(200);
    expect(body).toMatchObject(expectedOverview(playsOf(ana)));
    expect(body).toMatchObject({ podcastPlays: 2, podcastMinutes: 30 });
  });

  it('takes the last 28 days before now for 4w', async () => {
    const { body } = await get(`/api/users/${ana}/overview?range=4w`);
    expect(body).toMatchObject(
      expectedOverview(playsOf(ana, NOW.getTime() - 28 * DAY, NOW.getTime())),
    );
    expect(body.from).toBe(new Date(NOW.getTime() - 28 * DAY).toISOString());
  });

  it('starts "this year" at the local new year', async () => {
    // 2025-12-31T23:30Z is already 2026 in Tokyo, still 2025 in UTC
    const utc = await get(`/api/users/${ana}/overview?range=year`);
    expect(utc.body).toMatchObject(
      expectedOverview(playsOf(ana, Date.parse('2026-01-01T00:00:00Z'), NOW.getTime())),
    );
    const tokyo = await get(`/api/users/${ana}/overview?range=year&tz=Asia/Tokyo`);
    expect(tokyo.body).toMatchObject(
      expectedOverview(playsOf(ana, Date.parse('2025-12-31T15:00:00Z'), NOW.getTime())),
    );
    expect(tokyo.body.timeZone).toBe('Asia/Tokyo');
  });

  it('uses the user’s own zone for custom local days', async () => {
    // Ben is in Tokyo: 2026-06-02 local runs from 2026-06-01T15:00Z
    const { body } = await get(
      `/api/users/${ben}/overview?range=custom&from=2026-06-02&to=2026-06-02`,
    );
    expect(body).toMatchObject(
      expectedOverview(
        playsOf(ben, Date.parse('2026-06-01T15:00:00Z'), Date.parse('2026-06-02T15:00:00Z')),
      ),
    );
    expect(body.plays).toBe(1);
  });

  it('answers with error codes for bad input', async () => {
    expect((await get(`/api/users/nobody/overview`)).body.error.code).toBe('USER_NOT_FOUND');
    expect((await get(`/api/users/${ana}/overview?range=custom`)).body.error.code).toBe(
      'INVALID_RANGE',
    );
    expect(
      (await get(`/api/users/${ana}/overview?range=custom&from=2026-02-01&to=2026-01-01`)).body
        .error.code,
    ).toBe('INVALID_RANGE');
    expect(
      (await get(`/api/users/${ana}/overview?range=year&from=2026-01-01`)).body.error.code,
    ).toBe('INVALID_RANGE');
    const badRange = await get(`/api/users/${ana}/overview?range=decade`);
    expect(badRange.status).toBe(400);
    expect(badRange.body.error.code).toBe('VALIDATION_FAILED');
    expect((await get(`/api/users/${ana}/overview?tz=Mars/Olympus`)).body.error.code).toBe(
      'INVALID_TIME_ZONE',
    );
    expect((await get(`/api/users/${ana}/overview?tz=%2B05:00`)).body.error.code).toBe(
      'INVALID_TIME_ZONE',
    );
    expect((await get(`/api/users/${ana}/overview?colour=blue`)).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('GET /api/users/:userId/top/*', () => {
  const artistNames = new Map<string, string>(ARTISTS.map((a) => [a.id, a.name]));
  const albumNames = new Map<string, string>(ALBUMS.map((a) => [a.id, a.name]));

  it('ranks artists (every credited artist) like the independent count', async () => {
    const { body } = await get(`/api/users/${ana}/top/artists?range=all&limit=50`);
    const expected = expectedTopArtists(playsOf(ana), artistNames);
    expect(body.total).toBe(expected.length);
    expect(
      body.items.map((i: Record<string, unknown>) => ({
        rank: i.rank,
        key: i.spotifyArtistId,
        plays: i.plays,
        streams: i.streams,
        minutes: i.minutes,
      })),
    ).toEqual(expected);
  });

  it('ranks albums', async () => {
    const { body } = await get(`/api/users/${ben}/top/albums?range=all`);
    const expected = expectedTopAlbums(playsOf(ben), albumNames);
    expect(body.items.map((i: Record<string, unknown>) => [i.spotifyAlbumId, i.streams])).toEqual(
      expected.map((e) => [e.key, e.streams]),
    );
  });

  it('counts a recording under both its ids, shown as the most played id', async () => {
    const { body } = await get(`/api/users/${ana}/top/tracks?range=4w`);
    const expected = expectedTopRecordings(playsOf(ana, NOW.getTime() - 28 * DAY, NOW.getTime()));
    expect(body.items.map((i: Record<string, unknown>) => i.streams)).toEqual(
      expected.map((e) => e.streams),
    );
    expect(body.items[0]).toMatchObject({
      rank: 1,
      spotifyTrackId: 'tr-glow',
      trackName: 'Glow',
      artistNames: 'Aurora Lane',
      albumName: 'Glow Sessions',
      plays: 3,
      streams: 3,
    });
  });

  it('pages with limit and offset, and caps the page size', async () => {
    const all = (await get(`/api/users/${ana}/top/artists?limit=50`)).body;
    const second = (await get(`/api/users/${ana}/top/artists?limit=2&offset=2`)).body;
    expect(second).toMatchObject({ total: all.total, limit: 2, offset: 2 });
    expect(second.items).toEqual(all.items.slice(2, 4));
    expect((await get(`/api/users/${ana}/top/artists?limit=51`)).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await get(`/api/users/${ana}/top/artists?offset=-1`)).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
  });
});
