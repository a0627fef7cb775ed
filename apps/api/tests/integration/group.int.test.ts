import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedOverview, playsOf, recordingOf } from '../support/expected.ts';
import { NOW, PLAYS, TRACKS, USERS, loadListeningFixture } from '../support/listening-fixture.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
const [ana, ben, cai, dee] = USERS.map((u) => u.id) as [string, string, string, string];
const members = [ana, ben, cai];

beforeAll(async () => {
  api = await createTestApi('api_group', { now: NOW });
  await loadListeningFixture(api.owner);
  // the connected accounts: dee is in the warehouse but not connected
  await api
    .owner('app.spotify_tokens')
    .insert(members.map((m) => ({ user_id: m, ciphertext: 'x' })));
});
afterAll(async () => api?.close());

const get = async (url: string) => {
  const res = await api.app.inject({ url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const artistsOf = (track: string) => TRACKS.find((t) => t.id === track)!.artists;

/** streams per artist for a member, all time */
function artistStreams(user: string): Map<string, number> {
  const streams = new Map<string, number>();
  for (const p of playsOf(user).filter((p) => p.ms >= 30_000))
    for (const a of artistsOf(p.track)) streams.set(a, (streams.get(a) ?? 0) + 1);
  return streams;
}

describe('friend group', () => {
  it('ranks the connected members by minutes', async () => {
    const body = await get('/api/group?range=all');
    expect(body.members).toEqual([...members].sort());
    const expected = members
      .map((m) => ({ spotifyUserId: m, ...expectedOverview(playsOf(m)) }))
      .sort((a, b) => b.minutes - a.minutes);
    expect(body.leaderboard.map((m: { spotifyUserId: string }) => m.spotifyUserId)).toEqual(
      expected.map((e) => e.spotifyUserId),
    );
    for (const row of body.leaderboard) {
      const e = expected.find((x) => x.spotifyUserId === row.spotifyUserId)!;
      expect(row).toMatchObject({
        minutes: e.minutes,
        streams: e.streams,
        distinctTracks: e.distinctTracks,
        distinctArtists: e.distinctArtists,
      });
    }
    expect(body.leaderboard.some((m: { spotifyUserId: string }) => m.spotifyUserId === dee)).toBe(
      false,
    );
  });

  it('lists artists at least two members streamed', async () => {
    const perMember = members.map(artistStreams);
    const all = new Set(perMember.flatMap((m) => [...m.keys()]));
    const expected = [...all]
      .map((a) => ({ a, listeners: perMember.filter((m) => m.has(a)).length }))
      .filter((x) => x.listeners >= 2);
    const body = await get('/api/group/shared/artists?limit=50');
    expect(
      Object.fromEntries(
        body.items.map((i: { spotifyId: string; listeners: number }) => [i.spotifyId, i.listeners]),
      ),
    ).toEqual(Object.fromEntries(expected.map((e) => [e.a, e.listeners])));
  });

  it('scores pairs with the weighted Jaccard of their artist shares', async () => {
    const shares = new Map(
      members.map((m) => {
        const s = artistStreams(m);
        const total = [...s.values()].reduce((a, b) => a + b, 0);
        return [m, new Map([...s].map(([a, n]) => [a, n / total]))];
      }),
    );
    const body = await get('/api/group/compatibility');
    expect(body.formula).toMatch(/min.*max/);
    expect(body.pairs).toHaveLength(3);
    for (const pair of body.pairs) {
      const sa = shares.get(pair.a)!;
      const sb = shares.get(pair.b)!;
      let min = 0;
      let max = 0;
      for (const x of new Set([...sa.keys(), ...sb.keys()])) {
        min += Math.min(sa.get(x) ?? 0, sb.get(x) ?? 0);
        max += Math.max(sa.get(x) ?? 0, sb.get(x) ?? 0);
      }
      expect(pair.score).toBeCloseTo(min / max, 4);
    }
  });

  it('recommends what friends streamed and the user never played', async () => {
    const heard = new Set(PLAYS.filter((p) => p.user === cai).map((p) => recordingOf(p.track)));
    const friendStreams = new Map<string, Set<string>>();
    for (const friend of [ana, ben])
      for (const p of playsOf(friend).filter((p) => p.ms >= 30_000)) {
        const r = recordingOf(p.track);
        if (!heard.has(r)) friendStreams.set(r, (friendStreams.get(r) ?? new Set()).add(friend));
      }
    const body = await get(`/api/users/${cai}/recommendations?limit=50`);
    expect(body.total).toBe(friendStreams.size);
    for (const item of body.items) {
      const track = TRACKS.find((t) => t.id === item.spotifyTrackId)!;
      expect(heard.has(recordingOf(track.id))).toBe(false);
      expect(item.friends).toBe(friendStreams.get(recordingOf(track.id))!.size);
    }
    // Delta: streamed by ana and ben → first
    expect(body.items[0]).toMatchObject({ spotifyTrackId: 'tr-delta', friends: 2 });
  });

  it('adds up everyone for the group top lists', async () => {
    const body = await get('/api/group/top/artists?limit=50');
    const total = new Map<string, number>();
    for (const m of members)
      for (const [a, n] of artistStreams(m)) total.set(a, (total.get(a) ?? 0) + n);
    expect(
      Object.fromEntries(
        body.items.map((i: { spotifyId: string; streams: number }) => [i.spotifyId, i.streams]),
      ),
    ).toEqual(Object.fromEntries(total));
    expect(body.items[0].streams).toBe(Math.max(...total.values()));
  });
});
