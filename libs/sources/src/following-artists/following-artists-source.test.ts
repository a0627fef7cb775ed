import type { Artist } from '@spotify-insights/spotify';
import { describe, expect, it } from 'vitest';
import { expectEnvelope, expectValidRecords } from '../test-support/expect-records.ts';
import { artist, hostileName } from '../test-support/fixtures.ts';
import { followingArtistsSource, type FollowingArtistsClient } from './following-artists-source.ts';

const NOW = new Date('2026-11-23T01:00:00Z');
const TODAY = 20_780; // 2026-11-23

const followed: Artist[] = [
  artist('a1', { name: hostileName(1) }),
  artist('a2', {
    name: hostileName(2),
    genres: ['<b>shibuya-kei</b>'],
    followers: { href: null, total: 42 },
    popularity: 0,
  }),
];

function fakeClient() {
  const calls: string[] = [];
  const client: FollowingArtistsClient = {
    async getFollowedArtists(userId) {
      calls.push(userId);
      return followed;
    },
  };
  return { client, calls };
}

const ctx = (client: FollowingArtistsClient, checkpoint?: { lastSnapshotDay: number }) => ({
  client,
  userId: 'user-1',
  checkpoint,
  runId: 'run-6',
  now: NOW,
});

describe('following-artists source', () => {
  it('maps every followed artist into the day snapshot', async () => {
    const { client } = fakeClient();
    const result = await followingArtistsSource.fetch(ctx(client));

    expectValidRecords('following-artists', result.records, followed);
    expectEnvelope(result.records, {
      user_id: 'user-1',
      fetched_at: NOW.getTime(),
      endpoint: 'GET /me/following',
      run_id: 'run-6',
    });
    expect(result.records[0]).toMatchObject({
      snapshot_date: TODAY,
      artist_id: 'a1',
      artist_name: "'; DROP TABLE tracks;--",
      genres: null,
      followers: null,
      popularity: null,
    });
    expect(result.records[1]).toMatchObject({
      artist_name: '東京事変 — 「群青日和」',
      genres: ['<b>shibuya-kei</b>'],
      followers: 42,
      popularity: 0,
    });
    expect(result.checkpoint).toEqual({ lastSnapshotDay: TODAY });
  });

  it('takes one snapshot per day', async () => {
    const { client, calls } = fakeClient();
    const first = await followingArtistsSource.fetch(ctx(client));
    const second = await followingArtistsSource.fetch(ctx(client, first.checkpoint));

    expect(calls).toHaveLength(1);
    expect(second).toEqual({ records: [], checkpoint: { lastSnapshotDay: TODAY } });
  });
});
