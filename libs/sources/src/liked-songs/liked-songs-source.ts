import type { LikedSong } from '@spotify-insights/schemas';
import { OPERATIONS, type SpotifyClient } from '@spotify-insights/spotify';
import { endpointOf } from '../shared/envelope.ts';
import { HOUR_MS } from '../shared/time.ts';
import type { SourceDefinition } from '../source-definition.ts';
import { isNewSince, nextCheckpoint, type LikedSongsCheckpoint } from './liked-songs-checkpoint.ts';
import { mapSavedTrack } from './map-saved-track.ts';

export type { LikedSongsCheckpoint } from './liked-songs-checkpoint.ts';
export type LikedSongsClient = Pick<SpotifyClient, 'getSavedTracks'>;

const ENDPOINT = endpointOf(OPERATIONS.getSavedTracks);

export const likedSongsSource: SourceDefinition<LikedSong, LikedSongsCheckpoint, LikedSongsClient> =
  {
    name: 'liked-songs',
    endpoint: ENDPOINT,
    schemaName: 'liked-songs',
    defaultIntervalMs: HOUR_MS,

    async fetch(ctx) {
      const { checkpoint } = ctx;
      // The list is newest first and the client stops paging before `since`, so a
      // regular run reads one short page instead of the whole library.
      const since = checkpoint ? new Date(checkpoint.lastAddedAt) : undefined;
      const saved = await ctx.client.getSavedTracks(ctx.userId, { since });
      const records = saved
        .filter((item) => isNewSince(item, checkpoint))
        .map((item) => mapSavedTrack(item, ctx, ENDPOINT));
      return { records, checkpoint: nextCheckpoint(checkpoint, saved) };
    },
  };
