import type { LikedSong } from '@spotify-insights/schemas';
import type { SavedTrack } from '@spotify-insights/spotify';
import { envelope, itemJson, type EnvelopeInput } from '../shared/envelope.ts';
import { epochMs } from '../shared/time.ts';
import { trackFields } from '../shared/track-fields.ts';

/** One entry of `GET /me/tracks` as a `liked-songs` record. */
export function mapSavedTrack(saved: SavedTrack, ctx: EnvelopeInput, endpoint: string): LikedSong {
  const { track } = saved;
  return {
    ...envelope(ctx, endpoint),
    added_at: epochMs(saved.added_at),
    ...trackFields(track),
    item_json: itemJson(saved),
  };
}
