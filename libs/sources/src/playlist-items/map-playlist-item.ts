import type { PlaylistItem as PlaylistItemRecord } from '@spotify-insights/schemas';
import type { PlaylistItem } from '@spotify-insights/spotify';
import { envelope, itemJson, type EnvelopeInput } from '../shared/envelope.ts';
import { epochMsOrNull } from '../shared/time.ts';

export interface PlaylistSnapshot {
  playlistId: string;
  snapshotId: string;
  snapshotDay: number;
}

/**
 * One position of a playlist as a `playlist-items` record, or null for an entry whose
 * track or episode Spotify can no longer resolve (`item: null`): there is nothing to
 * identify it by, and the position it held is still counted for the ones after it.
 */
export function mapPlaylistItem(
  entry: PlaylistItem,
  position: number,
  snapshot: PlaylistSnapshot,
  ctx: EnvelopeInput,
  endpoint: string,
): PlaylistItemRecord | null {
  const { item } = entry;
  if (item === null) return null;
  return {
    ...envelope(ctx, endpoint),
    playlist_id: snapshot.playlistId,
    snapshot_id: snapshot.snapshotId,
    snapshot_date: snapshot.snapshotDay,
    position,
    added_at: epochMsOrNull(entry.added_at),
    added_by: entry.added_by?.id ?? null,
    item_type: item.type,
    item_id: item.id,
    item_name: item.name,
    artist_ids: item.type === 'track' ? item.artists.map((artist) => artist.id) : [],
    item_json: itemJson(entry),
  };
}
