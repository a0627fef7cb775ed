import type { PlaylistItem as PlaylistItemRecord } from '@spotify-insights/schemas';
import {
  isSpotifyError,
  OPERATIONS,
  type PlaylistItem,
  type SimplifiedPlaylist,
  type SpotifyClient,
} from '@spotify-insights/spotify';
import { endpointOf } from '../shared/envelope.ts';
import { DAY_INTERVAL_MS, utcDay } from '../shared/time.ts';
import type { FetchContext, SourceDefinition } from '../source-definition.ts';
import { mapPlaylistItem } from './map-playlist-item.ts';

export interface PlaylistItemsCheckpoint {
  /** playlist id → the snapshot_id whose items were last sent. */
  snapshots: Record<string, string>;
}

export type PlaylistItemsClient = Pick<SpotifyClient, 'getPlaylists' | 'getPlaylistItems'>;

const ENDPOINT = endpointOf(OPERATIONS.getPlaylistItems);

type Context = FetchContext<PlaylistItemsCheckpoint, PlaylistItemsClient>;

export const playlistItemsSource: SourceDefinition<
  PlaylistItemRecord,
  PlaylistItemsCheckpoint,
  PlaylistItemsClient
> = {
  name: 'playlist-items',
  endpoint: ENDPOINT,
  schemaName: 'playlist-items',
  defaultIntervalMs: DAY_INTERVAL_MS,

  async fetch(ctx) {
    // Entries of playlists not fetched this time (unchanged, skipped, or gone) are kept,
    // so an unchanged playlist is never sent again.
    const snapshots = { ...ctx.checkpoint?.snapshots };
    const records: PlaylistItemRecord[] = [];
    const playlists = await ctx.client.getPlaylists(ctx.userId);
    for (const playlist of playlists) {
      // Since 2026-02 Spotify returns items only for the user's own playlists.
      if (playlist.owner.id !== ctx.userId) continue;
      const snapshotId = playlist.snapshot_id;
      if (snapshotId !== undefined && snapshots[playlist.id] === snapshotId) continue;
      const entries = await itemsOrSkip(ctx, playlist);
      if (entries === undefined) continue;
      records.push(...mapEntries(ctx, playlist, entries));
      // Without a snapshot id there is nothing to compare next time: fetch it again then.
      if (snapshotId !== undefined) snapshots[playlist.id] = snapshotId;
    }
    return { records, checkpoint: { snapshots } };
  },
};

/**
 * A playlist Spotify will not show this app is skipped (and retried next run) rather
 * than failing the other playlists; any other error fails the run as usual.
 */
async function itemsOrSkip(
  ctx: Context,
  playlist: SimplifiedPlaylist,
): Promise<PlaylistItem[] | undefined> {
  try {
    return await ctx.client.getPlaylistItems(ctx.userId, playlist.id);
  } catch (error) {
    if (isSpotifyError(error, 'NOT_AVAILABLE_FOR_APP') || isSpotifyError(error, 'FORBIDDEN')) {
      return undefined;
    }
    throw error;
  }
}

function mapEntries(
  ctx: Context,
  playlist: SimplifiedPlaylist,
  entries: readonly PlaylistItem[],
): PlaylistItemRecord[] {
  const snapshot = {
    playlistId: playlist.id,
    // See mapPlaylist: Spotify always sends one; '' keeps the items rather than losing them.
    snapshotId: playlist.snapshot_id ?? '',
    snapshotDay: utcDay(ctx.now),
  };
  return entries.flatMap((entry, position) => {
    const record = mapPlaylistItem(entry, position, snapshot, ctx, ENDPOINT);
    return record === null ? [] : [record];
  });
}
