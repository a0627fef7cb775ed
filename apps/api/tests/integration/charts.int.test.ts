import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHART,
  CHART_DAYS,
  PLAYLIST,
  STREAMS_PER_RANK,
  loadChartFixture,
} from '../support/chart-fixture.ts';
import { NOW, TRACKS, loadListeningFixture } from '../support/listening-fixture.ts';
import { createTestApi, type TestApi } from '../support/test-api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi('api_charts', { now: NOW });
  await loadListeningFixture(api.owner);
  await loadChartFixture(api.owner);
});
afterAll(async () => api?.close());

const get = async (url: string, status = 200) => {
  const res = await api.app.inject({ url });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
const base = `/api/charts/${CHART}`;
const rankOn = (date: string, track: string) => {
  const i = CHART_DAYS.find((d) => d.date === date)!.ranks.indexOf(track);
  return i < 0 ? null : i + 1;
};

describe('charts', () => {
  it('lists the charts with their span', async () => {
    expect((await get('/api/charts')).items).toEqual([
      {
        chartName: CHART,
        dates: 4,
        firstDate: '2026-06-01',
        lastDate: '2026-06-05',
        tracks: 6,
        sources: ['charts_csv'],
      },
    ]);
  });

  it('gives each top track’s rank on every date it was on the chart', async () => {
    const body = await get(`${base}/rank-history?limit=3`);
    const latest = CHART_DAYS.at(-1)!.ranks.slice(0, 3);
    expect(body.tracks.map((t: { spotifyTrackId: string }) => t.spotifyTrackId)).toEqual(latest);
    for (const t of body.tracks)
      expect(t.points).toEqual(
        CHART_DAYS.filter((d) => d.ranks.includes(t.spotifyTrackId)).map((d) => ({
          date: d.date,
          rank: rankOn(d.date, t.spotifyTrackId),
        })),
      );
    const one = await get(`${base}/rank-history?trackId=tr-glow-single`);
    expect(one.tracks).toEqual([
      expect.objectContaining({
        spotifyTrackId: 'tr-glow-single',
        points: [{ date: '2026-06-04', rank: 4 }],
      }),
    ]);
  });

  it('finds new entries against the previous chart date, debut or re-entry', async () => {
    const body = await get(`${base}/new-entries?date=2026-06-04`);
    expect(body).toMatchObject({ date: '2026-06-04', previousDate: '2026-06-02' });
    const previous = new Set(CHART_DAYS[1]!.ranks);
    expect(body.items.map((i: { spotifyTrackId: string }) => i.spotifyTrackId)).toEqual(
      CHART_DAYS[2]!.ranks.filter((t) => !previous.has(t)),
    );
    expect(body.items[0]).toMatchObject({
      spotifyTrackId: 'tr-glow-single',
      isDebut: true,
      change: null,
    });
    const reentry = await get(`${base}/new-entries?date=2026-06-05`);
    expect(reentry.items).toEqual([
      expect.objectContaining({ spotifyTrackId: 'tr-echo', rank: 1, isDebut: false }),
    ]);
  });

  it('ranks movers by the change since the previous date', async () => {
    const [prev, cur] = [CHART_DAYS[2]!, CHART_DAYS[3]!];
    const changes = cur.ranks
      .filter((t) => prev.ranks.includes(t))
      .map((t) => ({ t, change: rankOn(prev.date, t)! - rankOn(cur.date, t)! }));
    const up = await get(`${base}/movers`);
    expect(
      up.items.map((i: { spotifyTrackId: string; change: number }) => [i.spotifyTrackId, i.change]),
    ).toEqual(
      changes
        .filter((c) => c.change > 0)
        .sort((a, b) => b.change - a.change)
        .map((c) => [c.t, c.change]),
    );
    const down = await get(`${base}/movers?direction=down`);
    expect(down.items.map((i: { change: number }) => i.change)).toEqual(
      changes
        .filter((c) => c.change < 0)
        .map((c) => c.change)
        .sort((a, b) => a - b),
    );
  });

  it('counts dates on the chart and the peak', async () => {
    const body = await get(`${base}/longest?limit=50`);
    for (const item of body.items) {
      const days = CHART_DAYS.filter((d) => d.ranks.includes(item.spotifyTrackId));
      expect(item.dates).toBe(days.length);
      expect(item.peakRank).toBe(
        Math.min(...days.map((d) => rankOn(d.date, item.spotifyTrackId)!)),
      );
    }
    expect(body.items[0].dates).toBe(4);
  });

  it('shares positions and streams among artists', async () => {
    const date = '2026-06-04';
    const ranks = CHART_DAYS.find((d) => d.date === date)!.ranks;
    const entries = new Map<string, number>();
    const streams = new Map<string, number>();
    ranks.forEach((track, i) => {
      for (const a of TRACKS.find((t) => t.id === track)!.artists) {
        entries.set(a, (entries.get(a) ?? 0) + 1);
        streams.set(a, (streams.get(a) ?? 0) + STREAMS_PER_RANK[i]!);
      }
    });
    const total = STREAMS_PER_RANK.reduce((a, b) => a + b, 0);
    const body = await get(`${base}/artist-share?date=${date}`);
    expect(
      Object.fromEntries(
        body.items.map((i: { spotifyArtistId: string; share: number; streamShare: number }) => [
          i.spotifyArtistId,
          [i.share, i.streamShare],
        ]),
      ),
    ).toEqual(
      Object.fromEntries(
        [...entries].map(([a, n]) => [
          a,
          [n / ranks.length, Math.round((streams.get(a)! / total) * 10000) / 10000],
        ]),
      ),
    );
  });

  it('answers NOT_FOUND for unknown charts and dates', async () => {
    expect((await get('/api/charts/nope/movers', 404)).error.code).toBe('NOT_FOUND');
    expect((await get(`${base}/movers?date=2026-06-03`, 404)).error.code).toBe('NOT_FOUND');
  });
});

describe('playlists', () => {
  it('tracks positions over snapshots', async () => {
    const list = await get('/api/playlists');
    expect(list.items[0]).toMatchObject({ spotifyPlaylistId: PLAYLIST.id, snapshots: 2 });
    const body = await get(`/api/playlists/${PLAYLIST.id}/rank-history`);
    expect(body.tracks.map((t: { spotifyTrackId: string }) => t.spotifyTrackId)).toEqual(
      PLAYLIST.snapshots[1]!.tracks,
    );
    expect(body.tracks[1]).toMatchObject({
      spotifyTrackId: 'tr-glow',
      points: [
        { date: '2026-06-01', rank: 1 },
        { date: '2026-06-02', rank: 2 },
      ],
    });
  });
});
