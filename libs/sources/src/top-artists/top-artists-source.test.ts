import type { Artist, TimeRange } from '@spotify-insights/spotify';
import { describe, expect, it } from 'vitest';
import { expectEnvelope, expectValidRecords } from '../test-support/expect-records.ts';
import { artist, hostileName } from '../test-support/fixtures.ts';
import { topArtistsSource, type TopArtistsClient } from './top-artists-source.ts';

const NOW = new Date('2026-11-23T01:00:00Z');
const TODAY = 20_780; // 2026-11-23

const tops: Record<TimeRange, Artist[]> = {
  // An older answer still carrying the fields removed in 2026-02.
  short_term: [
    artist('a1', {
      name: hostileName(2),
      genres: ['j-pop', "'; DROP TABLE genres;--"],
      popularity: 64,
      followers: { href: null, total: 123_456 },
    }),
  ],
  medium_term: [artist('a2', { name: hostileName(0) }), artist('a3')],
  long_term: [],
};

function fakeClient() {
  const ranges: TimeRange[] = [];
  const client: TopArtistsClient = {
    async getTopArtists(_userId, range = 'medium_term') {
      ranges.push(range);
      return tops[range];
    },
  };
  return { client, ranges };
}

const ctx = (client: TopArtistsClient, checkpoint?: { lastSnapshotDay: number }) => ({
  client,
  userId: 'user-1',
  checkpoint,
  runId: 'run-3',
  now: NOW,
});

describe('top-artists source', () => {
  it('records every range with ranks, and removed fields as null when absent', async () => {
    const { client, ranges } = fakeClient();
    const result = await topArtistsSource.fetch(ctx(client));

    expect(ranges).toEqual(['short_term', 'medium_term', 'long_term']);
    expectValidRecords('top-artists', result.records, [...tops.short_term, ...tops.medium_term]);
    expectEnvelope(result.records, {
      user_id: 'user-1',
      fetched_at: NOW.getTime(),
      endpoint: 'GET /me/top/artists',
      run_id: 'run-3',
    });
    expect(result.records[0]).toMatchObject({
      time_range: 'short_term',
      rank: 1,
      snapshot_date: TODAY,
      artist_id: 'a1',
      artist_name: '東京事変 — 「群青日和」',
      genres: ['j-pop', "'; DROP TABLE genres;--"],
      popularity: 64,
      followers: 123_456,
    });
    expect(result.records[2]).toMatchObject({
      time_range: 'medium_term',
      rank: 2,
      artist_id: 'a3',
      genres: null,
      popularity: null,
      followers: null,
    });
    expect(result.checkpoint).toEqual({ lastSnapshotDay: TODAY });
  });

  it('skips the fetch when the snapshot of the day was already taken', async () => {
    const { client, ranges } = fakeClient();
    const result = await topArtistsSource.fetch(ctx(client, { lastSnapshotDay: TODAY }));

    expect(ranges).toEqual([]);
    expect(result).toEqual({ records: [], checkpoint: { lastSnapshotDay: TODAY } });
  });
});
