import type { TopSong } from '@spotify-insights/schemas';
import { OPERATIONS, type SpotifyClient } from '@spotify-insights/spotify';
import { dailySnapshot, type DailyCheckpoint } from '../shared/daily-snapshot.ts';
import { endpointOf } from '../shared/envelope.ts';
import { DAY_INTERVAL_MS } from '../shared/time.ts';
import { rankedPerRange } from '../shared/time-ranges.ts';
import type { SourceDefinition } from '../source-definition.ts';
import { mapTopTrack } from './map-top-track.ts';

export type TopSongsClient = Pick<SpotifyClient, 'getTopTracks'>;

const ENDPOINT = endpointOf(OPERATIONS.getTopTracks);

export const topSongsSource: SourceDefinition<TopSong, DailyCheckpoint, TopSongsClient> = {
  name: 'top-songs',
  endpoint: ENDPOINT,
  schemaName: 'top-songs',
  defaultIntervalMs: DAY_INTERVAL_MS,

  fetch: (ctx) =>
    dailySnapshot(ctx, async (day) => {
      const ranked = await rankedPerRange((range) => ctx.client.getTopTracks(ctx.userId, range));
      return ranked.map((entry) => mapTopTrack(entry, day, ctx, ENDPOINT));
    }),
};
