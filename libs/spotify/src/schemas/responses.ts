import { z } from 'zod';
import { artistDiscographyAlbumSchema, simplifiedAlbumSchema } from './album.ts';
import { artistSchema } from './artist.ts';
import { playHistorySchema, savedAlbumSchema, savedTrackSchema } from './library.ts';
import { cursorPagingSchema, pagingSchema } from './paging.ts';
import { playlistItemSchema, simplifiedPlaylistSchema } from './playlist.ts';
import { trackSchema } from './track.ts';

/** Whole response bodies, one per shape an operation answers with. */
export const recentlyPlayedPageSchema = cursorPagingSchema(playHistorySchema);
export const followedArtistsResponseSchema = z.looseObject({
  artists: cursorPagingSchema(artistSchema),
});
export const trackPageSchema = pagingSchema(trackSchema);
export const artistPageSchema = pagingSchema(artistSchema);
export const savedTrackPageSchema = pagingSchema(savedTrackSchema);
export const savedAlbumPageSchema = pagingSchema(savedAlbumSchema);
export const simplifiedPlaylistPageSchema = pagingSchema(simplifiedPlaylistSchema);
export const playlistItemPageSchema = pagingSchema(playlistItemSchema);
export const artistAlbumPageSchema = pagingSchema(artistDiscographyAlbumSchema);
export const simplifiedAlbumPageSchema = pagingSchema(simplifiedAlbumSchema);

/*
 * Search answers only the types asked for. Playlists in search results may be null
 * (Spotify returns null for entries it withholds), so that page allows null items.
 */
export const searchResponseSchema = z.looseObject({
  tracks: trackPageSchema.optional(),
  artists: artistPageSchema.optional(),
  albums: simplifiedAlbumPageSchema.optional(),
  playlists: pagingSchema(simplifiedPlaylistSchema.nullable()).optional(),
});

export type RecentlyPlayedPage = z.infer<typeof recentlyPlayedPageSchema>;
export type FollowedArtistsResponse = z.infer<typeof followedArtistsResponseSchema>;
export type SearchResponse = z.infer<typeof searchResponseSchema>;
