import {
  SpotifyError,
  type PlaylistItem,
  type SimplifiedPlaylist,
} from '@spotify-insights/spotify';
import { describe, expect, it } from 'vitest';
import { expectEnvelope, expectValidRecords } from '../test-support/expect-records.ts';
import { episode, playlist, playlistEntry, track } from '../test-support/fixtures.ts';
import {
  playlistItemsSource,
  type PlaylistItemsCheckpoint,
  type PlaylistItemsClient,
} from './playlist-items-source.ts';

const NOW = new Date('2026-11-23T01:00:00Z');
const TODAY = 20_780; // 2026-11-23

const mine = playlist('p1', 'user-1', 'snap-1');
const theirs = playlist('p2', 'someone-else', 'snap-x');
const entries: PlaylistItem[] = [
  playlistEntry(track('t1', 1), '2026-10-01T12:00:00Z'),
  playlistEntry(null, '2026-10-02T12:00:00Z'), // no longer available
  playlistEntry(episode('e1'), null), // very old entry: no added_at / added_by
];

function fakeClient(
  playlists: SimplifiedPlaylist[],
  items: Record<string, PlaylistItem[] | Error>,
) {
  const itemCalls: string[] = [];
  const client: PlaylistItemsClient = {
    getPlaylists: async () => playlists,
    async getPlaylistItems(_userId, playlistId) {
      itemCalls.push(playlistId);
      const answer = items[playlistId];
      if (answer === undefined) throw new Error(`unexpected playlist ${playlistId}`);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { client, itemCalls };
}

const ctx = (client: PlaylistItemsClient, checkpoint?: PlaylistItemsCheckpoint) => ({
  client,
  userId: 'user-1',
  checkpoint,
  runId: 'run-4',
  now: NOW,
});

describe('playlist-items source', () => {
  it("maps each available position of the user's own playlists", async () => {
    const { client, itemCalls } = fakeClient([mine, theirs], { p1: entries });
    const result = await playlistItemsSource.fetch(ctx(client));

    expect(itemCalls).toEqual(['p1']);
    expectValidRecords('playlist-items', result.records, [entries[0], entries[2]]);
    expectEnvelope(result.records, {
      user_id: 'user-1',
      fetched_at: NOW.getTime(),
      endpoint: 'GET /playlists/{playlist_id}/items',
      run_id: 'run-4',
    });
    expect(result.records[0]).toMatchObject({
      playlist_id: 'p1',
      snapshot_id: 'snap-1',
      snapshot_date: TODAY,
      position: 0,
      added_at: Date.parse('2026-10-01T12:00:00Z'),
      added_by: 'adder',
      item_type: 'track',
      item_id: 't1',
      item_name: "'; DROP TABLE tracks;--",
      artist_ids: ['ar1', 'ar-t1'],
    });
    expect(result.records[1]).toMatchObject({
      position: 2,
      added_at: null,
      added_by: null,
      item_type: 'episode',
      item_id: 'e1',
      item_name: 'Folge 東京事変 — 「群青日和」',
      artist_ids: [],
    });
    expect(result.checkpoint).toEqual({ snapshots: { p1: 'snap-1' } });
  });

  it('skips a playlist whose snapshot is unchanged, keeping other entries', async () => {
    const { client, itemCalls } = fakeClient([mine], { p1: entries });
    const first = await playlistItemsSource.fetch(ctx(client, { snapshots: { gone: 'snap-old' } }));
    const second = await playlistItemsSource.fetch(ctx(client, first.checkpoint));

    expect(itemCalls).toEqual(['p1']);
    expect(second.records).toEqual([]);
    expect(second.checkpoint).toEqual({ snapshots: { gone: 'snap-old', p1: 'snap-1' } });
  });

  it('fetches a playlist again when its snapshot changed', async () => {
    const changed = playlist('p1', 'user-1', 'snap-2');
    const { client, itemCalls } = fakeClient([changed], { p1: entries.slice(0, 1) });
    const result = await playlistItemsSource.fetch(ctx(client, { snapshots: { p1: 'snap-1' } }));

    expect(itemCalls).toEqual(['p1']);
    expect(result.records.map((r) => [r.snapshot_id, r.item_id])).toEqual([['snap-2', 't1']]);
    expect(result.checkpoint).toEqual({ snapshots: { p1: 'snap-2' } });
  });

  it('skips playlists Spotify withholds from this app and goes on with the rest', async () => {
    const withheld = playlist('p3', 'user-1', 'snap-3');
    const forbidden = playlist('p4', 'user-1', 'snap-4');
    const { client } = fakeClient([withheld, forbidden, mine], {
      p3: new SpotifyError('NOT_AVAILABLE_FOR_APP', 'withheld', { status: 404 }),
      p4: new SpotifyError('FORBIDDEN', 'no', { status: 403 }),
      p1: entries,
    });
    const result = await playlistItemsSource.fetch(ctx(client));

    expect(new Set(result.records.map((r) => r.playlist_id))).toEqual(new Set(['p1']));
    // Not remembered, so they are tried again next run.
    expect(result.checkpoint).toEqual({ snapshots: { p1: 'snap-1' } });
  });

  it('fails the run on any other error', async () => {
    const { client } = fakeClient([mine], {
      p1: new SpotifyError('SERVER_ERROR', 'down', { status: 503 }),
    });
    await expect(playlistItemsSource.fetch(ctx(client))).rejects.toMatchObject({
      code: 'SERVER_ERROR',
    });
  });
});
