import type { PlayHistory, RecentlyPlayedOptions } from '@spotify-insights/spotify';
import { describe, expect, it } from 'vitest';
import { expectEnvelope, expectValidRecords } from '../test-support/expect-records.ts';
import { play } from '../test-support/fixtures.ts';
import { recentPlaysSource, type RecentPlaysClient } from './recent-plays-source.ts';

const NOW = new Date('2026-11-23T01:00:00Z');

/** Like Spotify: newest first, and only plays strictly after `after` when given. */
function fakeClient(plays: PlayHistory[]) {
  const calls: RecentlyPlayedOptions[] = [];
  const client: RecentPlaysClient = {
    async getRecentlyPlayed(_userId, options = {}) {
      calls.push(options);
      const after = options.after;
      return plays.filter((p) => after === undefined || Date.parse(p.played_at) > after);
    },
  };
  return { client, calls };
}

const ctx = (client: RecentPlaysClient, checkpoint?: { after: number }) => ({
  client,
  userId: 'user-1',
  checkpoint,
  runId: 'run-1',
  now: NOW,
});

describe('recent-plays source', () => {
  const plays = [
    play('t3', '2026-11-23T00:50:00.000Z', 2),
    {
      ...play('t2', '2026-11-23T00:40:00.000Z', 1),
      context: { type: 'playlist', uri: 'spotify:playlist:p1' },
    },
    {
      ...play('t1', '2026-11-23T00:30:00.000Z', 0),
      track: { ...play('t1', 'x').track, external_ids: {} },
    },
  ];

  it('maps each play to a valid record and remembers the newest played_at', async () => {
    const { client, calls } = fakeClient(plays);
    const result = await recentPlaysSource.fetch(ctx(client));

    expect(calls).toEqual([{ after: undefined }]);
    expectValidRecords('recent-plays', result.records, plays);
    expectEnvelope(result.records, {
      user_id: 'user-1',
      fetched_at: NOW.getTime(),
      endpoint: 'GET /me/player/recently-played',
      run_id: 'run-1',
    });
    expect(result.records[1]).toMatchObject({
      played_at: Date.parse('2026-11-23T00:40:00Z'),
      track_id: 't2',
      track_name: "'; DROP TABLE tracks;--",
      duration_ms: 180_001,
      isrc: 'ISRCt2',
      album_id: 'al-t2',
      artist_ids: ['ar1', 'ar-t2'],
      context_type: 'playlist',
      context_uri: 'spotify:playlist:p1',
    });
    expect(result.records[2]).toMatchObject({ isrc: null, context_type: null, context_uri: null });
    expect(result.checkpoint).toEqual({ after: Date.parse('2026-11-23T00:50:00Z') });
  });

  it('sends nothing twice when run again with the returned checkpoint', async () => {
    const { client, calls } = fakeClient(plays);
    const first = await recentPlaysSource.fetch(ctx(client));
    const second = await recentPlaysSource.fetch(ctx(client, first.checkpoint));

    expect(calls[1]).toEqual({ after: Date.parse('2026-11-23T00:50:00Z') });
    expect(second.records).toEqual([]);
    expect(second.checkpoint).toEqual(first.checkpoint);
  });

  it('drops a play at the cursor even if Spotify returns it again', async () => {
    const client: RecentPlaysClient = { getRecentlyPlayed: async () => plays };
    const checkpoint = { after: Date.parse('2026-11-23T00:40:00Z') };
    const result = await recentPlaysSource.fetch(ctx(client, checkpoint));

    expect(result.records.map((r) => r.track_id)).toEqual(['t3']);
    expect(result.checkpoint).toEqual({ after: Date.parse('2026-11-23T00:50:00Z') });
  });

  it('keeps the old checkpoint when nothing new was played', async () => {
    const { client } = fakeClient([]);
    const result = await recentPlaysSource.fetch(ctx(client, { after: 42 }));
    expect(result).toEqual({ records: [], checkpoint: { after: 42 } });
  });
});
