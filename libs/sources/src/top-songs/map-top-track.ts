import type { TopSong } from '@spotify-insights/schemas';
import type { Track } from '@spotify-insights/spotify';
import { envelope, itemJson, type EnvelopeInput } from '../shared/envelope.ts';
import type { Ranked } from '../shared/time-ranges.ts';

/** One rank of a `GET /me/top/tracks` snapshot as a `top-songs` record. */
export function mapTopTrack(
  { range, rank, item: track }: Ranked<Track>,
  snapshotDay: number,
  ctx: EnvelopeInput,
  endpoint: string,
): TopSong {
  return {
    ...envelope(ctx, endpoint),
    time_range: range,
    rank,
    snapshot_date: snapshotDay,
    track_id: track.id,
    track_name: track.name,
    album_id: track.album.id,
    artist_ids: track.artists.map((artist) => artist.id),
    popularity: track.popularity ?? null,
    item_json: itemJson(track),
  };
}
