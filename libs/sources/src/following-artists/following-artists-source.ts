import type { FollowedArtist } from '@spotify-insights/schemas';
import { OPERATIONS, type SpotifyClient } from '@spotify-insights/spotify';
import { dailySnapshot, type DailyCheckpoint } from '../shared/daily-snapshot.ts';
import { endpointOf } from '../shared/envelope.ts';
import { DAY_INTERVAL_MS } from '../shared/time.ts';
import type { SourceDefinition } from '../source-definition.ts';
import { mapFollowedArtist } from './map-followed-artist.ts';

export type FollowingArtistsClient = Pick<SpotifyClient, 'getFollowedArtists'>;

const ENDPOINT = endpointOf(OPERATIONS.getFollowedArtists);

export const followingArtistsSource: SourceDefinition<
  FollowedArtist,
  DailyCheckpoint,
  FollowingArtistsClient
> = {
  name: 'following-artists',
  endpoint: ENDPOINT,
  schemaName: 'following-artists',
  defaultIntervalMs: DAY_INTERVAL_MS,

  fetch: (ctx) =>
    dailySnapshot(ctx, async (day) => {
      const artists = await ctx.client.getFollowedArtists(ctx.userId);
      return artists.map((artist) => mapFollowedArtist(artist, day, ctx, ENDPOINT));
    }),
};
