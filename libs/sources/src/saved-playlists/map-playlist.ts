import type { SavedPlaylist } from '@spotify-insights/schemas';
import type { SimplifiedPlaylist } from '@spotify-insights/spotify';
import { envelope, itemJson, type EnvelopeInput } from '../shared/envelope.ts';

/** One playlist of `GET /me/playlists` as a `saved-playlists` record. */
export function mapPlaylist(
  playlist: SimplifiedPlaylist,
  ctx: EnvelopeInput,
  endpoint: string,
): SavedPlaylist {
  return {
    ...envelope(ctx, endpoint),
    playlist_id: playlist.id,
    name: playlist.name,
    owner_id: playlist.owner.id,
    owner_name: playlist.owner.display_name ?? null,
    // Spotify always sends a snapshot id; the client's schema keeps it optional only
    // because the spec does. '' keeps the playlist rather than dead-lettering it.
    snapshot_id: playlist.snapshot_id ?? '',
    // An absent flag means Spotify did not say it is collaborative.
    collaborative: playlist.collaborative ?? false,
    public: playlist.public ?? null,
    items_total: itemsTotal(playlist),
    item_json: itemJson(playlist),
  };
}

/** The item count: `items.total` since 2026-02, `tracks.total` in older answers. */
export function itemsTotal(playlist: SimplifiedPlaylist): number | null {
  if (playlist.items?.total !== undefined) return playlist.items.total;
  const legacy = playlist.tracks;
  if (typeof legacy === 'object' && legacy !== null && 'total' in legacy) {
    return Number.isInteger(legacy.total) ? (legacy.total as number) : null;
  }
  return null;
}
