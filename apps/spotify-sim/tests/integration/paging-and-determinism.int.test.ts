/*
 * Paging (offset and cursor), recently-played cursors, determinism for a seed and a
 * clock, history that grows as the clock advances, and the daily chart playlist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contractProblems,
  startHarness,
  type Harness,
  type Json,
  type Tokens,
} from './support/sim-client.ts';

let h: Harness;
let tokens: Tokens;
beforeAll(async () => {
  h = await startHarness();
  tokens = await h.login('chloe.sim');
});
afterAll(async () => {
  await h.close();
});

const ids = (pages: Json[], pick: (item: Json) => string = (i) => i.id) =>
  pages.flatMap((p) => p.items.map(pick));

describe('paging', () => {
  it('reaches every item of offset endpoints by following next', async () => {
    const cases: [string, (item: Json) => string][] = [
      ['/me/tracks?limit=7', (i) => i.track.id],
      ['/me/albums?limit=3', (i) => i.album.id],
      ['/me/top/tracks?limit=50&time_range=long_term', (i) => i.id],
      ['/me/top/artists?limit=13', (i) => i.id],
      ['/me/playlists?limit=1', (i) => i.id],
    ];
    for (const [path, pick] of cases) {
      const pages = await h.pages(tokens.access_token, path);
      const all = ids(pages, pick);
      const total = pages[0].total;
      expect(all.length, path).toBe(total);
      expect(new Set(all).size, path).toBe(total);
      expect(total, path).toBeGreaterThan(1);
      // The links keep the other parameters.
      if (path.includes('time_range')) expect(pages[0].next).toContain('time_range=long_term');
    }
  });

  it('reaches every followed artist through the cursor', async () => {
    const pages = await h.pages(
      tokens.access_token,
      '/me/following?type=artist&limit=2',
      (b) => b.artists,
    );
    const all = ids(pages);
    expect(all.length).toBe(pages[0].total);
    expect(new Set(all).size).toBe(all.length);
    expect(pages[0].cursors.after).toBe(all[1]);
  });

  it('walks recently-played back with before, at most 50 plays', async () => {
    const pages = await h.pages(tokens.access_token, '/me/player/recently-played?limit=20');
    const plays = pages.flatMap((p) => p.items.map((i: Json) => Date.parse(i.played_at)));
    expect(plays.length).toBe(50);
    expect([...plays].sort((a, b) => b - a)).toEqual(plays);
    expect(pages[0].next).toContain('before=');
  });

  it('returns only newer plays for after, and refuses after+before', async () => {
    const first = (await h.api(tokens.access_token, '/me/player/recently-played?limit=50')).body;
    const cursor = Number(first.cursors.after);
    expect(
      (await h.api(tokens.access_token, `/me/player/recently-played?after=${cursor}`)).body.items,
    ).toEqual([]);

    h.sim.clock.advance(24 * 3_600_000);
    // A day outlives the access token: log in again, as a client would refresh.
    tokens = await h.login('chloe.sim');
    const newer = (
      await h.api(tokens.access_token, `/me/player/recently-played?after=${cursor}&limit=50`)
    ).body;
    expect(newer.items.length).toBeGreaterThan(0);
    for (const item of newer.items) expect(Date.parse(item.played_at)).toBeGreaterThan(cursor);

    const both = await h.api(tokens.access_token, `/me/player/recently-played?after=1&before=2`);
    expect(both.status).toBe(400);
    expect(both.body.error.status).toBe(400);
    expect((await h.api(tokens.access_token, '/me/player/recently-played?limit=51')).status).toBe(
      400,
    );
  });

  it('caps search pages at 10 in dev mode', async () => {
    expect((await h.api(tokens.access_token, '/search?q=a&type=track&limit=11')).status).toBe(400);
    expect(
      (await h.api(tokens.access_token, '/search?q=a&type=track&limit=10')).body.tracks.items,
    ).toHaveLength(10);
  });
});

describe('determinism', () => {
  const snapshot = async (harness: Harness, token: string) => {
    const paths = [
      '/me/player/recently-played?limit=50',
      '/me/top/tracks?time_range=short_term',
      '/me/top/artists',
      '/me/tracks',
      '/me/following?type=artist',
    ];
    const bodies: string[] = [];
    for (const path of paths) {
      // hrefs carry the port, which differs between instances.
      bodies.push(
        JSON.stringify((await harness.api(token, path)).body).replaceAll(harness.url, ''),
      );
    }
    return bodies;
  };

  it('gives identical answers for the same seed and clock, across instances', async () => {
    const at = '2026-03-10T20:30:00Z';
    const other = await startHarness();
    try {
      await h.admin('PUT', '/_sim/clock', { now: at });
      await other.admin('PUT', '/_sim/clock', { now: at });
      const a = await snapshot(h, (await h.login('emre.sim')).access_token);
      const b = await snapshot(other, (await other.login('emre.sim')).access_token);
      expect(a).toEqual(b);
      expect(await snapshot(h, (await h.login('emre.sim')).access_token)).toEqual(a);
    } finally {
      await other.close();
    }
  });

  it('differs with another seed, and between users', async () => {
    const other = await startHarness({ seed: 7 });
    try {
      const a = (await h.api((await h.login('ayaka.sim')).access_token, '/me/top/artists?limit=5'))
        .body;
      const b = (
        await other.api((await other.login('ayaka.sim')).access_token, '/me/top/artists?limit=5')
      ).body;
      expect(a.items.map((x: Json) => x.id)).not.toEqual(b.items.map((x: Json) => x.id));
      const dana = (
        await h.api((await h.login('dana.sim')).access_token, '/me/top/artists?limit=5')
      ).body;
      expect(dana.items.map((x: Json) => x.id)).not.toEqual(a.items.map((x: Json) => x.id));
    } finally {
      await other.close();
    }
  });

  it('adds plays and library items as the clock advances', async () => {
    await h.admin('PUT', '/_sim/clock', { now: '2026-04-01T00:00:00Z' });
    const token = (await h.login('chloe.sim')).access_token;
    const before = (await h.api(token, '/me/player/recently-played?limit=1')).body.items[0]
      .played_at;
    const savedBefore = (await h.api(token, '/me/tracks?limit=1')).body.total;
    await h.admin('POST', '/_sim/clock/advance', { ms: 3 * 86_400_000 });
    const fresh = (await h.login('chloe.sim')).access_token;
    const after = (await h.api(fresh, '/me/player/recently-played?limit=1')).body.items[0]
      .played_at;
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    expect((await h.api(fresh, '/me/tracks?limit=1')).body.total).toBeGreaterThan(savedBefore);
  });

  it('re-orders the daily chart each day and changes its snapshot_id', async () => {
    await h.admin('PUT', '/_sim/clock', { now: '2026-05-01T12:00:00Z' });
    const token = (await h.login('ayaka.sim')).access_token;
    const chart = (await h.api(token, '/me/playlists')).body.items.find(
      (p: Json) => p.name === 'Friends Daily 50',
    );
    const read = async (t: string) => {
      const body = (await h.api(t, `/playlists/${chart.id}`)).body;
      return { snapshot: body.snapshot_id, order: body.items.items.map((i: Json) => i.item.id) };
    };
    const day1 = await read(token);
    h.sim.clock.advance(30 * 60_000);
    expect(await read(token)).toEqual(day1);
    await h.admin('POST', '/_sim/clock/advance', { ms: 86_400_000 });
    const day2 = await read((await h.login('ayaka.sim')).access_token);
    expect(day2.order).not.toEqual(day1.order);
    expect(day2.snapshot).not.toBe(day1.snapshot);
  });

  it('received only contract-valid bodies', () => {
    expect(contractProblems).toEqual([]);
  });
});
