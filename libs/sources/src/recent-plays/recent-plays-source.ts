import type { RecentPlay } from '@spotify-insights/schemas';
import { OPERATIONS, type SpotifyClient } from '@spotify-insights/spotify';
import { endpointOf } from '../shared/envelope.ts';
import { MINUTE_MS } from '../shared/time.ts';
import type { SourceDefinition } from '../source-definition.ts';
import { mapPlay } from './map-play.ts';

export interface RecentPlaysCheckpoint {
  /** `played_at` (epoch ms) of the newest play already sent. */
  after: number;
}

export type RecentPlaysClient = Pick<SpotifyClient, 'getRecentlyPlayed'>;

const ENDPOINT = endpointOf(OPERATIONS.getRecentlyPlayed);

export const recentPlaysSource: SourceDefinition<
  RecentPlay,
  RecentPlaysCheckpoint,
  RecentPlaysClient
> = {
  name: 'recent-plays',
  endpoint: ENDPOINT,
  schemaName: 'recent-plays',
  // Spotify keeps only the last 50 plays; every 15 min never lets them overflow.
  defaultIntervalMs: 15 * MINUTE_MS,

  async fetch(ctx) {
    const after = ctx.checkpoint?.after;
    const plays = await ctx.client.getRecentlyPlayed(ctx.userId, { after });
    const records = plays
      .map((play) => mapPlay(play, ctx, ENDPOINT))
      // The client already stops at `after`; filtering again guarantees a play at the
      // cursor is never sent twice, whatever Spotify's cursor does at the boundary.
      .filter((record) => after === undefined || !(record.played_at <= after));
    const times = records.map((r) => r.played_at).filter(Number.isFinite);
    if (times.length === 0) return { records, checkpoint: ctx.checkpoint };
    return { records, checkpoint: { after: Math.max(after ?? -Infinity, ...times) } };
  },
};
