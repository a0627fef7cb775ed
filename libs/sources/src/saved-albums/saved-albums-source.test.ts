import type { SavedAlbum } from '@spotify-insights/spotify';
import { describe, expect, it } from 'vitest';
import { expectEnvelope, expectValidRecords } from '../test-support/expect-records.ts';
import { hostileName, savedAlbum } from '../test-support/fixtures.ts';
import { savedAlbumsSource, type SavedAlbumsClient } from './saved-albums-source.ts';

const NOW = new Date('2026-11-23T01:00:00Z');
const TODAY = 20_780; // 2026-11-23

const first = savedAlbum('al1', '2026-11-20T08:00:00Z');
const saved: SavedAlbum[] = [
  { ...first, album: { ...first.album, label: hostileName(0), album_type: 'single' } },
  savedAlbum('al2', '2025-01-01T00:00:00Z'),
];

function fakeClient() {
  const calls: string[] = [];
  const client: SavedAlbumsClient = {
    async getSavedAlbums(userId) {
      calls.push(userId);
      return saved;
    },
  };
  return { client, calls };
}

const ctx = (client: SavedAlbumsClient, checkpoint?: { lastSnapshotDay: number }) => ({
  client,
  userId: 'user-1',
  checkpoint,
  runId: 'run-8',
  now: NOW,
});

describe('saved-albums source', () => {
  it('maps every saved album', async () => {
    const { client } = fakeClient();
    const result = await savedAlbumsSource.fetch(ctx(client));

    expectValidRecords('saved-albums', result.records, saved);
    expectEnvelope(result.records, {
      user_id: 'user-1',
      fetched_at: NOW.getTime(),
      endpoint: 'GET /me/albums',
      run_id: 'run-8',
    });
    expect(result.records[0]).toMatchObject({
      added_at: Date.parse('2026-11-20T08:00:00Z'),
      album_id: 'al1',
      album_name: "Album '; DROP TABLE tracks;--",
      album_type: 'single',
      release_date: '2024-05',
      total_tracks: 12,
      artist_ids: ['ar1', 'ar2'],
      label: '<script>alert("x")</script>',
    });
    expect(result.records[1]).toMatchObject({ album_id: 'al2', label: null });
    expect(result.checkpoint).toEqual({ lastSnapshotDay: TODAY });
  });

  it('takes one snapshot per day', async () => {
    const { client, calls } = fakeClient();
    const firstRun = await savedAlbumsSource.fetch(ctx(client));
    const secondRun = await savedAlbumsSource.fetch(ctx(client, firstRun.checkpoint));

    expect(calls).toHaveLength(1);
    expect(secondRun).toEqual({ records: [], checkpoint: { lastSnapshotDay: TODAY } });
  });
});
