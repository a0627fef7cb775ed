import type { SavedAlbum as SavedAlbumRecord } from '@spotify-insights/schemas';
import { OPERATIONS, type SpotifyClient } from '@spotify-insights/spotify';
import { dailySnapshot, type DailyCheckpoint } from '../shared/daily-snapshot.ts';
import { endpointOf } from '../shared/envelope.ts';
import { DAY_INTERVAL_MS } from '../shared/time.ts';
import type { SourceDefinition } from '../source-definition.ts';
import { mapSavedAlbum } from './map-saved-album.ts';

export type SavedAlbumsClient = Pick<SpotifyClient, 'getSavedAlbums'>;

const ENDPOINT = endpointOf(OPERATIONS.getSavedAlbums);

/*
 * The whole album library once a day, not only new saves: each day's records (told
 * apart by fetched_at) also show which albums are no longer saved.
 */
export const savedAlbumsSource: SourceDefinition<
  SavedAlbumRecord,
  DailyCheckpoint,
  SavedAlbumsClient
> = {
  name: 'saved-albums',
  endpoint: ENDPOINT,
  schemaName: 'saved-albums',
  defaultIntervalMs: DAY_INTERVAL_MS,

  fetch: (ctx) =>
    dailySnapshot(ctx, async () => {
      const saved = await ctx.client.getSavedAlbums(ctx.userId);
      return saved.map((item) => mapSavedAlbum(item, ctx, ENDPOINT));
    }),
};
