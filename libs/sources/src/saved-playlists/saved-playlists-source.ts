import type { SavedPlaylist } from '@spotify-insights/schemas';
import { OPERATIONS, type SpotifyClient } from '@spotify-insights/spotify';
import { dailySnapshot, type DailyCheckpoint } from '../shared/daily-snapshot.ts';
import { endpointOf } from '../shared/envelope.ts';
import { DAY_INTERVAL_MS } from '../shared/time.ts';
import type { SourceDefinition } from '../source-definition.ts';
import { mapPlaylist } from './map-playlist.ts';

export type SavedPlaylistsClient = Pick<SpotifyClient, 'getPlaylists'>;

const ENDPOINT = endpointOf(OPERATIONS.getPlaylists);

export const savedPlaylistsSource: SourceDefinition<
  SavedPlaylist,
  DailyCheckpoint,
  SavedPlaylistsClient
> = {
  name: 'saved-playlists',
  endpoint: ENDPOINT,
  schemaName: 'saved-playlists',
  defaultIntervalMs: DAY_INTERVAL_MS,

  fetch: (ctx) =>
    dailySnapshot(ctx, async () => {
      const playlists = await ctx.client.getPlaylists(ctx.userId);
      return playlists.map((playlist) => mapPlaylist(playlist, ctx, ENDPOINT));
    }),
};
