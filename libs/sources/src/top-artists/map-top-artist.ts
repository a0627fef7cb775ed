import type { TopArtist } from '@spotify-insights/schemas';
import type { Artist } from '@spotify-insights/spotify';
import { envelope, itemJson, type EnvelopeInput } from '../shared/envelope.ts';
import type { Ranked } from '../shared/time-ranges.ts';

/** One rank of a `GET /me/top/artists` snapshot as a `top-artists` record. */
export function mapTopArtist(
  { range, rank, item: artist }: Ranked<Artist>,
  snapshotDay: number,
  ctx: EnvelopeInput,
  endpoint: string,
): TopArtist {
  return {
    ...envelope(ctx, endpoint),
    time_range: range,
    rank,
    snapshot_date: snapshotDay,
    artist_id: artist.id,
    artist_name: artist.name,
    // Removed from responses in 2026-02; kept when an older answer still has them.
    genres: artist.genres ?? null,
    popularity: artist.popularity ?? null,
    followers: artist.followers?.total ?? null,
    item_json: itemJson(artist),
  };
}
