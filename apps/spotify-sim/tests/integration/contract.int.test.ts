/*
 * Every GET route the simulator serves, for two users and both profiles, validated
 * against the OpenAPI contract by the harness; dev-mode-2026 bodies must also carry
 * none of the fields Spotify removed in 2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractProblems, received, startHarness, type Harness } from './support/sim-client.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function everyRoute(userId: string) {
  const { access_token: token } = await h.login(userId);
  const statuses: Record<string, number> = {};
  const get = async (path: string) => {
    const res = await h.api(token, path);
    statuses[path.split('?')[0]!] = res.status;
    expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  };
  await get('/me');
  await get('/me/player/recently-played?limit=50');
  for (const range of ['short_term', 'medium_term', 'long_term']) {
    await get(`/me/top/tracks?time_range=${range}&limit=50`);
    await get(`/me/top/artists?time_range=${range}&limit=50`);
  }
  const saved = await get('/me/tracks?limit=50');
  await get('/me/albums?limit=50');
  const playlists = await get('/me/playlists?limit=50');
  const following = await get('/me/following?type=artist&limit=50');
  const own = playlists.items.find((p: { owner: { id: string } }) => p.owner.id === userId);
  await get(`/playlists/${own.id}`);
  await get(`/playlists/${own.id}/items?limit=50`);
  const track = saved.items[0].track;
  await get(`/tracks/${track.id}`);
  await get(`/albums/${track.album.id}`);
  await get(`/albums/${track.album.id}/tracks`);
  await get(`/artists/${track.artists[0].id}`);
  await get(`/artists/${following.artists.items[0].id}/albums?limit=10`);
  await get('/search?q=a&type=track,artist,album,playlist,show,episode&limit=10');
  const show = await get('/search?q=podcast&type=show&limit=1');
  if (show.shows.items[0]) await get(`/shows/${show.shows.items[0].id}`);
  return { token, track, own };
}

describe('contract', () => {
  for (const profile of ['dev-mode-2026', 'extended-legacy'] as const) {
    it(`serves contract-valid bodies for two users in ${profile}`, async () => {
      await h.setProfile(profile);
      for (const user of ['ayaka.sim', 'dana.sim']) await everyRoute(user);
      expect(contractProblems).toEqual([]);
    });
  }

  it('drops removed fields in dev-mode-2026 and has them in extended-legacy', async () => {
    await h.setProfile('extended-legacy');
    const { token, track } = await everyRoute('boris.sim');
    const me = (await h.api(token, '/me')).body;
    expect(me).toHaveProperty('email');
    expect(me).toHaveProperty('country');
    expect(me).toHaveProperty('product');
    const artist = (await h.api(token, `/artists/${track.artists[0].id}`)).body;
    expect(artist.genres.length).toBeGreaterThan(0);
    expect(artist).toHaveProperty('popularity');
    expect(artist).toHaveProperty('followers');
    const features = await h.api(token, `/audio-features/${track.id}`);
    expect(features.status).toBe(200);
    expect(features.body.energy).toBeTypeOf('number');
    await h.setProfile('dev-mode-2026');
    const devMe = (await h.api(token, '/me')).body;
    expect(Object.keys(devMe)).not.toContain('email');
    expect(contractProblems).toEqual([]);
  });

  it('answers removed endpoints as Spotify does in dev-mode-2026', async () => {
    await h.setProfile('dev-mode-2026');
    const { token, track, own } = await everyRoute('chloe.sim');
    const artistId = track.artists[0].id;
    const expectations: [string, number][] = [
      [`/tracks?ids=${track.id}`, 404],
      [`/albums?ids=${track.album.id}`, 404],
      [`/artists?ids=${artistId}`, 404],
      ['/users/chloe.sim', 404],
      ['/users/chloe.sim/playlists', 404],
      [`/artists/${artistId}/top-tracks`, 404],
      [`/artists/${artistId}/related-artists`, 403],
      [`/audio-features/${track.id}`, 403],
      [`/audio-features?ids=${track.id}`, 403],
      [`/audio-analysis/${track.id}`, 403],
      ['/recommendations?seed_genres=jazz', 403],
      ['/browse/new-releases', 404],
      ['/browse/featured-playlists', 403],
      ['/markets', 404],
      [`/playlists/${own.id}/tracks`, 404],
      ['/playlists/37i9dQZEVXbMDoHDwVN2tF', 404],
    ];
    for (const [path, status] of expectations) {
      const res = await h.api(token, path);
      expect(res.status, path).toBe(status);
      expect(res.body.error.status).toBe(status);
    }
    // Someone else's playlist: metadata yes, items no.
    const playlists = (await h.api(token, '/me/playlists')).body;
    const friends = playlists.items.find(
      (p: { owner: { id: string } }) => p.owner.id !== 'chloe.sim' && p.owner.id !== 'spotify',
    );
    expect((await h.api(token, `/playlists/${friends.id}`)).body.items).toBeUndefined();
    expect((await h.api(token, `/playlists/${friends.id}/items`)).status).toBe(403);
  });

  it('works for the removed endpoints in extended-legacy', async () => {
    await h.setProfile('extended-legacy');
    const { token, track } = await everyRoute('emre.sim');
    for (const path of [
      `/tracks?ids=${track.id}`,
      '/users/emre.sim',
      `/artists/${track.artists[0].id}/top-tracks`,
      `/audio-features?ids=${track.id}`,
      '/playlists/37i9dQZEVXbMDoHDwVN2tF',
    ]) {
      expect((await h.api(token, path)).status, path).toBe(200);
    }
    expect(contractProblems).toEqual([]);
  });

  it('enforces scopes: a missing scope is a 403', async () => {
    await h.setProfile('dev-mode-2026');
    const { access_token } = await h.login('ayaka.sim', 'user-read-private');
    expect((await h.api(access_token, '/me')).status).toBe(200);
    const noScopes = await h.login('ayaka.sim', 'user-top-read');
    expect((await h.api(noScopes.access_token, '/me')).status).toBe(403);
    for (const path of [
      '/me/top/tracks',
      '/me/player/recently-played',
      '/me/tracks',
      '/me/playlists',
      '/me/following?type=artist',
    ]) {
      const res = await h.api(access_token, path);
      expect(res.status, path).toBe(403);
    }
  });

  it('received responses for both profiles and at least two users', () => {
    expect(new Set(received.map((r) => r.profile)).size).toBe(2);
    expect(received.length).toBeGreaterThan(100);
  });
});
