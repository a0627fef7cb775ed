import type { SavedTrack } from '@spotify-insights/spotify';
import { describe, expect, it } from 'vitest';
import { expectEnvelope, expectValidRecords } from '../test-support/expect-records.ts';
import { savedTrack } from '../test-support/fixtures.ts';
import {
  likedSongsSource,
  type LikedSongsCheckpoint,
  type LikedSongsClient,
} from './liked-songs-source.ts';

const NOW = new Date('2026-11-23T01:00:00Z');

/** Like the client: newest first, stopping before anything added earlier than `since`. */
function fakeClient(library: SavedTrack[]) {
  const sinces: (Date | undefined)[] = [];
  const client: LikedSongsClient = {
    async getSavedTracks(_userId, options = {}) {
      sinces.push(options.since);
      const since = options.since?.getTime() ?? -Infinity;
      return library.filter((s) => Date.parse(s.added_at) >= since);
    },
  };
  return { client, sinces };
}

const ctx = (client: LikedSongsClient, checkpoint?: LikedSongsCheckpoint) => ({
  client,
  userId: 'user-1',
  checkpoint,
  runId: 'run-7',
  now: NOW,
});

// Spotify's added_at has second precision: t4 and t3 were liked in the same second.
const library = [
  savedTrack('t4', '2026-11-22T10:00:00Z', 3),
  savedTrack('t3', '2026-11-22T10:00:00Z', 2),
  savedTrack('t2', '2026-11-22T09:00:00Z', 1),
  savedTrack('t1', '2026-11-22T08:00:00Z', 0),
];

describe('liked-songs source', () => {
  it('maps every saved track on the first run and checkpoints the newest second', async () => {
    const { client, sinces } = fakeClient(library);
    const result = await likedSongsSource.fetch(ctx(client));

    expect(sinces).toEqual([undefined]);
    expectValidRecords('liked-songs', result.records, library);
    expectEnvelope(result.records, {
      user_id: 'user-1',
      fetched_at: NOW.getTime(),
      endpoint: 'GET /me/tracks',
      run_id: 'run-7',
    });
    expect(result.records[2]).toEqual({
      user_id: 'user-1',
      fetched_at: NOW.getTime(),
      endpoint: 'GET /me/tracks',
      run_id: 'run-7',
      added_at: Date.parse('2026-11-22T09:00:00Z'),
      track_id: 't2',
      track_name: "'; DROP TABLE tracks;--",
      duration_ms: 180_001,
      isrc: 'ISRCt2',
      album_id: 'al-t2',
      artist_ids: ['ar1', 'ar-t2'],
      item_json: JSON.stringify(library[2]),
    });
    expect(result.checkpoint).toEqual({
      lastAddedAt: '2026-11-22T10:00:00.000Z',
      idsAtLastAddedAt: ['t4', 't3'],
    });
  });

  it('sends nothing again at the boundary second on the next run', async () => {
    const { client, sinces } = fakeClient(library);
    const first = await likedSongsSource.fetch(ctx(client));
    const second = await likedSongsSource.fetch(ctx(client, first.checkpoint));

    expect(sinces[1]).toEqual(new Date('2026-11-22T10:00:00Z'));
    expect(second.records).toEqual([]);
    expect(second.checkpoint).toEqual(first.checkpoint);
  });

  it('sends a song liked in the boundary second that was not sent yet', async () => {
    const first = await likedSongsSource.fetch(ctx(fakeClient(library).client));
    const later = [savedTrack('t5', '2026-11-22T10:00:00Z', 4), ...library];
    const second = await likedSongsSource.fetch(ctx(fakeClient(later).client, first.checkpoint));

    expect(second.records.map((r) => r.track_id)).toEqual(['t5']);
    expect(second.checkpoint).toEqual({
      lastAddedAt: '2026-11-22T10:00:00.000Z',
      idsAtLastAddedAt: ['t4', 't3', 't5'],
    });
    const third = await likedSongsSource.fetch(ctx(fakeClient(later).client, second.checkpoint));
    expect(third.records).toEqual([]);
  });

  it('moves the checkpoint to newer likes', async () => {
    const first = await likedSongsSource.fetch(ctx(fakeClient(library).client));
    const later = [savedTrack('t6', '2026-11-23T00:30:00Z', 5), ...library];
    const second = await likedSongsSource.fetch(ctx(fakeClient(later).client, first.checkpoint));

    expect(second.records.map((r) => r.track_id)).toEqual(['t6']);
    expect(second.checkpoint).toEqual({
      lastAddedAt: '2026-11-23T00:30:00.000Z',
      idsAtLastAddedAt: ['t6'],
    });
  });

  it('has no checkpoint for an empty library, and keeps one when nothing is new', async () => {
    expect(await likedSongsSource.fetch(ctx(fakeClient([]).client))).toEqual({
      records: [],
      checkpoint: undefined,
    });
    const checkpoint = { lastAddedAt: '2026-11-22T10:00:00.000Z', idsAtLastAddedAt: ['x'] };
    const result = await likedSongsSource.fetch(ctx(fakeClient([]).client, checkpoint));
    expect(result).toEqual({ records: [], checkpoint });
  });
});
