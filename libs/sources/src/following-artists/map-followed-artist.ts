import type { FollowedArtist } from '@spotify-insights/schemas';
import type { Artist } from '@spotify-insights/spotify';
import { envelope, itemJson, type EnvelopeInput } from '../shared/envelope.ts';

/** One artist of a `GET /me/following?type=artist` snapshot as a `following-artists` record. */
export function mapFollowedArtist(
  artist: Artist,
  snapshotDay: number,
  ctx: EnvelopeInput,
  endpoint: string,
): FollowedArtist {
  return {
    ...envelope(ctx, endpoint),
    snapshot_date: snapshotDay,
    artist_id: artist.id,
    artist_name: artist.name,
    // Removed from responses in 2026-02; kept when an older answer still has them.
    genres: artist.genres ?? null,
    followers: artist.followers?.total ?? null,
    popularity: artist.popularity ?? null,
    item_json: itemJson(artist),
  };
}
