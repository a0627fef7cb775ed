import { albums } from './albums.ts';
import { artists } from './artists.ts';
import { chartEntries } from './chart-entries.ts';
import { episodePlays } from './episode-plays.ts';
import { episodes } from './episodes.ts';
import { followedArtists } from './followed-artists.ts';
import { intLatestTracks } from './int-latest-tracks.ts';
import type { IntermediateTable, TransformModel } from './model.ts';
import { playlistItems } from './playlist-items.ts';
import { playlists } from './playlists.ts';
import { plays } from './plays.ts';
import { savedAlbums } from './saved-albums.ts';
import { savedTracks } from './saved-tracks.ts';
import { topItems } from './top-items.ts';
import { trackArtists } from './track-artists.ts';
import { tracks } from './tracks.ts';
import { users } from './users.ts';

/** Tables the models read besides staging, built first. */
export const INTERMEDIATE_TABLES: readonly IntermediateTable[] = [intLatestTracks];

/**
 * The processed models, dimensions before the facts that reference them: a fact's
 * expectations read its dimensions' quarantine (see quarantined-reference.ts), and the
 * loader merges in this order too.
 */
export const TRANSFORM_MODELS: readonly TransformModel[] = [
  users,
  albums,
  artists,
  tracks,
  trackArtists,
  episodes,
  playlists,
  plays,
  episodePlays,
  savedTracks,
  savedAlbums,
  followedArtists,
  topItems,
  playlistItems,
  chartEntries,
];
