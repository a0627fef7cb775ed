import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedStreaks, playsOf, recordingOf, weekdayHour } from '../support/expected.ts';
import {
  ARTISTS,
  EPISODE_PLAYS,
  NOW,
  TRACKS,
  USERS,
  loadListeningFixture,
} from '../support/listening-fixture.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi('api_user_habits', { now: NOW });
  await loadListeningFixture(api.owner);
});
afterAll(async () => api?.close());

const ana = USERS[0].id;
const ben = USERS[1].id;
const get = async (url: string) => {
  const res = await api.app.inject({ url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('listening clock', () => {
  it('counts plays per weekday and hour, in the zone asked for', async () => {
    for (const [tz, offset] of [
      ['UTC', 0],
      ['Asia/Tokyo', 9],
    ] as const) {
      const body = await get(`/api/users/${ana}/clock?tz=${tz}`);
      expect(body.cells).toHaveLength(168);
      const expected = new Map<string, number>();
      for (const p of playsOf(ana)) {
        const key = weekdayHour(p.playedAt, offset).join(':');
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
      const actual = new Map(
        body.cells
          .filter((c: { plays: number }) => c.plays > 0)
          .map((c: { weekday: number; hour: number; plays: number }) => [
            `${c.weekday}:${c.hour}`,
            c.plays,
          ]),
      );
      expect(actual).toEqual(expected);
    }
  });

  it('defaults to the user’s own zone', async () => {
    const body = await get(`/api/users/${ben}/clock`);
    expect(body.timeZone).toBe('Asia/Tokyo');
    // 2026-06-01T16:00Z is Tuesday 01:00 in Tokyo
    expect(
      body.cells.find((c: { weekday: number; hour: number }) => c.weekday === 2 && c.hour === 1)
        .plays,
    ).toBe(1);
  });
});

describe('monthly evolution', () => {
  it('sums each local month, podcasts apart', async () => {
    const body = await get(`/api/users/${ana}/monthly`);
    const months = new Map<string, { plays: number; ms: number }>();
    for (const p of playsOf(ana)) {
      const m = p.playedAt.slice(0, 7);
      const t = months.get(m) ?? { plays: 0, ms: 0 };
      t.plays += 1;
      t.ms += p.ms;
      months.set(m, t);
    }
    for (const e of EPISODE_PLAYS.filter((e) => e.user === ana))
      if (!months.has(e.playedAt.slice(0, 7)))
        months.set(e.playedAt.slice(0, 7), { plays: 0, ms: 0 });
    expect(body.months.map((m: { month: string }) => m.month)).toEqual([...months.keys()].sort());
    for (const m of body.months) {
      expect(m.plays).toBe(months.get(m.month)!.plays);
      expect(m.minutes).toBe(Math.round((months.get(m.month)!.ms / 60_000) * 100) / 100);
    }
    expect(body.months.find((m: { month: string }) => m.month === '2026-06').podcastMinutes).toBe(
      20,
    );
  });
});

describe('sessions and streaks', () => {
  it('finds streaks of local days with a stream (music or podcast)', async () => {
    const days = [
      ...playsOf(ana)
        .filter((p) => p.ms >= 30_000)
        .map((p) => p.playedAt.slice(0, 10)),
      ...EPISODE_PLAYS.filter((e) => e.user === ana && e.ms >= 30_000).map((e) =>
        e.playedAt.slice(0, 10),
      ),
    ];
    const expected = expectedStreaks(days);
    const body = await get(`/api/users/${ana}/streaks?limit=50`);
    expect(body.total).toBe(expected.length);
    expect(body.longest).toMatchObject({ days: expected[0]!.days });
    expect(body.items.map((s: { days: number }) => s.days)).toEqual(expected.map((e) => e.days));
    // 2026-06-14 and 2026-06-15 (incognito only on the 15th): the 14th is yesterday, still current
    expect(body.current).toBeNull(); // marts.streaks compares with the database's clock, not NOW
  });

  it('finds the sessions marts.sessions finds, for all time', async () => {
    // independently: sort the plays, a start more than 10 min after the latest end cuts
    const plays = [
      ...playsOf(ana).map((p) => ({ end: Date.parse(p.playedAt), ms: p.ms })),
      ...EPISODE_PLAYS.filter((e) => e.user === ana).map((e) => ({
        end: Date.parse(e.playedAt),
        ms: e.ms,
      })),
    ].sort((a, b) => a.end - b.end);
    const sessions: { start: number; end: number; plays: number }[] = [];
    let latestEnd = -Infinity;
    for (const p of plays) {
      const start = p.end - p.ms;
      if (start - latestEnd > 600_000) sessions.push({ start, end: p.end, plays: 0 });
      const current = sessions.at(-1)!;
      current.plays += 1;
      current.end = Math.max(current.end, p.end);
      latestEnd = Math.max(latestEnd, p.end);
    }
    const body = await get(`/api/users/${ana}/sessions?limit=50`);
    expect(body.sessions).toBe(sessions.length);
    expect(
      body.items.map((s: { startedAt: string; plays: number }) => [
        Date.parse(s.startedAt),
        s.plays,
      ]),
    ).toEqual(sessions.map((s) => [s.start, s.plays]).reverse());
    const view = await api
      .owner('marts.sessions')
      .where({ spotify_user_id: ana })
      .count({ n: '*' });
    expect(Number(view[0]!.n)).toBe(sessions.length);
  });

  it('cuts sessions at gaps over 10 minutes', async () => {
    const body = await get(`/api/users/${ana}/sessions?range=custom&from=2026-05-22&to=2026-05-22`);
    // 07:00 (ended; 200 s) and 07:04 (150 s, started 07:01:30): one session
    expect(body.sessions).toBe(1);
    expect(body.items[0]).toMatchObject({ plays: 2 });
    const june = await get(`/api/users/${ana}/sessions?range=custom&from=2026-06-14&to=2026-06-14`);
    expect(june.sessions).toBe(1);
    expect(june.items[0].plays).toBe(3);
  });
});

describe('discovery, podcasts, genres', () => {
  it('lists recordings first heard in the range', async () => {
    const firsts = new Map<string, number>();
    for (const p of playsOf(ana)) {
      const r = recordingOf(p.track);
      firsts.set(r, Math.min(firsts.get(r) ?? Infinity, Date.parse(p.playedAt)));
    }
    const yearStart = Date.parse('2026-01-01T00:00:00Z');
    const expected = [...firsts.entries()].filter(([, t]) => t >= yearStart && t < NOW.getTime());
    const body = await get(`/api/users/${ana}/discovery?range=year`);
    expect(body.newTracks).toBe(expected.length);
    expect(body.items.map((i: { firstPlayedAt: string }) => Date.parse(i.firstPlayedAt))).toEqual(
      expected.map(([, t]) => t).sort((a, b) => b - a),
    );
    // Delta Nine (on tr-delta and tr-echo) is the only artist first heard in 2026
    expect(body.newArtists).toBe(1);
  });

  it('sums podcast shows', async () => {
    const body = await get(`/api/users/${ana}/podcasts`);
    expect(body.items).toEqual([
      expect.objectContaining({ showName: 'Data Talks', plays: 2, episodes: 1, minutes: 30 }),
    ]);
  });

  it('shares streams among genres where artists have them', async () => {
    const genresOf = new Map<string, readonly string[]>(ARTISTS.map((a) => [a.id, a.genres]));
    const streams = new Map<string, number>();
    let base = 0;
    for (const p of playsOf(ana).filter((p) => p.ms >= 30_000))
      for (const artist of TRACKS.find((t) => t.id === p.track)!.artists) {
        const genres = genresOf.get(artist)!;
        if (genres.length) base += 1;
        for (const g of genres) streams.set(g, (streams.get(g) ?? 0) + 1);
      }
    const body = await get(`/api/users/${ana}/genres`);
    expect(body.available).toBe(true);
    expect(
      Object.fromEntries(
        body.items.map((g: { genre: string; streams: number; share: number }) => [
          g.genre,
          [g.streams, g.share],
        ]),
      ),
    ).toEqual(
      Object.fromEntries(
        [...streams].map(([g, n]) => [g, [n, Math.round((n / base) * 10000) / 10000]]),
      ),
    );
    const none = await get(`/api/users/${ben}/genres?range=custom&from=2026-06-05&to=2026-06-07`);
    expect(none).toMatchObject({ available: false, items: [], total: 0 });
  });
});
