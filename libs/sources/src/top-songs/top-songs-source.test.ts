import type { TimeRange, Track } from '@spotify-insights/spotify';
import { describe, expect, it } from 'vitest';
import { expectEnvelope, expectValidRecords } from '../test-support/expect-records.ts';
import { track } from '../test-support/fixtures.ts';
import { topSongsSource, type TopSongsClient } from './top-songs-source.ts';

const NOW = new Date('2026-11-23T23:59:59Z');
const TODAY = 20_780; // 2026-11-23 as days since 1970-01-01

const tops: Record<TimeRange, Track[]> = {
  short_term: [track('s1', 0, { popularity: 71 }), track('s2', 1)],
  medium_term: [track('m1', 2)],
  long_term: [track('l1', 3), track('l2', 0), track('l3', 1)],
};

function fakeClient() {
  const ranges: TimeRange[] = [];
  const client: TopSongsClient = {
    async getTopTracks(_userId, range = 'medium_term') {
      ranges.push(range);
      return tops[range];
    },
  };
  return { client, ranges };
}

const ctx = (client: TopSongsClient, checkpoint?: { lastSnapshotDay: number }, now = NOW) => ({
  client,
  userId: 'user-1',
  checkpoint,
  runId: 'run-2',
  now,
});

describe('top-songs source', () => {
  it('records every range with 1-based ranks and the UTC snapshot day', async () => {
    const { client, ranges } = fakeClient();
    const result = await topSongsSource.fetch(ctx(client));

    expect(ranges).toEqual(['short_term', 'medium_term', 'long_term']);
    expectValidRecords('top-songs', result.records, [
      ...tops.short_term,
      ...tops.medium_term,
      ...tops.long_term,
    ]);
    expectEnvelope(result.records, {
      user_id: 'user-1',
      fetched_at: NOW.getTime(),
      endpoint: 'GET /me/top/tracks',
      run_id: 'run-2',
    });
    expect(result.records.map((r) => [r.time_range, r.rank, r.track_id])).toEqual([
      ['short_term', 1, 's1'],
      ['short_term', 2, 's2'],
      ['medium_term', 1, 'm1'],
      ['long_term', 1, 'l1'],
      ['long_term', 2, 'l2'],
      ['long_term', 3, 'l3'],
    ]);
    expect(result.records[0]).toMatchObject({
      snapshot_date: TODAY,
      track_name: '<script>alert("x")</script>',
      album_id: 'al-s1',
      artist_ids: ['ar1', 'ar-s1'],
      popularity: 71,
    });
    expect(result.records[1]?.popularity).toBeNull();
    expect(result.checkpoint).toEqual({ lastSnapshotDay: TODAY });
  });

  it('takes one snapshot per day: a second run that day fetches nothing', async () => {
    const { client, ranges } = fakeClient();
    const first = await topSongsSource.fetch(ctx(client));
    const second = await topSongsSource.fetch(ctx(client, first.checkpoint));

    expect(ranges).toHaveLength(3);
    expect(second).toEqual({ records: [], checkpoint: { lastSnapshotDay: TODAY } });
  });

  it('takes the next snapshot on the next UTC day', async () => {
    const { client } = fakeClient();
    const tomorrow = new Date('2026-11-24T00:00:01Z');
    const result = await topSongsSource.fetch(ctx(client, { lastSnapshotDay: TODAY }, tomorrow));

    expect(result.records).toHaveLength(6);
    expect(result.records[0]?.snapshot_date).toBe(TODAY + 1);
    expect(result.checkpoint).toEqual({ lastSnapshotDay: TODAY + 1 });
  });
});
