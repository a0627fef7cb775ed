import type { TopArtist } from '@spotify-insights/schemas';
import { OPERATIONS, type SpotifyClient } from '@spotify-insights/spotify';
import { dailySnapshot, type DailyCheckpoint } from '../shared/daily-snapshot.ts';
import { endpointOf } from '../shared/envelope.ts';
import { DAY_INTERVAL_MS } from '../shared/time.ts';
import { rankedPerRange } from '../shared/time-ranges.ts';
import type { SourceDefinition } from '../source-definition.ts';
import { mapTopArtist } from './map-top-artist.ts';

export type TopArtistsClient = Pick<SpotifyClient, 'getTopArtists'>;

const ENDPOINT = endpointOf(OPERATIONS.getTopArtists);

export const topArtistsSource: SourceDefinition<TopArtist, DailyCheckpoint, TopArtistsClient> = {
  name: 'top-artists',
  endpoint: ENDPOINT,
  schemaName: 'top-artists',
  defaultIntervalMs: DAY_INTERVAL_MS,

  fetch: (ctx) =>
    dailySnapshot(ctx, async (day) => {
      const ranked = await rankedPerRange((range) => ctx.client.getTopArtists(ctx.userId, range));
      return ranked.map((entry) => mapTopArtist(entry, day, ctx, ENDPOINT));
    }),
};
