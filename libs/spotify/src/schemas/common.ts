import { z } from 'zod';

/*
 * Building blocks shared by the object schemas. Objects are "loose": fields we do not
 * model are kept, not stripped, so a raw copy of a response loses nothing Spotify sends
 * (Spotify has put fields back before, e.g. `external_ids` in 2026-03).
 */

export const externalUrlsSchema = z.looseObject({ spotify: z.string().optional() });

export const externalIdsSchema = z.looseObject({
  isrc: z.string().optional(),
  ean: z.string().optional(),
  upc: z.string().optional(),
});

export const imageSchema = z.looseObject({
  url: z.string(),
  height: z.number().int().nullable(),
  width: z.number().int().nullable(),
});

/** Removed from responses in 2026-02; optional wherever it appears. */
export const followersSchema = z.looseObject({
  href: z.string().nullable().optional(),
  total: z.number().int(),
});

export const copyrightSchema = z.looseObject({
  text: z.string(),
  type: z.string(),
});

/** Playlist owners and `added_by` users. */
export const playlistUserSchema = z.looseObject({
  external_urls: externalUrlsSchema.optional(),
  href: z.string().optional(),
  id: z.string(),
  type: z.literal('user').optional(),
  uri: z.string().optional(),
});

export const playlistOwnerSchema = playlistUserSchema.extend({
  display_name: z.string().nullable().optional(),
});

export const contextSchema = z.looseObject({
  type: z.string(),
  href: z.string().optional(),
  external_urls: externalUrlsSchema.optional(),
  uri: z.string(),
});

export type Image = z.infer<typeof imageSchema>;
export type ExternalIds = z.infer<typeof externalIdsSchema>;
export type PlaylistUser = z.infer<typeof playlistUserSchema>;
export type PlayContext = z.infer<typeof contextSchema>;
