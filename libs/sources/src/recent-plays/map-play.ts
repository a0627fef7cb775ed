import type { RecentPlay } from '@spotify-insights/schemas';
import type { PlayHistory } from '@spotify-insights/spotify';
import { envelope, itemJson, type EnvelopeInput } from '../shared/envelope.ts';
import { epochMs } from '../shared/time.ts';
import { trackFields } from '../shared/track-fields.ts';

/** One play of `GET /me/player/recently-played` as a `recent-plays` record. */
export function mapPlay(play: PlayHistory, ctx: EnvelopeInput, endpoint: string): RecentPlay {
  const { track } = play;
  return {
    ...envelope(ctx, endpoint),
    played_at: epochMs(play.played_at),
    ...trackFields(track),
    context_type: play.context?.type ?? null,
    context_uri: play.context?.uri ?? null,
    item_json: itemJson(play),
  };
}
