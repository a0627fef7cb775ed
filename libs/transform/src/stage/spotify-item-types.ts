import type { TopicSourceName } from '@spotify-insights/schemas';
import { listOf, struct } from '../duckdb-types.ts';

/*
 * The parts of each raw line's `item` (the Spotify API object exactly as received) that
 * the models read, as DuckDB types. read_json keeps these keys and skips the rest
 * (images, urls, markets…), so staging stays fast and small, and a field Spotify adds
 * or removes changes nothing here; a missing key reads as NULL. The 2026 API dropped
 * popularity, followers and genres: they are declared so the extended profile and
 * older payloads still fill them.
 */

const ARTIST_REF = struct({ id: 'VARCHAR', name: 'VARCHAR' });

const ALBUM_FIELDS = {
  id: 'VARCHAR',
  name: 'VARCHAR',
  album_type: 'VARCHAR',
  release_date: 'VARCHAR',
  total_tracks: 'INTEGER',
  label: 'VARCHAR',
  popularity: 'INTEGER',
  artists: listOf(ARTIST_REF),
};

const TRACK_FIELDS = {
  id: 'VARCHAR',
  type: 'VARCHAR',
  name: 'VARCHAR',
  duration_ms: 'INTEGER',
  explicit: 'BOOLEAN',
  popularity: 'INTEGER',
  external_ids: struct({ isrc: 'VARCHAR' }),
  album: struct(ALBUM_FIELDS),
  artists: listOf(ARTIST_REF),
};

/** A full track; an album's simplified tracks read into the same type (album NULL). */
export const TRACK_TYPE = struct(TRACK_FIELDS);

/** A playlist entry's `item`: a track or a podcast episode, told apart by `type`. */
const TRACK_OR_EPISODE = struct({
  ...TRACK_FIELDS,
  release_date: 'VARCHAR',
  show: struct({ id: 'VARCHAR', name: 'VARCHAR', publisher: 'VARCHAR' }),
});

const FULL_ARTIST = struct({
  id: 'VARCHAR',
  name: 'VARCHAR',
  popularity: 'INTEGER',
  followers: struct({ total: 'INTEGER' }),
  genres: listOf('VARCHAR'),
});

/** The `item` column type of each source's staging table. */
export const ITEM_TYPES: Readonly<Record<TopicSourceName, string>> = {
  // PlayHistory
  'recent-plays': struct({ track: TRACK_TYPE }),
  // SavedTrack
  'liked-songs': struct({ track: TRACK_TYPE }),
  // Track
  'top-songs': TRACK_TYPE,
  // Artist
  'top-artists': FULL_ARTIST,
  // SimplifiedPlaylist: its typed fields say all the models need
  'saved-playlists': struct({ id: 'VARCHAR' }),
  // PlaylistTrack
  'playlist-items': struct({ item: TRACK_OR_EPISODE }),
  // Artist
  'following-artists': FULL_ARTIST,
  // SavedAlbum, with the album's (simplified) tracks
  'saved-albums': struct({
    album: struct({ ...ALBUM_FIELDS, tracks: struct({ items: listOf(TRACK_TYPE) }) }),
  }),
  // An export's play object: its typed fields say everything the models need, but which
  // export it came from: an extended history play has `ts` (to the second), an
  // account-data play `endTime` (to the minute), and the plays model dedupes them apart.
  'streaming-history': struct({ ts: 'VARCHAR', endTime: 'VARCHAR' }),
  // A chart CSV row keyed by its header: its typed fields say everything the models need.
  charts: struct({ rank: 'VARCHAR' }),
};
