import { z } from 'zod';
import {
  externalUrlsSchema,
  followersSchema,
  imageSchema,
  playlistOwnerSchema,
  playlistUserSchema,
} from './common.ts';
import { pagingSchema } from './paging.ts';
import { trackSchema } from './track.ts';

/*
 * The project only reads episodes to skip them, so an episode is checked just for what
 * tells it apart from a track; the rest of it is kept as sent.
 */
export const episodeSchema = z.looseObject({
  type: z.literal('episode'),
  id: z.string(),
  name: z.string(),
  uri: z.string(),
  duration_ms: z.number().int().optional(),
});

// Discriminating on `type` keeps error paths precise (items[3].item.album.id) instead of
// "matched no member of the union".
const playableSchema = z.discriminatedUnion('type', [trackSchema, episodeSchema]);

/**
 * One entry of a playlist. Since 2026-02 the track or episode is under `item`; the
 * deprecated `track` copy may still come along and is kept unvalidated. `item` is null
 * for entries Spotify can no longer resolve.
 */
export const playlistItemSchema = z.looseObject({
  added_at: z.string().nullable().optional(),
  added_by: playlistUserSchema.nullable().optional(),
  is_local: z.boolean().optional(),
  item: playableSchema.nullable(),
  track: z.unknown().optional(),
});

/** A playlist as listed by `/me/playlists`: items only as a count and a link. */
export const simplifiedPlaylistSchema = z.looseObject({
  collaborative: z.boolean().optional(),
  description: z.string().nullable().optional(),
  external_urls: externalUrlsSchema.optional(),
  href: z.string().optional(),
  id: z.string(),
  images: z.array(imageSchema).nullable().optional(),
  name: z.string(),
  owner: playlistOwnerSchema,
  public: z.boolean().nullable().optional(),
  snapshot_id: z.string().optional(),
  items: z
    .looseObject({ href: z.string().optional(), total: z.number().int().optional() })
    .optional(),
  tracks: z.unknown().optional(),
  type: z.string().optional(),
  uri: z.string().optional(),
});

/** A playlist with the first page of its items. */
export const playlistSchema = simplifiedPlaylistSchema.extend({
  items: pagingSchema(playlistItemSchema).optional(),
  followers: followersSchema.optional(),
});

export type Episode = z.infer<typeof episodeSchema>;
export type PlaylistItem = z.infer<typeof playlistItemSchema>;
export type SimplifiedPlaylist = z.infer<typeof simplifiedPlaylistSchema>;
export type Playlist = z.infer<typeof playlistSchema>;
