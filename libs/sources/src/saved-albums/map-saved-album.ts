import type { SavedAlbum as SavedAlbumRecord } from '@spotify-insights/schemas';
import type { SavedAlbum } from '@spotify-insights/spotify';
import { envelope, itemJson, type EnvelopeInput } from '../shared/envelope.ts';
import { epochMs } from '../shared/time.ts';

/** One entry of `GET /me/albums` as a `saved-albums` record. */
export function mapSavedAlbum(
  saved: SavedAlbum,
  ctx: EnvelopeInput,
  endpoint: string,
): SavedAlbumRecord {
  const { album } = saved;
  return {
    ...envelope(ctx, endpoint),
    added_at: epochMs(saved.added_at),
    album_id: album.id,
    album_name: album.name,
    album_type: album.album_type,
    release_date: album.release_date,
    total_tracks: album.total_tracks,
    artist_ids: album.artists.map((artist) => artist.id),
    // Deprecated in 2026; null once Spotify stops sending it.
    label: album.label ?? null,
    item_json: itemJson(saved),
  };
}
