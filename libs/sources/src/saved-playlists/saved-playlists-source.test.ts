import type { SimplifiedPlaylist } from '@spotify-insights/spotify';
import { describe, expect, it } from 'vitest';
import { expectEnvelope, expectValidRecords } from '../test-support/expect-records.ts';
import { playlist } from '../test-support/fixtures.ts';
import { savedPlaylistsSource, type SavedPlaylistsClient } from './saved-playlists-source.ts';

const NOW = new Date('2026-11-23T01:00:00Z');
const TODAY = 20_780; // 2026-11-23

const playlists: SimplifiedPlaylist[] = [
  playlist('p1', 'user-1', 'snap-1'),
  // Spotify left out what it may: no display name, public flag, collaborative or count.
  playlist('p2', 'someone-else', 'snap-2', {
    owner: { id: 'someone-else', display_name: null },
    public: null,
    collaborative: undefined,
    items: undefined,
  }),
  // An older answer: the count under the pre-2026 `tracks` field.
  playlist('p3', 'user-1', 'snap-3', {
    collaborative: true,
    public: false,
    items: undefined,
    tracks: { href: 'h', total: 7 },
  }),
];

function fakeClient() {
  const calls: string[] = [];
  const client: SavedPlaylistsClient = {
    async getPlaylists(userId) {
      calls.push(userId);
      return playlists;
    },
  };
  return { client, calls };
}

const ctx = (client: SavedPlaylistsClient, checkpoint?: { lastSnapshotDay: number }) => ({
  client,
  userId: 'user-1',
  checkpoint,
  runId: 'run-5',
  now: NOW,
});

describe('saved-playlists source', () => {
  it('maps every playlist, with nulls where Spotify says nothing', async () => {
    const { client } = fakeClient();
    const result = await savedPlaylistsSource.fetch(ctx(client));

    expectValidRecords('saved-playlists', result.records, playlists);
    expectEnvelope(result.records, {
      user_id: 'user-1',
      fetched_at: NOW.getTime(),
      endpoint: 'GET /me/playlists',
      run_id: 'run-5',
    });
    expect(result.records[0]).toMatchObject({
      playlist_id: 'p1',
      name: 'Playlist 東京事変 — 「群青日和」',
      owner_id: 'user-1',
      owner_name: 'Ünïcødé\nsecond line \u{1F3B5}',
      snapshot_id: 'snap-1',
      collaborative: false,
      public: true,
      items_total: 3,
    });
    expect(result.records[1]).toMatchObject({
      owner_name: null,
      collaborative: false,
      public: null,
      items_total: null,
    });
    expect(result.records[2]).toMatchObject({ collaborative: true, public: false, items_total: 7 });
    expect(result.checkpoint).toEqual({ lastSnapshotDay: TODAY });
  });

  it('takes one snapshot per day', async () => {
    const { client, calls } = fakeClient();
    const first = await savedPlaylistsSource.fetch(ctx(client));
    const second = await savedPlaylistsSource.fetch(ctx(client, first.checkpoint));

    expect(calls).toHaveLength(1);
    expect(second).toEqual({ records: [], checkpoint: { lastSnapshotDay: TODAY } });
  });
});
